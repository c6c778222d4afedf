FROM python:3.13-bookworm AS build
WORKDIR /src
RUN mkdir -p -m 0700 /root/.ssh \
 && ssh-keyscan github.com >> /root/.ssh/known_hosts
COPY requirements.txt .
RUN --mount=type=ssh pip install --no-cache-dir --prefix=/install -r requirements.txt

FROM python:3.13-slim-bookworm
RUN useradd --create-home --uid 10001 app
WORKDIR /app
COPY --from=build /install /usr/local
COPY . .
USER 10001
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "3", "billing.wsgi:application"]
