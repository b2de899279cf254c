from django.db import models
from django.utils.translation import gettext_lazy as _


class Stamp(models.Model):
    """When a key of what readers see last changed (``sitecache.stamps``).

    Used only when the page cache is each process's own memory, so that a
    change made in one gunicorn worker reaches the pages the others keep;
    with Redis the stamps live in Redis, next to the pages.
    """

    key = models.CharField(_("键"), max_length=200)
    value = models.BigIntegerField(_("时刻"))

    class Meta:
        verbose_name = _("缓存时刻")
        verbose_name_plural = _("缓存时刻")
        ordering = ["key"]
        constraints = [models.UniqueConstraint(fields=["key"], name="stamp_unique_key")]

    def __str__(self):
        return f"{self.key}@{self.value}"
