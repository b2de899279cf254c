"""The site's URLs. Each app keeps its own; this file only puts them together."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, register_converter

from articles.tagging import tag_suggestions
from newsroom import views
from newsroom.converters import IsoDateConverter, UnicodeSlugConverter
from newsroom.views import files

register_converter(UnicodeSlugConverter, "uslug")
register_converter(IsoDateConverter, "isodate")

admin.site.site_header = f"{settings.NEWSROOM_SITE_NAME} 采编系统"
admin.site.site_title = "采编系统"
admin.site.index_title = "编辑部工作台"

urlpatterns = [
    # The reader's site (issue 4): the paper, its archive, reporters.
    path("", views.home, name="home"),
    path("issues/", views.issue_archive, name="issue_archive"),
    path("issues/<int:year>/<int:month>/", views.issue_archive, name="issue_month"),
    path("issues/<isodate:date>/", views.issue_detail, name="issue"),
    path("issues/<isodate:date>/<int:number>/", views.page_detail, name="page"),
    path("issues/<isodate:date>/<int:number>/print", files.page_print, name="page_print"),
    path("reporters/", views.reporter_list, name="reporter_list"),
    path("reporters/<uslug:slug>/", views.reporter_detail, name="reporter"),
    path("reporters/<uslug:slug>/photos/", views.reporter_photos, name="reporter_photos"),
    path("reporters/<uslug:slug>/portrait.jpg", files.reporter_portrait, name="reporter_portrait"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("", include("articles.urls")),
    path("", include("media_library.urls")),
    path("admin/tag-suggestions/", tag_suggestions, name="tag_suggestions"),
    path("preview/", include("articles.urls_preview")),
    path("", include("search.urls")),
    path("admin/", admin.site.urls),
]

if settings.BENCH:
    # `make bench` measures every page against Django doing nothing else.
    urlpatterns += [path("bench/trivial/", views.trivial, name="bench_trivial")]
