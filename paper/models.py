"""The paper itself: sections (栏目), issues (期) and their pages (版)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from paper.files import epaper_clean


class Section(models.Model):
    """栏目: the website's way into the news (要闻, 高新区, 图片新闻 …)."""

    name = models.CharField(_("名称"), max_length=40, unique=True)
    slug = models.SlugField(
        _("网址名"),
        max_length=60,
        unique=True,
        allow_unicode=True,
        help_text=_("出现在栏目网址中，例如 gaoxin 或 高新区。"),
    )
    description = models.TextField(_("简介"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("排序"), default=0, help_text=_("数字小的排在导航前面。")
    )

    class Meta:
        db_table = "newsroom_section"
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("section", kwargs={"slug": self.slug})


class IssueQuerySet(models.QuerySet):
    def released(self, *, at=None):
        """Issues readers may open: released by the chief editor and due."""
        return self.filter(released_q(at=at))


def released_q(prefix: str = "", *, at: datetime.datetime | None = None) -> Q:
    """The one definition of a released issue, usable across joins via ``prefix``."""
    at = at or timezone.now()
    return Q(**{f"{prefix}released_at__isnull": False, f"{prefix}publish_at__lte": at})


class Issue(models.Model):
    """期: one day's edition."""

    date = models.DateField(_("出版日期"))
    number = models.PositiveIntegerField(_("期号"), help_text=_("报纸的总期号。"))
    publish_at = models.DateTimeField(
        _("上线时间"), help_text=_("发布后，本期稿件在此时刻对读者可见。")
    )
    released_at = models.DateTimeField(_("签发时间"), null=True, blank=True, editable=False)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = IssueQuerySet.as_manager()

    class Meta:
        db_table = "newsroom_issue"
        verbose_name = _("期次")
        verbose_name_plural = _("期次")
        ordering = ["-date"]
        permissions = [("release_issue", _("可签发期次"))]
        constraints = [
            models.UniqueConstraint(fields=["date"], name="issue_unique_date"),
            models.UniqueConstraint(fields=["number"], name="issue_unique_number"),
        ]

    def __str__(self):
        d = self.date
        return _("%(year)s年%(month)s月%(day)s日 第%(number)s期") % {
            "year": d.year,
            "month": d.month,
            "day": d.day,
            "number": self.number,
        }

    def get_absolute_url(self):
        return reverse("issue", kwargs={"date": self.date})

    @property
    def is_released(self) -> bool:
        return self.released_at is not None and self.publish_at <= timezone.now()


class Page(models.Model):
    """版: one page of an issue, with its articles in print order."""

    issue = models.ForeignKey(
        Issue, verbose_name=_("期次"), on_delete=models.CASCADE, related_name="pages"
    )
    number = models.PositiveSmallIntegerField(_("版次"))
    name = models.CharField(_("版名"), max_length=40, help_text=_("例如“高新区新闻”。"))
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("责任编辑"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="edited_pages",
    )
    word_budget = models.PositiveIntegerField(
        _("字数预算"),
        null=True,
        blank=True,
        help_text=_("本版大约能排下的字数；创建期次时从版面计划带来，留空表示不设。"),
    )
    print_file = models.FileField(
        _("版面原样"),
        upload_to="epaper/%Y/%m/%d/",
        blank=True,
        validators=[epaper_clean],
        help_text=_("可选：印刷版面的 PDF 或图片（电子报），本期签发后读者可看。"),
    )
    print_pdf_page = models.PositiveSmallIntegerField(
        _("PDF 页码"),
        null=True,
        blank=True,
        help_text=_("版面原样是多页 PDF 时，本版是其中第几页。"),
    )
    print_hash = models.CharField(_("原样指纹"), max_length=64, blank=True, editable=False)

    class Meta:
        db_table = "newsroom_page"
        verbose_name = _("版面")
        verbose_name_plural = _("版面")
        ordering = ["issue", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "number"], name="page_unique_number_per_issue"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="page_number_positive"),
        ]

    def __str__(self):
        return _("第%(number)s版 %(name)s") % {"number": self.number, "name": self.name}

    def get_absolute_url(self):
        return reverse("page", kwargs={"date": self.issue.date, "number": self.number})

    def image_of(self, spec: str):
        """The rendered ``spec`` (``reading.webp`` …), from prefetched ``images``."""
        return next((image for image in self.images.all() if image.spec == spec), None)


class Weekday(models.IntegerChoices):
    """Python's numbering (``date.weekday()``): Monday is 0."""

    MONDAY = 0, _("星期一")
    TUESDAY = 1, _("星期二")
    WEDNESDAY = 2, _("星期三")
    THURSDAY = 3, _("星期四")
    FRIDAY = 4, _("星期五")
    SATURDAY = 5, _("星期六")
    SUNDAY = 6, _("星期日")


class EditionPlan(models.Model):
    """版面计划: the pages an issue published on this weekday starts with."""

    weekday = models.PositiveSmallIntegerField(_("星期"), choices=Weekday.choices)

    class Meta:
        verbose_name = _("版面计划")
        verbose_name_plural = _("版面计划")
        ordering = ["weekday"]
        constraints = [
            models.UniqueConstraint(fields=["weekday"], name="editionplan_unique_weekday"),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6), name="editionplan_weekday_range"
            ),
        ]

    def __str__(self):
        return _("%(weekday)s的版面") % {"weekday": self.get_weekday_display()}


class PlannedPage(models.Model):
    """One page of an edition plan, copied into each new issue of that weekday."""

    plan = models.ForeignKey(
        EditionPlan, verbose_name=_("版面计划"), on_delete=models.CASCADE, related_name="pages"
    )
    number = models.PositiveSmallIntegerField(_("版次"))
    name = models.CharField(_("版名"), max_length=40, help_text=_("例如“高新区新闻”。"))
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("责任编辑"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_pages",
    )
    word_budget = models.PositiveIntegerField(
        _("字数预算"), null=True, blank=True, help_text=_("本版大约能排下的字数，留空表示不设。")
    )

    class Meta:
        verbose_name = _("计划版面")
        verbose_name_plural = _("计划版面")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="plannedpage_unique_number_per_plan"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="plannedpage_number_positive"),
        ]

    def __str__(self):
        return _("第%(number)s版 %(name)s") % {"number": self.number, "name": self.name}


class PageImage(models.Model):
    """A rendered image of a page's print file (电子报): derived, never edited.

    Made off the reader's path by ``paper.tasks`` after the upload commits;
    the spec is the size and format (``reading.webp``, ``zoom.jpg``,
    ``thumb.webp``), see ``paper.rendering``.
    """

    page = models.ForeignKey(
        Page, verbose_name=_("版面"), on_delete=models.CASCADE, related_name="images"
    )
    spec = models.CharField(_("规格"), max_length=20)
    file = models.FileField(_("文件"), max_length=255)
    width = models.PositiveIntegerField(_("宽"))
    height = models.PositiveIntegerField(_("高"))

    class Meta:
        verbose_name = _("版面图")
        verbose_name_plural = _("版面图")
        ordering = ["page_id", "spec"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "spec"], name="pageimage_unique_spec_per_page"
            ),
        ]

    def __str__(self):
        return f"{self.page_id} · {self.spec}"
