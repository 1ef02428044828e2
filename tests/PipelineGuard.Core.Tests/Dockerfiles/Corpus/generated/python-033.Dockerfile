# syntax=docker/dockerfile:1
# CI image
FROM python:3
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends jq=1.6-2.1 unzip=6.0-28 ca-certificates=20230311 libpq5=15.7-0+deb12u1 \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install gunicorn
COPY . .
EXPOSE 8000
CMD python app.py
