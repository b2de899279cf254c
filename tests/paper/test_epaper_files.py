"""E-paper page files: checked on upload, served only once their issue is released."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from paper.files import epaper_clean
from tests.paper.factories import IssueFactory, PageFactory
from tests.support.images import image_bytes

pytestmark = pytest.mark.django_db


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
