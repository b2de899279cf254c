"""Portraits: checked on upload, stored clean, served only through the site."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.people.factories import ReporterFactory
from tests.support.images import image_bytes

pytestmark = pytest.mark.django_db


def camera_jpeg() -> bytes:
    """A JPEG with an orientation tag and GPS data, as a phone writes it."""
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° when shown
    exif[0x8825] = {1: "N", 2: (34.0, 44.0, 0.0)}  # GPS
    return image_bytes(size=(600, 400), exif=exif)


def test_a_portrait_is_stored_upright_without_camera_data(admin_client):
    reporter = ReporterFactory(name="高轶鹏")
    url = reverse("admin:people_reporter_change", args=[reporter.pk])
    form = {"name": "高轶鹏", "slug": reporter.slug, "kind": "staff", "bio": ""}
    upload = SimpleUploadedFile("me.jpg", camera_jpeg(), "image/jpeg")
    assert admin_client.post(url, {**form, "portrait": upload}).status_code == 302
    reporter.refresh_from_db()
    with Image.open(reporter.portrait) as stored:
        assert (stored.width, stored.height) == (400, 600)  # turned upright
        assert not stored.getexif()
    page = admin_client.get(reporter.get_absolute_url()).content.decode()
    assert reporter.portrait_url in page


def test_a_portrait_that_is_not_an_image_is_refused(admin_client):
    reporter = ReporterFactory()
    url = reverse("admin:people_reporter_change", args=[reporter.pk])
    html = SimpleUploadedFile("me.jpg", b"<html><script>alert(1)</script>", "image/jpeg")
    form = {"name": reporter.name, "slug": reporter.slug, "kind": "staff", "portrait": html}
    response = admin_client.post(url, form)
    assert response.status_code == 200
    reporter.refresh_from_db()
    assert not reporter.portrait


def test_portraits_are_served_as_jpeg_through_the_site(client):
    reporter = ReporterFactory()
    reporter.portrait.save("p.jpg", ContentFile(image_bytes()), save=True)
    response = client.get(reporter.portrait_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/media/{reporter.portrait.name}").status_code == 404
