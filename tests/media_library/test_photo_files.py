"""A photo's file reaches readers only while an article using it is live."""

import pytest

from articles.models import Status
from tests.articles.factories import ArticleFactory
from tests.media_library.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def test_photo_of_a_live_article_is_served(client):
    photo = PhotoFactory()
    ArticleFactory(live=True).photos.add(photo)
    response = client.get(photo.file_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.WITHDRAWN]
)
def test_photo_of_unpublished_articles_is_404(client, status):
    photo = PhotoFactory()
    ArticleFactory(status=status).photos.add(photo)
    assert client.get(photo.file_url).status_code == 404
    assert client.get(photo.get_absolute_url()).status_code == 404


def test_unused_photo_is_404_for_readers_but_staff_see_it(client, admin_client):
    photo = PhotoFactory()
    assert client.get(photo.file_url).status_code == 404
    assert admin_client.get(photo.file_url).status_code == 200


def test_the_stored_file_path_is_not_a_way_in(client):
    photo = PhotoFactory()
    assert client.get(f"/media/{photo.file.name}").status_code == 404
    assert (
        client.get(f"/media/photos/{photo.pk}/{photo.file.name.split('/')[-1]}").status_code == 404
    )
