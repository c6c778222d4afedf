ARG PYTHON_VERSION=3.13
FROM python:${PYTHON_VERSION}-slim-bookworm
RUN useradd --create-home --uid 10001 app
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 10001
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "2", "reports:app"]
