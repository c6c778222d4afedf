FROM python:3.13-slim-bookworm
RUN useradd --create-home --uid 10001 app
WORKDIR app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
USER 10001
EXPOSE 8000
CMD ["uvicorn", "src.main:app", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
