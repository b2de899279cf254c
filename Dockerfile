# The Newsroom web image: Django under gunicorn, static files by WhiteNoise.
# Configured only by environment variables (see newsroom/settings/__init__.py).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .
# collectstatic needs settings, not secrets: a throwaway key for this step only.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput -v0 \
 && useradd --system --uid 10001 --home-dir /app newsroom \
 && mkdir -p /data/media && chown newsroom /data/media

USER newsroom
# Any gunicorn started in this image (scripts/docker-web, a compose file's own
# command) logs its own lines as the site's JSON (newsroom/gunicorn_conf.py).
ENV MEDIA_ROOT=/data/media PORT=8000 \
    GUNICORN_CMD_ARGS="--config=python:newsroom.gunicorn_conf"
EXPOSE 8000
CMD ["scripts/docker-web"]
