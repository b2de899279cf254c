"""Template helpers that turn a photo's prefetched renditions into <img> attributes.

Nothing here touches a file or makes a rendition: a photo whose renditions
are not made yet gets empty sources, and the templates show no image for it
(never the original, which may carry GPS data).
"""

from dataclasses import dataclass

from django import template
from django.urls import reverse

from media_library.specs import SPECS_BY_NAME

register = template.Library()


@dataclass
class Sources:
    webp_srcset: str = ""
    jpeg_srcset: str = ""
    src: str = ""  # a JPEG every browser can show
    width: int = 0
    height: int = 0

    def __bool__(self):
        return bool(self.src)


def _base_url(photo) -> str:
    # One reverse() per photo; each rendition's URL only changes its last part.
    return reverse("photo_file", kwargs={"pk": photo.pk, "name": "_"})[:-1]


def _by_format(photo, family: str) -> dict[str, list]:
    found = {"webp": [], "jpg": []}
    for rendition in photo.renditions.all():  # prefetched by the selectors
        name, _dot, fmt = rendition.spec.partition(".")
        spec = SPECS_BY_NAME.get(name)
        if spec is not None and spec.family == family and fmt in found:
            found[fmt].append(rendition)
    for renditions in found.values():
        renditions.sort(key=lambda r: r.width)
    return found


@register.simple_tag
def photo_sources(photo, family: str = "w", preferred_width: int = 800) -> Sources:
    """srcset strings, a fallback src and the size for one family of specs.

    ``family`` is ``"w"`` (whole picture at several widths), ``"card"`` (3:2
    crop) or ``"sq"`` (square crop).
    """
    if photo is None or not photo.pk or photo.usage_expired:
        return Sources()
    found = _by_format(photo, family)
    jpegs = found["jpg"]
    if not jpegs:
        return Sources()
    base = _base_url(photo)

    def srcset(renditions):
        return ", ".join(f"{base}{r.spec} {r.width}w" for r in renditions)

    fallback = [r for r in jpegs if r.width <= preferred_width] or jpegs[:1]
    largest = jpegs[-1]
    return Sources(
        webp_srcset=srcset(found["webp"]),
        jpeg_srcset=srcset(jpegs),
        src=f"{base}{fallback[-1].spec}",
        width=largest.width,
        height=largest.height,
    )


def public_rendition(photo, spec: str = "w1200.jpg"):
    """``(url, rendition)`` of one JPEG rendition for readers, or ``None``.

    Falls back to the largest JPEG of the same family when the photo is too
    small for the spec asked for. For og:image, feeds and JSON-LD: never the
    original, which is for staff only.
    """
    if photo is None or not photo.pk or photo.usage_expired:
        return None
    name = spec.partition(".")[0]
    family = SPECS_BY_NAME[name].family if name in SPECS_BY_NAME else "w"
    jpegs = _by_format(photo, family)["jpg"]
    if not jpegs:
        return None
    chosen = next((r for r in jpegs if r.spec == spec), jpegs[-1])
    return f"{_base_url(photo)}{chosen.spec}", chosen


@register.simple_tag
def photo_url(photo, spec: str = "w1200.jpg") -> str:
    """The URL of one rendition (for og:image, feeds), or "" while there is none."""
    found = public_rendition(photo, spec)
    return found[0] if found else ""
