# Production image
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5=15.7-0+deb12u1 tzdata=2024a-0+deb12u1
COPY requirements.txt .
RUN pip install -r requirements.txt
RUN pip install --no-cache-dir uvicorn==0.30.1
COPY . .
EXPOSE 8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
