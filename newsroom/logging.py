"""Structured logs without personal data.

``RequestLogMiddleware`` writes one line per request to ``newsroom.request``:
method, path (no query string: it may hold what a reader searched for),
status, duration and, for staff, their user id. ``RedactFilter`` drops
attributes that could carry personal data or secrets from every record.
``GoneIsNotAWarning`` keeps a withdrawn article's 410 out of the warnings,
``ForeignHostIsNotAnError`` a request for another site's name out of the
errors. ``config()`` is the one logging setup, for Django (the settings) and
for gunicorn's own lines (``newsroom/gunicorn_conf.py``), so the two write
the same JSON lines with the same ISO 8601 times (UTC, offset included).
"""

import datetime
import logging
import time

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

request_log = logging.getLogger("newsroom.request")

#: Record attributes never to write out: Django attaches the request object to
#: error records (cookies, session ids, addresses live there).
REDACTED = ("request", "META", "COOKIES", "password", "sessionid", "csrftoken")


class RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None:
            record.method = getattr(request, "method", None)
            record.path = getattr(request, "path", None)
        for name in REDACTED:
            if name in record.__dict__:
                del record.__dict__[name]
        return True


class GoneIsNotAWarning(logging.Filter):
    """``django.request`` logs every 4xx as a warning. A 410 is the site
    answering as designed (a reader followed a link to a withdrawn article),
    so it is logged as information: a warning should be worth reading."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 410 and record.levelno == logging.WARNING:
            record.levelno, record.levelname = logging.INFO, logging.getLevelName(logging.INFO)
        return True


class ForeignHostIsNotAnError(logging.Filter):
    """A request naming a host we do not serve (``DisallowedHost``) is a
    scanner or a misconfigured proxy, not a fault of ours: Django logs it as
    an ERROR with a traceback of its own code. A warning, without one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


class JsonFormatter(_JsonFormatter):
    """One JSON object per line, its time in ISO 8601 with the UTC offset.

    In UTC (``2026-12-03T08:15:59.215+00:00``): gunicorn's master logs before
    Django sets the process's time zone and its workers after, and lines from
    both should compare and sort as they stand.
    """

    def formatTime(self, record, datefmt=None):
        moment = datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC)
        return moment.isoformat(timespec="milliseconds")


def config(log_format: str = "json", level: str = "INFO") -> dict:
    """The ``logging.config.dictConfig`` of every process: the site and gunicorn."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
            "json": {
                "()": "newsroom.logging.JsonFormatter",
                "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            },
        },
        "filters": {
            "redact": {"()": "newsroom.logging.RedactFilter"},
            "gone_is_not_a_warning": {"()": "newsroom.logging.GoneIsNotAWarning"},
            "foreign_host_is_not_an_error": {"()": "newsroom.logging.ForeignHostIsNotAnError"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["redact"],
                # Here too: a record whose level a filter lowered is held to it.
                "level": level,
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "INFO"},
            "django.request": {"filters": ["gone_is_not_a_warning"]},
            "django.security.DisallowedHost": {"filters": ["foreign_host_is_not_an_error"]},
            # django.server repeats what newsroom.request says, with the address.
            "django.server": {"level": "WARNING"},
            # gunicorn's own lines (start, workers, timeouts, crashes) go to
            # the root's handler like everything else. Its access log would
            # repeat newsroom.request with client addresses: it stays off.
            "gunicorn.error": {"handlers": [], "propagate": True, "level": level},
            "gunicorn.access": {"handlers": [], "propagate": False, "level": "WARNING"},
        },
    }


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        request_log.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "staff_user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response
