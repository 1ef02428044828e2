# Build and run the service
FROM python:3
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN adduser --disabled-password --gecos '' appuser
USER appuser
EXPOSE 5000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
