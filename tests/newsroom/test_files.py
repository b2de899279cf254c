"""Portraits and e-paper pages: checked on upload, served only through the site."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from newsroom.files import epaper_clean
from tests.images import image_bytes
from tests.newsroom.factories import IssueFactory, PageFactory, ReporterFactory

pytestmark = pytest.mark.django_db


def camera_jpeg() -> bytes:
    """A JPEG with an orientation tag and GPS data, as a phone writes it."""
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° when shown
    exif[0x8825] = {1: "N", 2: (34.0, 44.0, 0.0)}  # GPS
    return image_bytes(size=(600, 400), exif=exif)


def test_a_portrait_is_stored_upright_without_camera_data(admin_client):
    reporter = ReporterFactory(name="高轶鹏")
    url = reverse("admin:newsroom_reporter_change", args=[reporter.pk])
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
    url = reverse("admin:newsroom_reporter_change", args=[reporter.pk])
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


def pdf(name="page.pdf", body=b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n%%EOF"):
    return SimpleUploadedFile(name, body, "application/pdf")


@pytest.mark.parametrize(
    "upload, message",
    [
        (pdf(body=b"<html>not a pdf</html>"), "不是 PDF"),
        (pdf(name="page.html"), "只接受"),
        (SimpleUploadedFile("page.png", image_bytes(fmt="JPEG"), "image/png"), "不符"),
        (SimpleUploadedFile("page.jpg", b"\xff\xd8garbage", "image/jpeg"), "无法识别"),
    ],
)
def test_an_epaper_file_must_be_what_it_says(upload, message):
    with pytest.raises(ValidationError, match=message):
        epaper_clean(upload)


def test_the_epaper_page_waits_for_its_issue(client):
    page = PageFactory(issue=IssueFactory(unreleased=True), number=5)
    page.print_file.save("page.pdf", ContentFile(pdf().read()), save=True)
    url = reverse("page_print", args=[page.issue.date, 5])
    assert client.get(url).status_code == 404
    page.issue.released_at = page.issue.publish_at
    page.issue.save()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "查看版面原样" in client.get(page.get_absolute_url()).content.decode()
