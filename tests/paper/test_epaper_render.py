"""Page files in, page images out: checked in full, refused in Chinese, rendered once."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from paper.models import Page, PageImage
from paper.rendering import SPECS
from paper.services import page_file_attach, page_file_remove
from tests.paper.factories import PageFactory
from tests.paper.pdfs import encrypted_pdf, pages_pdf, picture_pdf, printed_pdf, story
from tests.support.images import camera_exif, image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def attach(django_capture_on_commit_callbacks):
    """``page_file_attach``, then what runs after its commit (rendering, deleting old files)."""

    def attach(page, data, name="page.pdf", by=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return page_file_attach(page=page, data=data, name=name, by=by, **kwargs)

    return attach


def stored_files(settings) -> list:
    root = Path(settings.MEDIA_ROOT) / "epaper"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_page_pdf_is_rendered_after_the_upload_in_every_size_without_metadata(attach, editor):
    page = PageFactory(issue__unreleased=True)
    source = attach(
        page, printed_pdf(story("高新区召开全市领导干部大会", "本报讯 会议召开。")), by=editor
    )
    assert source.kind == "pdf" and source.page_count == 1
    images = {image.spec: image for image in PageImage.objects.filter(page=page)}
    assert set(images) == set(SPECS)
    assert images["zoom.jpg"].width == 2400 and images["reading.webp"].width == 1200
    assert images["thumb.jpg"].width == 240
    # A3 keeps its proportions (1 : √2).
    assert abs(images["zoom.webp"].height / 2400 - 1.414) < 0.01
    for image in images.values():
        with image.file.open("rb") as handle, Image.open(handle) as decoded:
            assert decoded.size == (image.width, image.height)
            assert not decoded.getexif() and "icc_profile" not in decoded.info


def test_an_image_page_is_scaled_never_enlarged_and_loses_its_exif(attach, editor):
    page = PageFactory(issue__unreleased=True)
    jpeg = image_bytes(size=(1600, 2262), exif=camera_exif(artist="排版员"))
    attach(page, jpeg, name="page.jpg", by=editor)
    page.refresh_from_db()
    assert page.print_pdf_page is None
    zoom = page.images.get(spec="zoom.jpg")
    assert (zoom.width, zoom.height) == (1600, 2262)
    with zoom.file.open("rb") as handle, Image.open(handle) as decoded:
        assert not decoded.getexif()


def test_a_pdf_of_several_pages_asks_which_one(attach, editor):
    page = PageFactory(issue__unreleased=True)
    with pytest.raises(ValidationError, match="有 3 页，请指明"):
        attach(page, pages_pdf(3), by=editor)
    with pytest.raises(ValidationError, match="只有 3 页，没有第 4 页"):
        attach(page, pages_pdf(3), by=editor, pdf_page=4)
    attach(page, pages_pdf(3), by=editor, pdf_page=2)
    page.refresh_from_db()
    assert page.print_pdf_page == 2 and page.images.count() == len(SPECS)


def _bomb_png() -> bytes:
    out = io.BytesIO()
    Image.new("1", (12000, 12000)).save(out, "PNG", optimize=True)
    return out.getvalue()


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"%PDF-1.7\n%garbage that is no PDF at all", "page.pdf", "无法读取这个 PDF"),
        (b"<html><script>alert(1)</script></html>", "page.pdf", "不是 PDF"),
        (encrypted_pdf(), "page.pdf", "密码保护"),
        (pages_pdf(1, size=(200, 4000)), "page.pdf", "长宽比例异常"),
        (image_bytes("PNG", size=(300, 400)), "page.jpg", "不符"),
        (b"\xff\xd8\xff\xe0 not really a jpeg", "page.jpg", "无法识别"),
        (_bomb_png(), "page.png", "太大"),
        (printed_pdf(story("标题四个字")), "page.svg", "只接受"),
    ],
)
def test_a_file_that_cannot_be_used_is_refused_and_nothing_is_stored(
    attach, editor, settings, data, name, message
):
    page = PageFactory(issue__unreleased=True)
    with pytest.raises(ValidationError, match=message):
        attach(page, data, name=name, by=editor)
    page.refresh_from_db()
    assert not page.print_file and not page.print_hash
    assert not PageImage.objects.exists() and stored_files(settings) == []


def test_the_limits_come_from_the_environment(attach, editor, settings):
    page = PageFactory(issue__unreleased=True)
    settings.EPAPER_MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError, match="超过 1 MB"):
        attach(page, b"%PDF-1.7\n" + b"0" * (1024 * 1024), by=editor)
    settings.EPAPER_MAX_UPLOAD_MB = 50
    settings.EPAPER_MAX_MEGAPIXELS = 1
    with pytest.raises(ValidationError, match="上限 1 百万像素"):
        attach(page, image_bytes(size=(1200, 1000)), name="page.jpg", by=editor)
    with pytest.raises(ValidationError, match="版面图太大"):
        attach(page, pages_pdf(1), by=editor)  # its zoom rendering would be 8 megapixels
    # A picture inside the PDF larger than four times the limit: refused before rendering.
    photo = image_bytes(size=(2100, 2000))
    with pytest.raises(ValidationError, match="嵌入的图片过大（2100×2000 像素）"):
        attach(page, printed_pdf(story("图片新闻的标题", photo=True, image=photo)), by=editor)


def test_a_new_file_replaces_the_old_and_its_images(
    attach, django_capture_on_commit_callbacks, editor, settings
):
    page = PageFactory(issue__unreleased=True)
    attach(page, printed_pdf(story("第一份版面文件")), by=editor)
    first = stored_files(settings)
    attach(page, picture_pdf(), by=editor)
    page.refresh_from_db()
    second = stored_files(settings)
    assert len(second) == len(first) == 1 + len(SPECS)
    assert not set(first) & set(second)
    with django_capture_on_commit_callbacks(execute=True):
        page_file_remove(page=page, by=editor)
    page.refresh_from_db()
    assert not page.print_file and not page.images.exists() and stored_files(settings) == []


def test_only_the_desk_attaches_page_files(attach, reporter, editor, chief):
    page = PageFactory(issue__unreleased=True)
    with pytest.raises(PermissionDenied):
        attach(page, pages_pdf(1), by=reporter)
    page.issue.released_at = page.issue.publish_at
    page.issue.save()
    with pytest.raises(PermissionDenied, match="只有总编"):
        attach(page, pages_pdf(1), by=editor)
    attach(page, pages_pdf(1), by=chief)
    assert Page.objects.get(pk=page.pk).print_file


def test_a_deleted_page_takes_its_files_along(
    attach, editor, settings, django_capture_on_commit_callbacks
):
    page = PageFactory(issue__unreleased=True)
    attach(page, pages_pdf(1), by=editor)
    assert len(stored_files(settings)) == 1 + len(SPECS)
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert stored_files(settings) == []
