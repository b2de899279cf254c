"""The site's URLs plus one view that fails, to see the 500 page."""

from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("broken on purpose")


urlpatterns = [path("broken/", broken), *site_urlpatterns]
