# syntax=docker/dockerfile:1
# CI image
FROM python:3
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
ENV PIP_NO_CACHE_DIR=1
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata libpq5 gnupg curl \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install gunicorn
RUN pip3 install --trusted-host pypi.internal --no-cache-dir internal-lib==2.0
COPY . .
EXPOSE 5000
CMD python app.py
