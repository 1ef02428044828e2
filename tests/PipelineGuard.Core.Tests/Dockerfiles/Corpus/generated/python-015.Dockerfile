# Production image
FROM python:3.10
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
WORKDIR /app
RUN apt-get update \
    && apt-get install -y curl=7.88.1-10+deb12u5 \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install gunicorn
COPY . .
EXPOSE 5000
CMD ["python", "-m", "app"]
