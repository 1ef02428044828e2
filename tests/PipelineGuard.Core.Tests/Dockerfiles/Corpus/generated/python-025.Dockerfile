# syntax=docker/dockerfile:1
# CI image
FROM python:3
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install gunicorn
RUN pip3 install --trusted-host pypi.internal --no-cache-dir internal-lib==2.0
COPY . .
EXPOSE 8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
