from django.http import HttpResponse


def trivial(request):
    """The baseline for benchmarks: Django's whole request path, no query, no template.

    Routed only when settings.BENCH is on (``NEWSROOM_BENCH=1``).
    """
    return HttpResponse("<!doctype html><title>ok</title><p>ok</p>")
