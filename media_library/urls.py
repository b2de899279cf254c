from django.urls import path

from media_library import views

urlpatterns = [
    path("media/photos/<id:pk>/<str:name>", views.photo_file, name="photo_file"),
]
