"""The site's URLs plus the trivial view every bench measures the pages against.

Used only when ``BENCH=1`` (see the settings); production never routes here.
"""

from django.urls import path

from bench import views
from newsroom.urls import handler500  # noqa: F401  (the site's: 503 while the database is away)
from newsroom.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("bench/trivial/", views.trivial, name="bench_trivial"),
    *site_urlpatterns,
]
