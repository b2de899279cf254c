"""The day's paper and its archive, as readers browse it."""

from django.urls import path

from paper import views

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("issues/", views.issue_archive, name="issue_archive"),
    path("issues/<id:year>/<id:month>/", views.issue_archive, name="issue_month"),
    path("issues/<isodate:date>/", views.issue_detail, name="issue"),
    path("issues/<isodate:date>/<id:number>/", views.page_detail, name="page"),
    path("issues/<isodate:date>/<id:number>/print", views.page_print, name="page_print"),
    path(
        "issues/<isodate:date>/<id:number>/image/<str:spec>", views.page_image, name="page_image"
    ),
]
