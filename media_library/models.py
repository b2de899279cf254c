"""Photos and their renditions. Renditions are derived from a photo, never edited."""

import hashlib
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image

from media_library.metadata import oriented_size


def photo_upload_to(instance, filename):
    # The stored name is random: the uploader's file name may carry personal
    # data and must not make the URL guessable.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"photos/{uuid.uuid4().hex}.{suffix}"


def rendition_upload_to(instance, filename):
    return f"renditions/{instance.photo_id}/{filename}"


def usable_q(prefix: str = "", *, on=None) -> Q:
    """Photos whose licence has not run out (no expiry, or expiring today or later)."""
    on = on or timezone.localdate()
    return Q(**{f"{prefix}usage_expires__isnull": True}) | Q(**{f"{prefix}usage_expires__gte": on})


class Photo(models.Model):
    # The original as uploaded, metadata and all: for staff only. Readers get
    # renditions. Width and height are set from the upright image by the
    # upload service, never read back from the file on the request path.
    file = models.ImageField(_("原图"), upload_to=photo_upload_to)
    title = models.CharField(
        _("标题"), max_length=120, blank=True, help_text=_("留空则取图片自带的标题或文件名。")
    )
    caption = models.TextField(_("图片说明"), blank=True)
    alt_text = models.CharField(
        _("替代文字"),
        max_length=200,
        blank=True,
        help_text=_("给看不到图片的读者：用一句话描述画面内容。"),
    )
    credit_reporter = models.ForeignKey(
        "people.Reporter",
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
    rights = models.CharField(
        _("版权与授权"),
        max_length=200,
        blank=True,
        help_text=_("版权归属、授权范围，例如“新华社授权，仅限本报网站使用”。"),
    )
    usage_expires = models.DateField(
        _("使用期限"),
        null=True,
        blank=True,
        help_text=_("授权到期的最后一天；过期后读者不再看到这张图片。留空为不限。"),
    )
    focal_x = models.FloatField(
        _("焦点横坐标"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("在预览图上点击画面主体即可设置；裁切时保持它在画面内。"),
    )
    focal_y = models.FloatField(
        _("焦点纵坐标"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
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

    class Meta:
        verbose_name = _("图片")
        verbose_name_plural = _("图片")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(credit_reporter__isnull=True) | Q(credit_text=""),
                name="photo_credit_reporter_or_text",
                violation_error_message=_("署名只填一项：摄影记者，或来源署名。"),
            ),
            models.CheckConstraint(
                condition=(Q(focal_x__isnull=True) | Q(focal_x__gte=0, focal_x__lte=1))
                & (Q(focal_y__isnull=True) | Q(focal_y__gte=0, focal_y__lte=1)),
                name="photo_focal_point_inside",
            ),
        ]

    def __str__(self):
        return self.title or f"图片 {self.pk}"

    def save(self, *args, **kwargs):
        # Derived from the file itself, for photos made without the upload
        # service (the demo, scripts): fingerprint, size, upright dimensions.
        if self.file and not self.content_hash:
            self.content_hash = hash_file(self.file)
            self.file_size = self.file.size
        if self.file and not (self.width and self.height):
            self.width, self.height = upright_size(self.file)
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
        """The original, for staff only (the view answers 404 to everyone else)."""
        return reverse("photo_file", kwargs={"pk": self.pk, "name": self.file_name})

    def rendition_url(self, spec: str) -> str:
        """A rendition's public URL, e.g. ``rendition_url("w800.webp")``."""
        return reverse("photo_file", kwargs={"pk": self.pk, "name": spec})

    @property
    def credit(self) -> str:
        """The credit as printed under the photo: "郑喜艳 摄" or the agency's text."""
        if self.credit_reporter_id:
            return f"{self.credit_reporter.name} 摄"
        return self.credit_text

    @property
    def usage_expired(self) -> bool:
        return self.usage_expires is not None and self.usage_expires < timezone.localdate()


def upright_size(file) -> tuple[int, int]:
    """Width and height with EXIF orientation applied, from the header alone."""
    file.open("rb")
    try:
        with Image.open(file) as image:
            return oriented_size(image)
    finally:
        file.seek(0)


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
    # Named after the content hash, spec and focal point, so photos with the
    # same content share files (see media_library.renditions).
    file = models.ImageField(_("文件"), upload_to=rendition_upload_to, max_length=200)
    width = models.PositiveIntegerField(_("宽"), default=0)
    height = models.PositiveIntegerField(_("高"), default=0)

    class Meta:
        verbose_name = _("图片规格")
        verbose_name_plural = _("图片规格")
        # By the photo's id, not "photo": that would order by Photo's own
        # ordering and join every photo into each prefetch of renditions.
        ordering = ["photo_id", "spec"]
        constraints = [
            models.UniqueConstraint(fields=["photo", "spec"], name="rendition_unique_photo_spec"),
        ]
        indexes = [models.Index(fields=["file"], name="rendition_file_idx")]

    def __str__(self):
        return f"{self.photo} [{self.spec}]"

    @property
    def url(self) -> str:
        return reverse("photo_file", kwargs={"pk": self.photo_id, "name": self.spec})
