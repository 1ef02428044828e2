# syntax=docker/dockerfile:1
# Production image
FROM python:3
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends gnupg=2.2.40-1.1 libpq5=15.7-0+deb12u1 unzip=6.0-28 curl=7.88.1-10+deb12u5 \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 8000
CMD python app.py
