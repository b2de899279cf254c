from django.http import HttpResponse


def trivial(request):
    """What `make bench` measures the public pages against: Django and nothing else.

    Routed only when ``settings.BENCH`` is on.
    """
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
