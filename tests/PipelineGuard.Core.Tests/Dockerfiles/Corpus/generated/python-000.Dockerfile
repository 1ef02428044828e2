# syntax=docker/dockerfile:1
# CI image
FROM python:3
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends jq ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install gunicorn
RUN pip install --no-cache-dir uvicorn==0.30.1
COPY . .
RUN useradd -u 1234567 -m appuser
USER appuser
EXPOSE 5000
CMD python app.py
