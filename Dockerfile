# dondoc in a container. Build: docker build -t dondoc .
# Run (PostgreSQL elsewhere, settings in an env file):
#   docker run --env-file /etc/dondoc/dondoc.env -p 8443:8443 dondoc run --webhook
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
RUN useradd --create-home --uid 1000 dondoc
COPY pyproject.toml README.md ./
COPY access ./access
COPY bot ./bot
COPY domain ./domain
COPY emulator ./emulator
COPY plans ./plans
COPY reminders ./reminders
COPY reports ./reports
COPY storage ./storage
RUN pip install --no-cache-dir . && mkdir -p /app/var && chown dondoc /app/var
USER dondoc
ENTRYPOINT ["dondoc"]
CMD ["run"]
