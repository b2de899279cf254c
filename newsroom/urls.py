"""The site's URLs. Each app keeps its own; this file only puts them together."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, register_converter

from newsroom.converters import IdConverter, IsoDateConverter, UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")
register_converter(IsoDateConverter, "isodate")
# Every integer in a URL: Django's own "int" lets ids past the database's
# range through to the query (tests/newsroom/test_hostile_requests.py).
register_converter(IdConverter, "id")

admin.site.site_header = f"{settings.NEWSROOM_SITE_NAME} 采编系统"
admin.site.site_title = "采编系统"
admin.site.index_title = "编辑部工作台"
# Each desk person's start screen, with the app list one click away.
admin.site.index_template = "admin/desk/index.html"

# The database unreachable: 503 with Retry-After; any other error: the 500 page.
handler500 = "newsroom.outage.server_error"
# A refusal says why (newsroom/denied.py).
handler403 = "newsroom.denied.permission_denied"

urlpatterns = [
    path("", include("paper.urls")),
    path("", include("people.urls")),
    path("", include("media_library.urls")),
    path("", include("articles.urls")),
    path("preview/", include("articles.urls_preview")),
    path("", include("search.urls")),
    path("admin/", admin.site.urls),
]
