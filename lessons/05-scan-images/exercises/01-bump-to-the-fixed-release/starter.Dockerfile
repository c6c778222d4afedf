FROM python:3.12.1-slim-bookworm
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 8000
CMD ["uvicorn", "receipts.main:app", "--host", "0.0.0.0", "--port", "8000"]
