FROM python:3.12.8-slim-bookworm
RUN useradd --create-home --uid 10001 app
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 8000
USER 10001
CMD ["uvicorn", "receipts.main:app", "--host", "0.0.0.0", "--port", "8000"]
