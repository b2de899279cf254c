"""The site's URLs plus views that fail, to see the 500 and 503 pages."""

from django.db import OperationalError
from django.urls import path

from newsroom.urls import handler500  # noqa: F401  (the site's own error handler)
from newsroom.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("broken on purpose")


def database_gone(request):
    raise OperationalError("server closed the connection unexpectedly")


urlpatterns = [
    path("broken/", broken),
    path("database-gone/", database_gone),
    *site_urlpatterns,
]
