from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PageImport(models.Model):
    """A page's text, once confirmed onto a page: the same text is never imported twice.

    ``digest`` is the SHA-256 of the text as the reader sees it (lines tidied),
    so the same page pasted again, or uploaded in another encoding, is known.
    """

    page = models.ForeignKey(
        "paper.Page", verbose_name=_("版面"), on_delete=models.CASCADE, related_name="imports"
    )
    digest = models.CharField(_("文本指纹"), max_length=64, editable=False)
    encoding = models.CharField(_("文字编码"), max_length=20, blank=True)
    items = models.PositiveSmallIntegerField(_("稿件数"), default=0)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("导入时间"), default=timezone.now)

    class Meta:
        verbose_name = _("版面导入")
        verbose_name_plural = _("版面导入")
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["digest"], name="pageimport_unique_digest"),
        ]

    def __str__(self):
        return f"{self.page} · {timezone.localtime(self.at):%Y-%m-%d %H:%M}"
