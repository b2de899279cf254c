"""Files the newsroom's own models hold: reporters' portraits and e-paper pages.

Both reach readers through views, never straight from MEDIA_ROOT or the
bucket: a portrait is public like its reporter's page, an e-paper page only
once its issue is released. What staff upload is checked here:

- a portrait must be an image Pillow can decode; it is stored re-encoded as
  a JPEG at most 800 px wide, upright, without EXIF/GPS or anything else the
  camera wrote;
- an e-paper page must really be a PDF, JPEG or PNG (by its content, not its
  name), within ``EPAPER_MAX_UPLOAD_MB``.
"""

import io
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from PIL import Image, ImageOps, UnidentifiedImageError

PORTRAIT_SIZE = 800
EPAPER_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
EPAPER_TYPES[".png"] = "image/png"


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


def epaper_clean(upload) -> None:
    """Refuse an e-paper file that is not what its name says, or too big."""
    suffix = PurePath(upload.name).suffix.lower()
    if suffix not in EPAPER_TYPES:
        raise ValidationError("版面原样只接受 PDF、JPEG 或 PNG 文件。")
    limit = settings.EPAPER_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(f"文件超过 {settings.EPAPER_MAX_UPLOAD_MB} MB 上限。")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if suffix == ".pdf":
        if not head.startswith(b"%PDF-"):
            raise ValidationError("这个文件不是 PDF。")
        return
    try:
        with Image.open(upload) as image:
            image.verify()
            fmt = image.format
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError("无法识别的图片文件。") from error
    finally:
        upload.seek(0)
    if (fmt == "PNG") != (suffix == ".png") or fmt not in ("PNG", "JPEG"):
        raise ValidationError("文件内容与扩展名不符。")


def epaper_content_type(name: str) -> str:
    return EPAPER_TYPES.get(PurePath(name).suffix.lower(), "application/octet-stream")


def file_response(stored, content_type: str, *, max_age: int | None) -> FileResponse:
    """A stored file as a response of exactly ``content_type``, never sniffed.

    ``max_age`` seconds of public caching, or ``None`` for a private answer no
    one may keep (what staff see before publication).
    """
    try:
        handle = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    if max_age is None:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=max_age)
    return response
