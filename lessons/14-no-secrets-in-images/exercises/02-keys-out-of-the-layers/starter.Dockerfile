FROM python:3.13-bookworm AS build
WORKDIR /src
COPY deploy/id_ed25519 /root/.ssh/id_ed25519
RUN chmod 600 /root/.ssh/id_ed25519 \
 && ssh-keyscan github.com >> /root/.ssh/known_hosts
COPY requirements.txt .
RUN pip install --no-cache-dir --prefix=/install -r requirements.txt
RUN rm /root/.ssh/id_ed25519

FROM python:3.13-slim-bookworm
RUN useradd --create-home --uid 10001 app
WORKDIR /app
COPY --from=build /install /usr/local
COPY . .
ENV DATABASE_URL=postgres://billing:hunter2@db.internal:5432/billing
USER 10001
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "3", "billing.wsgi:application"]
