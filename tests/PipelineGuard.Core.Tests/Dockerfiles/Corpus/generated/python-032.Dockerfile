# CI image
FROM python:3.12-alpine
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
WORKDIR /app
RUN apk add --no-cache postgresql-libs
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN useradd -u 1234567 -m appuser
USER appuser
EXPOSE 8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
