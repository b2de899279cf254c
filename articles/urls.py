"""Public URLs of the articles app: articles, sections, events, photos."""

from django.urls import path

from articles import views

urlpatterns = [
    path("articles/<int:pk>/", views.article_detail, name="article_short"),
    path("articles/<int:pk>/<uslug:slug>/", views.article_detail, name="article"),
    path("sections/<uslug:slug>/", views.section_detail, name="section"),
    path("events/<int:pk>/", views.event_detail, name="event_short"),
    path("events/<int:pk>/<uslug:slug>/", views.event_detail, name="event"),
    path("photos/<int:pk>/", views.photo_detail, name="photo"),
]
