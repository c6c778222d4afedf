FROM python:3.13-slim-bookworm@sha256:7d2b5f8a1c4e6b9d0f3a5c7e9b1d4f6a8c0e2b5d7f9a1c3e6b8d0f2a4c7e9b1d
RUN useradd --create-home --uid 10001 api
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
CMD ["uvicorn", "status_api.main:app", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
