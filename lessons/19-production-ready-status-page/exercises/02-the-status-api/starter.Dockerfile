FROM python:3.13
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
EXPOSE 8000
CMD uvicorn status_api.main:app --host 0.0.0.0 --port 8000 --reload
