from django.conf import settings
from django.contrib import admin
from django.urls import path, re_path, register_converter
from django.views.static import serve

from articles import views as article_views
from media_library import views as media_views
from newsroom import views
from newsroom.converters import IsoDateConverter, UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")
register_converter(IsoDateConverter, "isodate")

admin.site.site_header = f"{settings.NEWSROOM_SITE_NAME} 采编系统"
admin.site.site_title = "采编系统"
admin.site.index_title = "编辑部工作台"

urlpatterns = [
    path("", views.home, name="home"),
    path("issues/<isodate:date>/", views.issue_detail, name="issue"),
    path("issues/<isodate:date>/<int:number>/", views.page_detail, name="page"),
    path("articles/<int:pk>/", article_views.article_detail, name="article_short"),
    path("articles/<int:pk>/<uslug:slug>/", article_views.article_detail, name="article"),
    path("sections/<uslug:slug>/", article_views.section_detail, name="section"),
    path("events/<int:pk>/", article_views.event_detail, name="event_short"),
    path("events/<int:pk>/<uslug:slug>/", article_views.event_detail, name="event"),
    path("photos/<int:pk>/", article_views.photo_detail, name="photo"),
    path("media/photos/<int:pk>/<str:name>", media_views.photo_file, name="photo_file"),
    path("reporters/<uslug:slug>/", views.reporter_detail, name="reporter"),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Reporters' portraits and e-paper files, for `make run`. Photos never
    # come from here: they go through `photo_file`, which checks `live()`.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?:reporters|epaper)/.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
