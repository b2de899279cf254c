"""Requests no page of ours is for, refused before any view runs.

A method other than GET, HEAD and POST (TRACE, PUT, DELETE, OPTIONS …) is
answered 405 with an ``Allow`` header: a function view answers any method
with its page, TRACE included.
"""

from django.http import HttpResponseNotAllowed

ALLOWED_METHODS = ("GET", "HEAD", "POST")


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
        return self.get_response(request)
