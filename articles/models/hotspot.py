from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Hotspot(models.Model):
    """A region of the printed page (电子报) that links to a story placed on it.

    In fractions of the page's width and height (0..1), so it fits every
    rendering of the page, at any size, and survives re-rendering. A story
    printed in an L shape gets several. It belongs to the placement: a story
    taken off the page takes its regions with it.
    """

    placement = models.ForeignKey(
        "articles.Placement",
        verbose_name=_("版面安排"),
        on_delete=models.CASCADE,
        related_name="hotspots",
    )
    x = models.FloatField(_("左"))
    y = models.FloatField(_("上"))
    width = models.FloatField(_("宽"))
    height = models.FloatField(_("高"))
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("热区")
        verbose_name_plural = _("热区")
        ordering = ["placement_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(x__gte=0, y__gte=0, width__gt=0, height__gt=0)
                & Q(x__lte=1 - F("width"), y__lte=1 - F("height")),
                name="hotspot_inside_page",
            ),
        ]

    def __str__(self):
        return (
            f"{self.placement} · ({self.x:.3f}, {self.y:.3f}, {self.width:.3f}, {self.height:.3f})"
        )
