"""The fixed set of renditions every photo gets, and the geometry behind them.

Two families:

- **widths** (``w400`` … ``w1600``): the whole picture scaled to a width, for
  ``srcset`` in figures. A width wider than the original is skipped, never
  upscaled.
- **crops** (``card…`` 3:2 for listings, ``sq…`` 1:1 for thumbnails): the
  largest box of that shape that keeps the photo's focal point in frame,
  scaled down.

Each spec is stored twice, as WebP and as JPEG for browsers without WebP: a
rendition's ``spec`` is ``"<name>.<format>"`` (``"w800.webp"``), which is also
the last part of its URL.

Sizes are pure arithmetic on the photo's width and height, so a rendition's
dimensions are known without opening any file.
"""

from dataclasses import dataclass

# Bump when the way files are made changes (quality, resampling …): new file
# names, so `manage.py renditions --all` makes fresh files instead of reusing.
VERSION = 1

FORMATS = ("webp", "jpg")
CONTENT_TYPES = {"webp": "image/webp", "jpg": "image/jpeg"}


@dataclass(frozen=True)
class Spec:
    name: str
    family: str
    width: int
    height: int | None = None  # set for crops: the exact output size

    @property
    def is_crop(self) -> bool:
        return self.height is not None

    def size_for(self, width: int, height: int) -> tuple[int, int] | None:
        """The output size for a (display-oriented) original, or None to skip."""
        if not width or not height:
            return None
        if not self.is_crop:
            if self.width > width:
                return None
            return self.width, max(1, round(height * self.width / width))
        box_w, box_h = crop_size(width, height, self.width, self.height)
        if box_w < self.width or box_h < self.height:
            return None  # would need upscaling
        return self.width, self.height


SPECS = (
    Spec("w400", "w", 400),
    Spec("w800", "w", 800),
    Spec("w1200", "w", 1200),
    Spec("w1600", "w", 1600),
    Spec("card400", "card", 400, 267),
    Spec("card800", "card", 800, 533),
    Spec("sq160", "sq", 160, 160),
    Spec("sq320", "sq", 320, 320),
)
SPECS_BY_NAME = {spec.name: spec for spec in SPECS}
FAMILIES = {family: [s for s in SPECS if s.family == family] for family in ("w", "card", "sq")}
CROP_SPECS = tuple(s for s in SPECS if s.is_crop)


def crop_size(width: int, height: int, ratio_w: int, ratio_h: int) -> tuple[int, int]:
    """The largest box of shape ratio_w:ratio_h inside width×height."""
    if width * ratio_h > height * ratio_w:  # wider than the shape: full height
        return max(1, round(height * ratio_w / ratio_h)), height
    return width, max(1, round(width * ratio_h / ratio_w))


def crop_box(
    width: int, height: int, ratio_w: int, ratio_h: int, focal: tuple[float, float]
) -> tuple[int, int, int, int]:
    """The crop box, centred on the focal point as far as the edges allow.

    ``focal`` is (x, y) as fractions of the width and height. The box is as
    large as the shape allows, so the focal point is always inside it.
    """
    box_w, box_h = crop_size(width, height, ratio_w, ratio_h)
    fx, fy = focal
    left = min(max(round(fx * width - box_w / 2), 0), width - box_w)
    top = min(max(round(fy * height - box_h / 2), 0), height - box_h)
    return left, top, left + box_w, top + box_h


def focal_key(focal: tuple[float, float]) -> str:
    """Part of a crop's file name: the focal point to the per mille."""
    return f"f{round(focal[0] * 1000):03d}{round(focal[1] * 1000):03d}"
