from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentGeneration(models.Model):
    """A token that changes whenever anything readers see may have changed.

    The site cache keys public pages by it. It lives in the database only when
    the cache is private to each process (local memory), so that a save in one
    gunicorn worker reaches the pages cached by the others; with Redis it lives
    in Redis. One row, rewritten after commit by the signal handlers.
    """

    token = models.CharField(_("版本标记"), max_length=32)

    class Meta:
        verbose_name = _("内容版本")
        verbose_name_plural = _("内容版本")
        ordering = ["pk"]

    def __str__(self):
        return self.token
