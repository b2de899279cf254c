"""Page files (版面原样) in, page images out: checked on upload, rendered once.

A page PDF is rendered with PDFium (pypdfium2), once, after the upload
commits (``paper.tasks``), never while a reader waits: the zoom size first,
then the reading size and the thumbnail scaled down from it, each as WebP
and JPEG, written without metadata. An image file (a large JPEG or PNG of
the page) goes the same way through Pillow.

What may come in is bounded by the environment: ``EPAPER_MAX_UPLOAD_MB``
(the file) and ``EPAPER_MAX_MEGAPIXELS`` (an image file, and the zoom
rendering of a PDF page, which a page of absurd proportions would blow up).
"""

import hashlib
import io
import threading
from dataclasses import dataclass
from pathlib import PurePath

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

#: Widths in pixels of what is rendered; a smaller source image is not enlarged.
SIZES = {"zoom": 2400, "reading": 1200, "thumb": 240}
FORMATS = ("webp", "jpg")
SPECS = tuple(f"{size}.{fmt}" for size in SIZES for fmt in FORMATS)
WEBP_QUALITY = 80
JPEG_QUALITY = 85
#: A page is a page: a strip or a banner this long is not one.
MAX_ASPECT = 4.0
#: A photo embedded in a page PDF may be larger than the page's rendering
#: (a camera original, scaled down on the page), up to this many times.
EMBEDDED_FACTOR = 4

# PDFium is not thread-safe: one document at a time per process.
_pdfium = threading.Lock()


def pdfium_lock() -> threading.Lock:
    return _pdfium


@dataclass(frozen=True)
class Source:
    kind: str  # "pdf" or "image"
    page_count: int
    width: float  # points for a PDF page, pixels for an image
    height: float


def max_pixels() -> int:
    return settings.EPAPER_MAX_MEGAPIXELS * 1_000_000


def _zoom_size(width: float, height: float, *, enlarge: bool) -> tuple[int, int]:
    target = SIZES["zoom"] if enlarge else min(SIZES["zoom"], int(width))
    return target, max(1, round(height * target / width))


def _check_shape(width: float, height: float, *, enlarge: bool) -> None:
    if width <= 0 or height <= 0:
        raise ValidationError(_("这个版面没有尺寸，无法使用。"))
    if max(width / height, height / width) > MAX_ASPECT:
        raise ValidationError(
            _("版面的长宽比例异常（超过 %(n)d:1），不像一个报纸版面。") % {"n": MAX_ASPECT}
        )
    w, h = _zoom_size(width, height, enlarge=enlarge)
    if w * h > max_pixels():
        raise ValidationError(
            _("版面图太大（%(w)d×%(h)d 像素），上限 %(mp)d 百万像素。")
            % {"w": w, "h": h, "mp": settings.EPAPER_MAX_MEGAPIXELS}
        )


def _check_embedded_images(page) -> None:
    """A picture in the PDF is decoded whole to render the page: bound it too.

    A few kilobytes of compressed data can claim billions of pixels, which
    would exhaust the worker's memory when it renders.
    """
    for image in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        width, height = image.get_px_size()
        if width * height > EMBEDDED_FACTOR * max_pixels():
            raise ValidationError(
                _("PDF 中嵌入的图片过大（%(w)d×%(h)d 像素），无法安全生成版面图。")
                % {"w": width, "h": height}
            )


def _open_pdf(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium_raw.FPDF_ERR_PASSWORD:
            raise ValidationError(
                _("这个 PDF 有密码保护，请从排版系统导出不加密的版面 PDF。")
            ) from error
        raise ValidationError(_("无法读取这个 PDF，文件可能已损坏。")) from error


def _pdf_page_index(page_count: int, pdf_page: int | None) -> int:
    if page_count < 1:
        raise ValidationError(_("这个 PDF 没有页面。"))
    if pdf_page is None:
        if page_count > 1:
            raise ValidationError(
                _("这个 PDF 有 %(n)d 页，请指明本版是其中第几页。") % {"n": page_count}
            )
        return 0
    if not 1 <= pdf_page <= page_count:
        raise ValidationError(
            _("这个 PDF 只有 %(n)d 页，没有第 %(k)d 页。") % {"n": page_count, "k": pdf_page}
        )
    return pdf_page - 1


def inspect(data: bytes, name: str, pdf_page: int | None = None) -> Source:
    """What the file is, or a ValidationError in Chinese saying why it cannot be used.

    Reads the file fully (PDF structure, image header and pixel count) but
    renders nothing: it runs in the uploading request.
    """
    limit = settings.EPAPER_MAX_UPLOAD_MB * 1024 * 1024
    if len(data) > limit:
        raise ValidationError(
            _("文件超过 %(mb)d MB 上限。") % {"mb": settings.EPAPER_MAX_UPLOAD_MB}
        )
    suffix = PurePath(name).suffix.lower()
    if suffix == ".pdf":
        if not data.startswith(b"%PDF-"):
            raise ValidationError(_("这个文件不是 PDF。"))
        with _pdfium:
            document = _open_pdf(data)
            try:
                count = len(document)
                index = _pdf_page_index(count, pdf_page)
                try:
                    page = document[index]
                    width, height = page.get_size()
                    _check_embedded_images(page)
                except pdfium.PdfiumError as error:
                    raise ValidationError(
                        _("无法读取这个 PDF 的第 %(k)d 页。") % {"k": index + 1}
                    ) from error
            finally:
                document.close()
        _check_shape(width, height, enlarge=True)
        return Source("pdf", count, width, height)
    if suffix not in (".jpg", ".jpeg", ".png"):
        raise ValidationError(_("版面原样只接受 PDF、JPEG 或 PNG 文件。"))
    try:
        with Image.open(io.BytesIO(data)) as image:
            fmt = image.format
            width, height = image.size
            if width * height > max_pixels():
                raise ValidationError(
                    _("图片太大（%(w)d×%(h)d 像素），上限 %(mp)d 百万像素。")
                    % {"w": width, "h": height, "mp": settings.EPAPER_MAX_MEGAPIXELS}
                )
            image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(_("无法识别的图片文件。")) from error
    if (fmt == "PNG") != (suffix == ".png") or fmt not in ("PNG", "JPEG"):
        raise ValidationError(_("文件内容与扩展名不符。"))
    _check_shape(width, height, enlarge=False)
    return Source("image", 1, width, height)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _flatten(image: Image.Image) -> Image.Image:
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    elif image.mode != "RGB":
        image = image.convert("RGB")
    image.info = {}  # nothing of the original's metadata goes further
    return image


def rasterize(data: bytes, name: str, pdf_page: int | None) -> Image.Image:
    """The page at zoom size, RGB, without metadata (re-checked: files change)."""
    source = inspect(data, name, pdf_page)
    if source.kind == "pdf":
        with _pdfium:
            document = _open_pdf(data)
            try:
                page = document[_pdf_page_index(source.page_count, pdf_page)]
                scale = SIZES["zoom"] / source.width
                bitmap = page.render(scale=scale, may_draw_forms=True)
                image = bitmap.to_pil().convert("RGB")
                bitmap.close()
                page.close()
            finally:
                document.close()
    else:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            image = _flatten(opened)
        w, h = _zoom_size(*image.size, enlarge=False)
        if (w, h) != image.size:
            image = image.resize((w, h), Image.Resampling.LANCZOS)
    image.info = {}
    return image


def encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "webp":
        image.save(out, "WEBP", quality=WEBP_QUALITY, method=2)
    else:
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def renderings(image: Image.Image):
    """``(spec, width, height, bytes)`` for every spec, scaled down from the zoom image."""
    for size, target in SIZES.items():
        if image.width > target:
            scaled = image.resize(
                (target, max(1, round(image.height * target / image.width))),
                Image.Resampling.LANCZOS,
                reducing_gap=2.0,
            )
        else:
            scaled = image
        for fmt in FORMATS:
            yield f"{size}.{fmt}", scaled.width, scaled.height, encode(scaled, fmt)
        image = scaled  # each size scales from the one before: cheaper, as sharp
