# syntax=docker/dockerfile:1
# Production image
FROM python:3
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install gunicorn
COPY . .
RUN useradd -u 1234567 -m appuser
USER appuser
EXPOSE 5000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
