FROM python:3.13-slim-bookworm
RUN apt-get update \
 && apt-get install -y libpq5=15.10-0+deb12u1 \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 app
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
USER 10001
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "2", "ledger.wsgi:application"]
