FROM python:3.13-slim-bookworm
RUN useradd --create-home --uid 10001 --gid 0 app
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN mkdir -p /app/reports \
 && chown 10001:0 /app/reports \
 && chmod g=u /app/reports
USER 10001:0
EXPOSE 8000
CMD ["uvicorn", "reports.main:app", "--host", "0.0.0.0", "--port", "8000"]
