"""The photo library's limits, read from settings with safe defaults.

``newsroom/settings`` fills them from the environment (``PHOTO_MAX_UPLOAD_MB``,
``PHOTO_MAX_MEGAPIXELS``, ``PHOTO_MIN_SIDE``); tests override them with
``settings``.
"""

from django.conf import settings

DEFAULT_MAX_UPLOAD_SIZE = 40 * 1024 * 1024  # a 60-megapixel camera JPEG fits
DEFAULT_MAX_PIXELS = 80_000_000  # below Pillow's own bomb warning (89.5 M)
DEFAULT_MIN_SIDE = 400  # the smallest rendition (w400, card400) needs it


def max_upload_size() -> int:
    return getattr(settings, "PHOTO_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD_SIZE)


def max_pixels() -> int:
    return getattr(settings, "PHOTO_MAX_PIXELS", DEFAULT_MAX_PIXELS)


def min_side() -> int:
    return getattr(settings, "PHOTO_MIN_SIDE", DEFAULT_MIN_SIDE)
