from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Correction(models.Model):
    """A dated public note attached to a published article."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("稿件"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    published_at = models.DateTimeField(_("更正时间"), default=timezone.now)
    text = models.TextField(_("更正内容"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("更正人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("更正")
        verbose_name_plural = _("更正")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return f"{self.published_at:%Y-%m-%d} {self.article}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"
