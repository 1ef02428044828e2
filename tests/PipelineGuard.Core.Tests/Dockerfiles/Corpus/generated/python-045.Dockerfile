# Production image
FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
ENV PIP_NO_CACHE_DIR=1
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates=20230311
COPY requirements.txt .
RUN pip install gunicorn
COPY . .
RUN useradd -u 1234567 -m appuser
USER appuser
EXPOSE 8000
CMD ["python", "-m", "app"]
