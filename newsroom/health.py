"""``/healthz`` for load balancers: is this process able to serve?

Answered by a middleware at the top of the stack, so a health check from the
balancer's own address (not in ALLOWED_HOSTS) over plain http (no https
redirect) still gets an answer, and no session, CSRF or cache work is done.
"""

import json
import time

from django.core.cache import cache
from django.db import connections
from django.http import HttpResponse

PATH = "/healthz"


def check_database() -> str:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_cache() -> str:
    key = "healthz:probe"
    value = str(time.monotonic())
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("cache did not return what was stored")
    return "ok"


def health() -> tuple[int, dict]:
    """``(HTTP status, report)``: 503 when this process cannot serve.

    Only the database is needed to serve: without the cache (Redis down) every
    page is rendered from the database, slower but right, so the process
    stays in the balancer's pool and reports itself degraded for monitoring.
    Failing the check then would take every web process out at once.
    """
    # The cache is checked whether it is Redis or this process's memory, so
    # the answer always has the same keys (a monitor need not know which).
    report, status, overall = {}, 200, "ok"
    for name, check, needed in (
        ("database", check_database, True),
        ("cache", check_cache, False),
    ):
        try:
            report[name] = check()
        except Exception as error:  # any failure of a check is reported as such
            report[name] = f"error: {type(error).__name__}"
            if needed:
                status, overall = 503, "fail"
            elif overall == "ok":
                overall = "degraded"
    return status, {"status": overall, **report}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != PATH:
            return self.get_response(request)
        status, report = health()
        response = HttpResponse(
            json.dumps(report),
            status=status,
            content_type="application/json",
        )
        response["Cache-Control"] = "no-store"
        return response
