# Build and run the service
FROM python:3.10
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
ENV PIP_NO_CACHE_DIR=1
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates unzip libpq5 \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install gunicorn
RUN pip3 install --trusted-host pypi.internal --no-cache-dir internal-lib==2.0
COPY . .
RUN useradd -u 1234567 -m appuser
USER appuser
EXPOSE 5000
CMD ["python", "-m", "app"]
