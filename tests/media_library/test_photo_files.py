"""A photo's files reach readers only while an article using it is live, and
readers only ever get renditions: the original is for staff."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Status
from tests.articles.factories import ArticleFactory
from tests.media_library.factories import PhotoFactory
from tests.paper.factories import IssueFactory

pytestmark = pytest.mark.django_db


def rendition_urls(photo):
    return [r.url for r in photo.renditions.all()]


def test_renditions_of_a_live_article_photo_are_served(client):
    photo = PhotoFactory(renditions=True)
    ArticleFactory(live=True).photos.add(photo)
    urls = rendition_urls(photo)
    assert len(urls) >= 8
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == (
            "image/webp" if url.endswith(".webp") else "image/jpeg"
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "public" in response["Cache-Control"]


def test_the_original_is_for_staff_only_even_when_public(client, admin_client):
    photo = PhotoFactory(renditions=True)
    ArticleFactory(live=True).photos.add(photo)
    assert client.get(photo.file_url).status_code == 404
    response = admin_client.get(photo.file_url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.WITHDRAWN]
)
def test_photo_of_unpublished_articles_is_404(client, status):
    photo = PhotoFactory(renditions=True)
    ArticleFactory(status=status).photos.add(photo)
    for url in [*rendition_urls(photo), photo.file_url, photo.get_absolute_url()]:
        assert client.get(url).status_code == 404, url


def test_scheduled_and_unreleased_articles_do_not_make_a_photo_public(client):
    photo = PhotoFactory(renditions=True)
    ArticleFactory(
        status=Status.PUBLISHED, publish_at=timezone.now() + datetime.timedelta(hours=1)
    ).photos.add(photo)
    ArticleFactory(live=True, issue=IssueFactory(unreleased=True)).photos.add(photo)
    assert all(client.get(url).status_code == 404 for url in rendition_urls(photo))


def test_a_photo_goes_dark_when_its_last_live_article_is_withdrawn(client):
    photo = PhotoFactory(renditions=True)
    first, second = ArticleFactory(live=True), ArticleFactory(live=True)
    first.photos.add(photo)
    second.photos.add(photo)
    url = rendition_urls(photo)[0]
    first.status = Status.WITHDRAWN
    first.save()
    assert client.get(url).status_code == 200
    second.status = Status.WITHDRAWN
    second.save()
    assert client.get(url).status_code == 404


def test_an_expired_licence_takes_the_photo_off_the_site(client, admin_client):
    photo = PhotoFactory(renditions=True, usage_expires=timezone.localdate())
    ArticleFactory(live=True).photos.add(photo)
    url = rendition_urls(photo)[0]
    assert client.get(url).status_code == 200  # the last day still counts
    photo.usage_expires = timezone.localdate() - datetime.timedelta(days=1)
    photo.save()
    assert client.get(url).status_code == 404
    assert client.get(photo.get_absolute_url()).status_code == 404
    assert admin_client.get(url).status_code == 200


def test_unused_photo_is_404_for_readers_but_staff_see_it(client, admin_client):
    photo = PhotoFactory(renditions=True)
    url = rendition_urls(photo)[0]
    assert client.get(url).status_code == 404
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(photo.file_url).status_code == 200


def test_the_stored_file_path_is_not_a_way_in(client):
    photo = PhotoFactory(renditions=True)
    ArticleFactory(live=True).photos.add(photo)
    rendition = photo.renditions.first()
    for path in (
        f"/media/{photo.file.name}",
        f"/media/{rendition.file.name}",
        f"/media/photos/{photo.pk}/{photo.file.name.split('/')[-1]}",
        f"/media/photos/{photo.pk}/{rendition.file.name.split('/')[-1]}",
        f"/media/photos/{photo.pk}/w800.png",
        f"/media/photos/{photo.pk}/original.jpg",
    ):
        assert client.get(path).status_code == 404, path
