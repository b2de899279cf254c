"""Preview URLs for staff: 404 for everyone else (see ``articles.preview``)."""

from django.urls import path

from articles import preview

urlpatterns = [
    path("articles/<id:pk>/", preview.preview_article, name="preview_article"),
    path("issues/<isodate:date>/", preview.preview_issue, name="preview_issue"),
    path("issues/<isodate:date>/<id:number>/", preview.preview_page, name="preview_page"),
]
