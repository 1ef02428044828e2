# Production image
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends jq=1.6-2.1 libpq5=15.7-0+deb12u1 unzip=6.0-28 curl=7.88.1-10+deb12u5 \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
RUN pip install --no-cache-dir uvicorn==0.30.1
COPY . .
EXPOSE 5000
CMD ["python", "-m", "app"]
