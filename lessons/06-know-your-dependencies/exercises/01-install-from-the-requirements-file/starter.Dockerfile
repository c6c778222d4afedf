FROM python:3.13-slim-bookworm
WORKDIR /app
RUN pip install --no-cache-dir flask gunicorn
ADD . .
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "shipments:app"]
