# Build and run the service
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
ENV PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY requirements.txt .
RUN pip install gunicorn
COPY . .
RUN adduser --disabled-password --gecos '' appuser
USER appuser
EXPOSE 5000
CMD ["python", "-m", "app"]
