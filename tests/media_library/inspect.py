"""What tests look for in a served image: its real format and size, and no metadata."""

import io
import os

from django.conf import settings
from PIL import Image

from tests.support.images import SERIAL

PILLOW_FORMATS = {"webp": "WEBP", "jpg": "JPEG"}


def stored_files() -> set[str]:
    root = settings.MEDIA_ROOT
    return {
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _dirs, names in os.walk(root)
        for name in names
    }


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_clean_image(
    data: bytes, fmt: str, width: int, height: int | None = None
) -> Image.Image:
    """The bytes are a `fmt` image of that size, carrying no metadata at all."""
    image = Image.open(io.BytesIO(data))
    assert image.format == PILLOW_FORMATS[fmt]
    assert image.width == width
    if height is not None:
        assert image.height == height
    assert len(image.getexif()) == 0, dict(image.getexif())
    for key in ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "photoshop", "comment"):
        assert key not in image.info, key
    assert SERIAL.encode() not in data
    assert b"Exif\0\0" not in data and b"EXIF" not in data
    image.load()
    return image
