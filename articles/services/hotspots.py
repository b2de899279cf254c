"""Hotspots (热区): the regions of the printed page that link to its stories.

The editor saves a page's regions as one set (the hotspot editor, or
suggestions accepted from the text layer); readers' pages showing that page
are dropped at once.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from articles.models import Hotspot, Placement
from paper import policy as paper_policy
from paper.models import Page
from sitecache.changes import changed
from sitecache.keys import keys_of

#: Regions are stored to this precision (a tenth of a pixel on the zoom image).
DIGITS = 5
#: Smaller than this (a fraction of the page's side) is a slip of the mouse.
MIN_SIDE = 0.005


def _check(by, page: Page) -> None:
    if by is None:  # the server's operator, at its shell (``attachpage``)
        return
    if not by.has_perm("articles.change_hotspot"):
        raise PermissionDenied(_("你没有编辑版面热区的权限。"))
    paper_policy.check_layout(by, page.issue)


def region(x: float, y: float, width: float, height: float) -> tuple[float, float, float, float]:
    """The region clipped to the page, or a ValidationError saying what is wrong with it."""
    try:
        x, y, width, height = (float(v) for v in (x, y, width, height))
    except (TypeError, ValueError) as error:
        raise ValidationError(_("热区的位置和大小必须是数字。")) from error
    if any(v != v or v in (float("inf"), float("-inf")) for v in (x, y, width, height)):
        raise ValidationError(_("热区的位置和大小必须是数字。"))
    left, top = max(0.0, x), max(0.0, y)
    right, bottom = min(1.0, x + width), min(1.0, y + height)
    if right - left < MIN_SIDE or bottom - top < MIN_SIDE:
        raise ValidationError(_("热区太小或在版面之外。"))
    left, top = round(left, DIGITS), round(top, DIGITS)
    width = round(min(right - left, 1.0 - left), DIGITS)
    height = round(min(bottom - top, 1.0 - top), DIGITS)
    return left, top, width, height


@transaction.atomic
def hotspots_set(
    *, page: Page, regions: Iterable[tuple[int, tuple[float, float, float, float]]], by
) -> list[Hotspot]:
    """Replace the page's hotspots with ``regions``: ``(placement id, (x, y, w, h))``.

    Every placement must be on this page; a story may have several regions
    (print stories are not always rectangles), kept in the order given.
    """
    page = Page.objects.select_for_update().select_related("issue").get(pk=page.pk)
    _check(by, page)
    placements = {p.pk: p for p in Placement.objects.filter(page=page)}
    hotspots, counts = [], {}
    for placement_id, box in regions:
        placement = placements.get(placement_id)
        if placement is None:
            raise ValidationError(_("热区所选的稿件不在本版上。"))
        x, y, w, h = region(*box)
        position = counts[placement.pk] = counts.get(placement.pk, -1) + 1
        hotspot = Hotspot(placement=placement, x=x, y=y, width=w, height=h, position=position)
        hotspot.full_clean()
        hotspots.append(hotspot)
    Hotspot.objects.filter(placement__page=page).delete()
    Hotspot.objects.bulk_create(hotspots)
    changed(keys_of(Page, [page.pk]))
    return hotspots


@transaction.atomic
def hotspots_add(
    *, page: Page, regions: Iterable[tuple[int, tuple[float, float, float, float]]], by
) -> list[Hotspot]:
    """Add regions to the page's hotspots, keeping those it has (suggestions accepted)."""
    kept = [
        (h.placement_id, (h.x, h.y, h.width, h.height))
        for h in Hotspot.objects.filter(placement__page=page).order_by("placement_id", "position")
    ]
    return hotspots_set(page=page, regions=[*kept, *regions], by=by)
