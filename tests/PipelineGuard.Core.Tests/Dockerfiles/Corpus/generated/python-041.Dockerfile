# Production image
FROM python:3
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends gnupg=2.2.40-1.1 ca-certificates=20230311 libpq5=15.7-0+deb12u1
COPY requirements.txt .
RUN pip install gunicorn
COPY . .
RUN adduser --disabled-password --gecos '' appuser
USER appuser
EXPOSE 5000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
