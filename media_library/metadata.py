"""What a photo file says about itself (EXIF, IPTC), read to prefill the form.

Only descriptive fields are read: title, caption, photographer, copyright,
when and where. GPS position, camera serial numbers and the like are never
copied anywhere: they stay inside the staff-only original, and renditions are
written without any metadata at all.
"""

import datetime
import logging
from dataclasses import dataclass

from django.utils import timezone
from PIL import ExifTags, Image, IptcImagePlugin

logger = logging.getLogger(__name__)

ORIENTATION = 0x0112
SWAPPED_ORIENTATIONS = {5, 6, 7, 8}  # rotated a quarter turn: width and height swap

# EXIF (IFD0 and the Exif sub-IFD)
IMAGE_DESCRIPTION = 0x010E
ARTIST = 0x013B
COPYRIGHT = 0x8298
XP_TITLE, XP_COMMENT, XP_AUTHOR = 0x9C9B, 0x9C9C, 0x9C9D  # Windows, UTF-16
DATETIME_ORIGINAL = 0x9003
OFFSET_TIME_ORIGINAL = 0x9011

# IPTC IIM (record 2)
IPTC_OBJECT_NAME = (2, 5)
IPTC_DATE_CREATED = (2, 55)
IPTC_TIME_CREATED = (2, 60)
IPTC_BYLINE = (2, 80)
IPTC_CITY = (2, 90)
IPTC_SUBLOCATION = (2, 92)
IPTC_HEADLINE = (2, 105)
IPTC_COPYRIGHT = (2, 116)
IPTC_CAPTION = (2, 120)


@dataclass
class Metadata:
    title: str = ""
    caption: str = ""
    photographer: str = ""
    copyright: str = ""
    taken_at: datetime.datetime | None = None
    place: str = ""


def oriented_size(image: Image.Image) -> tuple[int, int]:
    """Width and height as the photo is meant to be seen (EXIF orientation applied)."""
    width, height = image.size
    try:
        orientation = image.getexif().get(ORIENTATION, 1)
    except Exception:  # a broken EXIF block must not stop an upload
        orientation = 1
    return (height, width) if orientation in SWAPPED_ORIENTATIONS else (width, height)


def _text(value) -> str:
    """EXIF/IPTC text in whatever encoding the camera or software chose."""
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        value = value[0] if value else b""
    if isinstance(value, str):
        # Pillow decodes EXIF ASCII as Latin-1; UTF-8 (how Chinese captions are
        # usually written) comes out garbled unless re-read.
        try:
            value = value.encode("latin-1")
        except UnicodeEncodeError:
            return value.strip("\x00 ").strip()
    for encoding in ("utf-8", "gb18030"):
        try:
            return value.decode(encoding).strip("\x00 ").strip()
        except UnicodeDecodeError:
            continue
    return value.decode("latin-1").strip("\x00 ").strip()


def _xp_text(value) -> str:
    if isinstance(value, tuple | list):
        value = bytes(value)
    if not isinstance(value, bytes):
        return ""
    return value.decode("utf-16-le", errors="ignore").strip("\x00 ").strip()


def _exif_datetime(value: str, offset: str) -> datetime.datetime | None:
    try:
        naive = datetime.datetime.strptime(_text(value)[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = _text(offset)
    if offset:
        try:
            return datetime.datetime.fromisoformat(naive.isoformat() + offset)
        except ValueError:
            pass
    # No offset recorded: the camera clock is taken to be local time.
    return timezone.make_aware(naive)


def _iptc_datetime(date: str, time: str) -> datetime.datetime | None:
    try:
        day = datetime.datetime.strptime(date[:8], "%Y%m%d")
    except ValueError:
        return None
    if len(time) >= 6 and time[:6].isdigit():
        day = day.replace(hour=int(time[:2]), minute=int(time[2:4]), second=int(time[4:6]))
        offset = time[6:]
        if len(offset) == 5 and offset[0] in "+-" and offset[1:].isdigit():
            sign = 1 if offset[0] == "+" else -1
            tz = datetime.timezone(
                sign * datetime.timedelta(hours=int(offset[1:3]), minutes=int(offset[3:]))
            )
            return day.replace(tzinfo=tz)
    return timezone.make_aware(day)


def read_metadata(image: Image.Image) -> Metadata:
    """The descriptive metadata of an opened image; missing or broken parts are skipped."""
    found = Metadata()
    try:
        exif = image.getexif()
        sub = exif.get_ifd(ExifTags.IFD.Exif)
    except Exception:
        logger.info("unreadable EXIF block", exc_info=True)
        exif, sub = {}, {}
    try:
        iptc = IptcImagePlugin.getiptcinfo(image) or {}
    except Exception:
        logger.info("unreadable IPTC block", exc_info=True)
        iptc = {}

    def iptc_text(key):
        return _text(iptc.get(key))

    found.title = (
        iptc_text(IPTC_OBJECT_NAME) or iptc_text(IPTC_HEADLINE) or _xp_text(exif.get(XP_TITLE))
    )
    found.caption = (
        iptc_text(IPTC_CAPTION)
        or _text(exif.get(IMAGE_DESCRIPTION))
        or _xp_text(exif.get(XP_COMMENT))
    )
    found.photographer = (
        iptc_text(IPTC_BYLINE) or _text(exif.get(ARTIST)) or _xp_text(exif.get(XP_AUTHOR))
    )
    found.copyright = iptc_text(IPTC_COPYRIGHT) or _text(exif.get(COPYRIGHT))
    found.place = " ".join(
        part for part in (iptc_text(IPTC_CITY), iptc_text(IPTC_SUBLOCATION)) if part
    )
    if sub.get(DATETIME_ORIGINAL):
        found.taken_at = _exif_datetime(sub[DATETIME_ORIGINAL], sub.get(OFFSET_TIME_ORIGINAL, ""))
    if found.taken_at is None and iptc.get(IPTC_DATE_CREATED):
        found.taken_at = _iptc_datetime(iptc_text(IPTC_DATE_CREATED), iptc_text(IPTC_TIME_CREATED))
    return found
