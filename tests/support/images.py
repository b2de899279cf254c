"""In-memory images for tests: real files Pillow can decode, made on the fly."""

import functools
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(fmt: str = "JPEG", size=(800, 600), color=(120, 80, 40), exif=None) -> bytes:
    if exif is None:
        return _plain_image(fmt, tuple(size), tuple(color))
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt, exif=exif)
    return out.getvalue()


@functools.cache
def _plain_image(fmt: str, size: tuple, color: tuple) -> bytes:
    """Encoded once per process: every PhotoFactory photo is one of these."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def uploaded_image(name: str = "photo.jpg", fmt: str = "JPEG", **kwargs) -> SimpleUploadedFile:
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, image_bytes(fmt, **kwargs), content_type=content_type)


# --- Photos as cameras and agencies send them, and files that only pretend ---

SERIAL = "SN-NEWSROOM-4242"  # a camera serial number that must never reach readers
GPS = {1: "N", 2: (36.0, 40.0, 12.5), 3: "E", 4: (117.0, 1.0, 2.0)}


def two_tone(size=(1200, 800), left=(200, 30, 30), right=(30, 30, 200)) -> Image.Image:
    """Left half one colour, right half another: shows which way a photo was turned."""
    image = Image.new("RGB", size, right)
    image.paste(left, (0, 0, size[0] // 2, size[1]))
    return image


def camera_exif(
    *,
    orientation: int = 1,
    gps: bool = True,
    artist: str = "",
    description: str = "",
    taken: str = "",
) -> Image.Exif:
    """EXIF as a phone or camera writes it: text in UTF-8, GPS and serial number."""
    from PIL import ExifTags

    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Newsroom Camera Co."
    exif[0x0110] = "NR-1"
    if artist:
        exif[0x013B] = artist.encode("utf-8")
    if description:
        exif[0x010E] = description.encode("utf-8")
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub[0xA431] = SERIAL  # BodySerialNumber
    if taken:
        sub[0x9003] = taken
    if gps:
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    return exif


def iptc_segment(fields: dict[tuple[int, int], str]) -> bytes:
    """A JPEG APP13 segment holding IPTC fields, as agencies' software writes it."""
    import struct

    records = b"\x1c\x01\x5a" + struct.pack(">H", 3) + b"\x1b%G"  # UTF-8
    for (record, dataset), value in fields.items():
        data = value.encode("utf-8")
        records += bytes([0x1C, record, dataset]) + struct.pack(">H", len(data)) + data
    if len(records) % 2:
        records += b"\0"
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\0\0" + struct.pack(">I", len(records))
    payload = b"Photoshop 3.0\0" + resource + records
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def camera_jpeg(
    size=(1200, 800), *, exif: Image.Exif | None = None, iptc: dict | None = None
) -> bytes:
    out = io.BytesIO()
    two_tone(size).save(out, "JPEG", quality=90, exif=exif if exif is not None else camera_exif())
    data = out.getvalue()
    if iptc:
        data = data[:2] + iptc_segment(iptc) + data[2:]
    return data


def noisy_jpeg(size=(1200, 800)) -> bytes:
    """A JPEG with detail in it, so cutting it short really cuts picture data."""
    out = io.BytesIO()
    Image.effect_noise(size, 80).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


def truncated_jpeg() -> bytes:
    data = noisy_jpeg()
    return data[: len(data) // 2]


def bomb_png(side: int = 10_000) -> bytes:
    """A few kilobytes of PNG that decode to side×side pixels: a decompression bomb."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\0" * (1 + (side + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">'
    b'<script>alert("svg")</script><rect width="800" height="600"/></svg>'
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert('html')</script></body></html>"


RED = (230, 20, 20)


def with_red_corner() -> bytes:
    """Grey 1600×800 with a red mark near the top right, outside a centred crop."""
    image = Image.new("RGB", (1600, 800), (128, 128, 128))
    image.paste(RED, (1450, 60, 1530, 140))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def red_in(rendition) -> bool:
    with rendition.file.open("rb") as handle:
        image = Image.open(handle).convert("RGB")
        colours = image.getcolors(maxcolors=image.width * image.height)
        return any(r > 180 and g < 80 and b < 80 for _count, (r, g, b) in colours)
