"""E-paper page files: what the desk uploads to a page (版面原样).

Readers get them only once the page's issue is released (``paper.views``).
An e-paper page must really be a PDF, JPEG or PNG (by its content, not its
name), within ``EPAPER_MAX_UPLOAD_MB``.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

EPAPER_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}


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
