"""Reporters' portraits: public like their reporter's page, and stored clean.

A portrait must be an image Pillow can decode; it is stored re-encoded as a
JPEG at most 800 px wide, upright, without EXIF/GPS or anything else the
camera wrote.
"""

import io
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

PORTRAIT_SIZE = 800


def portrait_clean(upload) -> ContentFile:
    """The uploaded portrait as a clean JPEG, or a ValidationError saying why not."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.width * image.height > settings.PHOTO_MAX_PIXELS:
                raise ValidationError("照片像素过多，请缩小后再上传。")
            image.load()
            image = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError("无法识别的图片文件，请上传 JPEG、PNG 或 WebP 照片。") from error
    image.thumbnail((PORTRAIT_SIZE, PORTRAIT_SIZE))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)  # no exif=…: nothing the camera wrote survives
    stem = PurePath(getattr(upload, "name", "") or "portrait").stem[:40] or "portrait"
    return ContentFile(out.getvalue(), name=f"{stem}.jpg")
