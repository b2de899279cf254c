"""The people credited in the paper: staff reporters, correspondents, photographers."""

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class Reporter(models.Model):
    """Anyone credited in a byline: staff, correspondents, photographers."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("本报记者")
        CORRESPONDENT = "correspondent", _("通讯员")
        PHOTOGRAPHER = "photographer", _("摄影记者")
        FREELANCE = "freelance", _("特约撰稿")

    name = models.CharField(_("姓名"), max_length=40)
    slug = models.SlugField(
        _("网址名"),
        max_length=60,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_("留空则按姓名生成；同名者请加以区分，如“张伟-2”。"),
    )
    kind = models.CharField(_("身份"), max_length=20, choices=Kind.choices, default=Kind.STAFF)
    bio = models.TextField(_("简介"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reporter",
        help_text=_("通讯员、特约摄影可以没有账号。"),
    )
    portrait = models.ImageField(
        _("照片"),
        upload_to="reporters/",
        blank=True,
        help_text=_("保存时转为 JPEG，去掉拍摄设备、位置等信息。"),
    )

    class Meta:
        db_table = "newsroom_reporter"
        verbose_name = _("作者")
        verbose_name_plural = _("作者")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reporter", kwargs={"slug": self.slug})

    @property
    def portrait_url(self) -> str:
        return reverse("reporter_portrait", kwargs={"slug": self.slug}) if self.portrait else ""


class StaffAccount(User):
    """A login of the newsroom's staff, as the chief editor manages it.

    A proxy of Django's user, so that managing staff is a permission of its
    own (``people.add_staffaccount`` …) held by the chief editor, apart from
    ``auth.change_user``, which would allow granting anything, superuser
    included. The changes go through ``people.services``.
    """

    class Meta:
        proxy = True
        verbose_name = _("员工账号")
        verbose_name_plural = _("员工账号")
        ordering = ["username"]
