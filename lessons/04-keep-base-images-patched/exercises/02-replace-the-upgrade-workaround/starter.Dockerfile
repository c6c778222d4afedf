ARG PYTHON_VERSION=3.9
FROM python:${PYTHON_VERSION}-slim-buster
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 app
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 10001
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "2", "reports:app"]
