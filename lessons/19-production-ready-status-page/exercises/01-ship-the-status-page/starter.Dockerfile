FROM ubuntu:latest
RUN apt update
RUN apt install -y nginx curl vim
WORKDIR /build
COPY --chown www-data:www-data . .
RUN chmod +x generate-status && ./generate-status > /var/www/html/index.html
EXPOSE 80
CMD nginx -g "daemon off;"
