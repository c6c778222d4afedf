FROM python:3.13-slim-bookworm
RUN useradd --create-home --uid 1000 app
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN mkdir -p /app/reports && chown app:app /app/reports
USER 1000
EXPOSE 8000
CMD ["uvicorn", "reports.main:app", "--host", "0.0.0.0", "--port", "8000"]
