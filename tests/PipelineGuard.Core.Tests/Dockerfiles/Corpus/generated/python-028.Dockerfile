# Build and run the service
FROM python:3
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
ENV PIP_NO_CACHE_DIR=1
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends gnupg git
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
RUN pip3 install --trusted-host pypi.internal --no-cache-dir internal-lib==2.0
COPY . .
RUN useradd -u 1234567 -m appuser
USER appuser
EXPOSE 8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
