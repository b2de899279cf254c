"""Is an uploaded file a photo we can use? Checked before anything is stored.

Only what Pillow can decode completely is accepted: JPEG (a phone's
Multi-Picture JPEG too), PNG, WebP, and GIF (its first frame, as a still).
Each refusal says why, in words an editor understands; the checks run from
cheapest to dearest, and the full decode - the one that finds truncated and
corrupt files - comes last, after the pixel count has ruled out
decompression bombs. Last, where the image ends is found
(``media_library.imageend``): whatever follows it is not stored.
"""

import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from media_library import conf
from media_library.imageend import Malformed, image_end
from media_library.metadata import Metadata, oriented_size, read_metadata

SUFFIXES = {
    "JPEG": ("jpg", "jpeg", "jpe"),
    "PNG": ("png",),
    "WEBP": ("webp",),
    "GIF": ("gif",),
}
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
#: Pillow opens a phone's Multi-Picture JPEG as "MPO": to us it is a JPEG.
SAME_AS = {"MPO": "JPEG"}
ALL_SUFFIXES = {suffix for suffixes in SUFFIXES.values() for suffix in suffixes}
MARKUP_SIGNS = (b"<svg", b"<html", b"<!doctype", b"<?xml", b"<script", b"<body", b"<head")


@dataclass
class Inspection:
    format: str  # Pillow's name: JPEG, PNG, WEBP, GIF
    width: int  # as seen, EXIF orientation applied
    height: int
    metadata: Metadata
    length: int  # bytes the image uses: anything after them is not the image's

    def trailing(self, size: int) -> int:
        """How many bytes of a ``size``-byte file follow the image."""
        return size - self.length


class _Lent:
    """The uploaded file as lent to Pillow, which would otherwise close it."""

    def __init__(self, file):
        self._file = file

    def read(self, *args):
        return self._file.read(*args)

    def readline(self, *args):
        return self._file.readline(*args)

    def seek(self, *args):
        return self._file.seek(*args)

    def tell(self):
        return self._file.tell()

    def close(self):
        pass


def kept_content(file, inspection: Inspection):
    """What of an inspected upload is stored: the file itself, or, when bytes
    follow the image (a payload appended to a real photo), the image alone."""
    if not inspection.trailing(file.size):
        return file
    file.seek(0)
    kept = ContentFile(file.read(inspection.length), name=getattr(file, "name", None))
    file.seek(0)
    return kept


def suffix_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _refuse(message: str, code: str, **params) -> ValidationError:
    return ValidationError(message % params if params else message, code=code)


def _looks_like_markup(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<") or any(sign in text for sign in MARKUP_SIGNS)


def inspect_upload(file, name: str | None = None) -> Inspection:
    """Check an uploaded file; return what it is, or raise ValidationError."""
    name = name or getattr(file, "name", "") or ""
    size = file.size
    if not size:
        raise _refuse(_("文件是空的（0 字节），没有图片内容。"), "empty")
    limit = conf.max_upload_size()
    if size > limit:
        raise _refuse(
            _("文件太大（%(size)s），单张图片不能超过 %(limit)s。"),
            "too_large",
            size=filesizeformat(size),
            limit=filesizeformat(limit),
        )
    suffix = suffix_of(name)
    if suffix not in ALL_SUFFIXES:
        raise _refuse(
            _("不支持的文件类型“%(suffix)s”：只接受 JPEG、PNG、WebP 或 GIF 图片。"),
            "suffix",
            suffix=f".{suffix}" if suffix else _("无后缀"),
        )

    file.seek(0)
    head = file.read(1024)
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(_Lent(file), formats=list(SUFFIXES))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _refuse(_("图片像素过多，疑似“解压炸弹”，已拒收。"), "too_many_pixels") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        if _looks_like_markup(head):
            raise _refuse(
                _("文件内容是 SVG、HTML 之类的文本，不是图片，已拒收。"), "markup"
            ) from error
        raise _refuse(
            _("无法识别为图片：文件已损坏，或不是 JPEG、PNG、WebP、GIF 格式。"), "not_image"
        ) from error

    kind = SAME_AS.get(image.format, image.format)
    try:
        if suffix not in SUFFIXES.get(kind, ()):
            raise _refuse(
                _("文件名后缀是“.%(suffix)s”，内容却是 %(format)s 图片：请核对文件后重新上传。"),
                "mismatch",
                suffix=suffix,
                format=FORMAT_NAMES.get(kind, kind),
            )
        width, height = image.size
        if width * height > conf.max_pixels():
            raise _refuse(
                _(
                    "图片像素过多（%(width)s×%(height)s），超过 %(limit)s 万像素的上限，"
                    "疑似“解压炸弹”，已拒收。"
                ),
                "too_many_pixels",
                width=width,
                height=height,
                limit=conf.max_pixels() // 10_000,
            )
        width, height = oriented_size(image)
        smallest = conf.min_side()
        if min(width, height) < smallest:
            raise _refuse(
                _("图片太小（%(width)s×%(height)s 像素）：短边至少需要 %(min)s 像素。"),
                "too_small",
                width=width,
                height=height,
                min=smallest,
            )
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                image.load()  # decodes every pixel: truncated or corrupt files fail here
        except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as error:
            raise _refuse(
                _("图片文件不完整或已损坏，无法完整解码：请重新导出后上传。"), "corrupt"
            ) from error
        file.seek(0)
        try:
            length = image_end(file.read(), image.format)
        except Malformed as error:
            raise _refuse(
                _("图片文件的结构不完整，无法确定图片在哪里结束：请重新导出后上传。"), "corrupt"
            ) from error
        return Inspection(
            format=kind,
            width=width,
            height=height,
            metadata=read_metadata(image),
            length=length,
        )
    finally:
        image.close()
        file.seek(0)
