"""Requests no page of ours is for, refused before any view runs.

- A method other than GET, HEAD and POST (TRACE, PUT, DELETE, OPTIONS …):
  405 with an ``Allow`` header. A function view answers any method with its
  page, TRACE included.
- A NUL character in the path or the query string: 400 (templates/400.html).
  No address of ours holds one, and PostgreSQL refuses it inside a string,
  so ``?q=%00`` reached a search as a server error.
"""

from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponseNotAllowed
from django.views.defaults import bad_request

ALLOWED_METHODS = ("GET", "HEAD", "POST")


def _holds_nul(request) -> bool:
    if "\x00" in request.path:
        return True
    return any("\x00" in key or "\x00" in "".join(values) for key, values in request.GET.lists())


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ALLOWED_METHODS:
            return HttpResponseNotAllowed(
                ALLOWED_METHODS,
                content="不支持这种请求方法。\n".encode(),
                content_type="text/plain; charset=utf-8",
            )
        if _holds_nul(request):
            return bad_request(request, SuspiciousOperation("NUL in the address"))
        return self.get_response(request)
