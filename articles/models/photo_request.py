"""约图: a reporter asks the photo desk for a picture for a story."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PhotoRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(photo__isnull=True)


class PhotoRequest(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("稿件"),
        on_delete=models.CASCADE,
        related_name="photo_requests",
    )
    note = models.TextField(_("要拍什么"), help_text=_("画面、地点、时间，越具体越好。"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("约图人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("约图时间"), default=timezone.now)
    photo = models.ForeignKey(
        "media_library.Photo",
        verbose_name=_("交来的图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fulfilled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("交图人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fulfilled_at = models.DateTimeField(_("交图时间"), null=True, blank=True)

    objects = PhotoRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("约图")
        verbose_name_plural = _("约图")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(photo__isnull=True),
                name="photorequest_open_idx",
            ),
        ]

    def __str__(self):
        return _("《%(article)s》约图") % {"article": self.article}

    @property
    def is_open(self) -> bool:
        return self.photo_id is None and self.fulfilled_at is None
