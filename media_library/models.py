"""Photos and their renditions. Renditions are derived from a photo, never edited."""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def photo_upload_to(instance, filename):
    # The stored name is random: the uploader's file name may carry personal
    # data and must not make the URL guessable.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"photos/{uuid.uuid4().hex}.{suffix}"


def rendition_upload_to(instance, filename):
    return f"renditions/{instance.photo_id}/{filename}"


class PhotoQuerySet(models.QuerySet):
    def public(self):
        """Photos readers may see: those used by at least one live article."""
        from articles.models import ArticlePhoto, live_q

        return self.filter(
            Exists(ArticlePhoto.objects.filter(live_q("article__"), photo=OuterRef("pk")))
        )


class Photo(models.Model):
    file = models.ImageField(
        _("图片文件"), upload_to=photo_upload_to, width_field="width", height_field="height"
    )
    title = models.CharField(_("标题"), max_length=120)
    caption = models.TextField(_("图片说明"), blank=True)
    alt_text = models.CharField(
        _("替代文字"),
        max_length=200,
        blank=True,
        help_text=_("给看不到图片的读者：用一句话描述画面内容。"),
    )
    credit_reporter = models.ForeignKey(
        "newsroom.Reporter",
        verbose_name=_("摄影"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="photos",
    )
    credit_text = models.CharField(
        _("来源署名"),
        max_length=120,
        blank=True,
        help_text=_("没有作者记录时填写，例如“新华社发”。"),
    )
    rights = models.CharField(_("版权说明"), max_length=200, blank=True)
    taken_at = models.DateTimeField(_("拍摄时间"), null=True, blank=True)
    taken_place = models.CharField(_("拍摄地点"), max_length=120, blank=True)
    width = models.PositiveIntegerField(_("宽"), default=0, editable=False)
    height = models.PositiveIntegerField(_("高"), default=0, editable=False)
    file_size = models.PositiveIntegerField(_("文件大小"), default=0, editable=False)
    content_hash = models.CharField(
        _("内容指纹"), max_length=64, blank=True, editable=False, db_index=True
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("图片")
        verbose_name_plural = _("图片")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.content_hash:
            self.content_hash = hash_file(self.file)
            self.file_size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("photo", kwargs={"pk": self.pk})

    @property
    def file_name(self) -> str:
        """The public name of the file: ``original.jpg``, whatever it was uploaded as."""
        suffix = self.file.name.rsplit(".", 1)[-1].lower() if "." in self.file.name else "jpg"
        return f"original.{suffix}"

    @property
    def file_url(self) -> str:
        return reverse("photo_file", kwargs={"pk": self.pk, "name": self.file_name})

    @property
    def credit(self) -> str:
        """The credit as printed under the photo: "郑喜艳 摄" or the agency's text."""
        if self.credit_reporter_id:
            return f"{self.credit_reporter.name} 摄"
        return self.credit_text


def hash_file(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(1 << 16), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


class Rendition(models.Model):
    """A resized or cropped copy of a photo, made once per spec."""

    photo = models.ForeignKey(
        Photo, verbose_name=_("图片"), on_delete=models.CASCADE, related_name="renditions"
    )
    spec = models.CharField(_("规格"), max_length=40)
    file = models.ImageField(
        _("文件"), upload_to=rendition_upload_to, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("宽"), default=0)
    height = models.PositiveIntegerField(_("高"), default=0)

    class Meta:
        verbose_name = _("图片规格")
        verbose_name_plural = _("图片规格")
        ordering = ["photo", "spec"]
        constraints = [
            models.UniqueConstraint(fields=["photo", "spec"], name="rendition_unique_photo_spec"),
        ]

    def __str__(self):
        return f"{self.photo} [{self.spec}]"
