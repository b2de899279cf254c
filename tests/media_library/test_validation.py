"""Every kind of bad file is refused with its own reason, before anything is stored."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from media_library.validation import inspect_upload
from tests.support.images import (
    HTML_PAGE,
    SVG_WITH_SCRIPT,
    bomb_png,
    camera_exif,
    camera_jpeg,
    image_bytes,
    truncated_jpeg,
)


def upload(name, data):
    return SimpleUploadedFile(name, data)


def refusal(name, data) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        inspect_upload(upload(name, data))
    return caught.value


@pytest.mark.parametrize(
    ("name", "fmt"), [("a.jpg", "JPEG"), ("a.png", "PNG"), ("a.webp", "WEBP"), ("a.gif", "GIF")]
)
def test_the_four_formats_are_accepted(name, fmt):
    inspection = inspect_upload(upload(name, image_bytes(fmt, size=(640, 480))))
    assert (inspection.format, inspection.width, inspection.height) == (fmt, 640, 480)


def test_an_animated_gif_is_accepted_as_a_still():
    frames = [Image.new("RGB", (500, 400), colour) for colour in ("red", "green", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100)
    assert inspect_upload(upload("moving.gif", out.getvalue())).format == "GIF"


def test_size_is_given_upright_when_the_camera_was_turned():
    inspection = inspect_upload(upload("turned.jpg", camera_jpeg(exif=camera_exif(orientation=6))))
    assert (inspection.width, inspection.height) == (800, 1200)


@pytest.mark.parametrize(
    ("name", "data", "code", "words"),
    [
        ("empty.jpg", b"", "empty", "0 字节"),
        ("cut.jpg", truncated_jpeg(), "corrupt", "不完整或已损坏"),
        ("bomb.png", bomb_png(), "too_many_pixels", "解压炸弹"),
        ("huge.png", bomb_png(30_000), "too_many_pixels", "解压炸弹"),
        ("script.svg", SVG_WITH_SCRIPT, "suffix", "“.svg”"),
        ("script.jpg", SVG_WITH_SCRIPT, "markup", "不是图片"),
        ("page.jpg", HTML_PAGE, "markup", "不是图片"),
        ("page.html", HTML_PAGE, "suffix", "“.html”"),
        ("noise.jpg", b"\xff\xd8\xff" + bytes(range(256)) * 8, "not_image", "无法识别为图片"),
        ("photo.jpg", image_bytes("PNG"), "mismatch", "内容却是 PNG 图片"),
        ("photo.png", image_bytes("JPEG"), "mismatch", "内容却是 JPEG 图片"),
        ("tiny.jpg", image_bytes(size=(300, 200)), "too_small", "短边至少需要 400 像素"),
        ("noname", image_bytes(), "suffix", "无后缀"),
    ],
)
def test_bad_files_are_refused_with_their_reason(name, data, code, words):
    error = refusal(name, data)
    assert error.code == code
    assert words in error.message


def test_the_limits_come_from_settings(settings):
    settings.PHOTO_MAX_UPLOAD_SIZE = 1000
    error = refusal("big.jpg", camera_jpeg())
    assert error.code == "too_large"
    assert "不能超过 1000 字节" in error.message.replace("\xa0", " ")

    settings.PHOTO_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    settings.PHOTO_MAX_PIXELS = 500 * 500
    assert refusal("many.jpg", image_bytes(size=(600, 500))).code == "too_many_pixels"

    settings.PHOTO_MAX_PIXELS = 80_000_000
    settings.PHOTO_MIN_SIDE = 700
    assert refusal("small.jpg", image_bytes(size=(650, 400))).code == "too_small"
