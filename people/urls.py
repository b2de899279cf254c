"""Reporters' public pages."""

from django.urls import path

from people import views

urlpatterns = [
    path("reporters/", views.reporter_list, name="reporter_list"),
    path("reporters/<uslug:slug>/", views.reporter_detail, name="reporter"),
    path("reporters/<uslug:slug>/photos/", views.reporter_photos, name="reporter_photos"),
    path("reporters/<uslug:slug>/portrait.jpg", views.reporter_portrait, name="reporter_portrait"),
]
