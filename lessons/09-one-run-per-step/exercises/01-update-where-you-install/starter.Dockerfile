FROM python:3.13-slim-bookworm@sha256:5b0e8a7c3f1d9e2b4a6c8d0f2e4b6a8c0d2f4e6a8b0c2d4e6f8a0b2c4d6e8f0a
RUN apt-get update
RUN apt-get install -y --no-install-recommends libpq5=15.10-0+deb12u1 poppler-utils=22.12.0-2+deb12u3
RUN rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 worker
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 10001
CMD ["celery", "--app", "previews.worker", "worker", "--loglevel", "INFO"]
