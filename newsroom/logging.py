"""Structured logs without personal data.

``RequestLogMiddleware`` writes one line per request to ``newsroom.request``:
method, path (no query string: it may hold what a reader searched for),
status, duration and, for staff, their user id. ``RedactFilter`` drops
attributes that could carry personal data or secrets from every record.
``GoneIsNotAWarning`` keeps a withdrawn article's 410 out of the warnings.
"""

import logging
import time

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
