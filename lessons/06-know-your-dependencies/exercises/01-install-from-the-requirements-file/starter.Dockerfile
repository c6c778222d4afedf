FROM python:3.13-slim-bookworm
RUN useradd --create-home --uid 10001 app
WORKDIR /app
RUN pip install --no-cache-dir flask gunicorn
ADD . .
EXPOSE 8000
USER 10001
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "shipments:app"]
