"""The article, and the one definition of what anonymous readers may see."""

import datetime
from functools import lru_cache

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from articles.body import BodyField, plain_text
from paper.models import released_q


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审")
    RETURNED = "returned", _("退回修改")
    APPROVED = "approved", _("审核通过")
    PUBLISHED = "published", _("已签发")
    WITHDRAWN = "withdrawn", _("已撤稿")


class Kind(models.TextChoices):
    STORY = "story", _("文字稿")
    PHOTO = "photo", _("图片新闻")


@lru_cache(maxsize=20_000)
def _article_url(urlconf, script_prefix, pk, slug) -> str:
    # Lists show dozens of articles, the same ones on many pages: each address
    # is worked out once (reverse() quotes the Chinese slug, which costs).
    return reverse("article", kwargs={"pk": pk, "slug": slug}, urlconf=urlconf)


def live_q(prefix: str = "", *, at: datetime.datetime | None = None) -> Q:
    """What anonymous readers may see, as a ``Q`` usable across joins.

    Published, its publish time passed, and - if it belongs to an issue - that
    issue released and due. A publish time in the future is how an article is
    scheduled: it goes live when the clock gets there, with no job to run.
    Photos, events, reporters and tags join through this with ``prefix``.
    """
    at = at or timezone.now()
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}publish_at__lte": at}) & (
        Q(**{f"{prefix}issue__isnull": True}) | released_q(f"{prefix}issue__", at=at)
    )


def scheduled_q(prefix: str = "", *, at: datetime.datetime | None = None) -> Q:
    """Signed off, but not yet due: its own publish time or its issue's is still to come.

    The other side of ``live_q`` for published articles: the desk calls them
    已排期, and readers will get them at their minute.
    """
    at = at or timezone.now()
    not_due = Q(**{f"{prefix}publish_at__gt": at}) | (
        Q(**{f"{prefix}issue__isnull": False}) & ~released_q(f"{prefix}issue__", at=at)
    )
    return Q(**{f"{prefix}status": Status.PUBLISHED}) & not_due


class ArticleQuerySet(models.QuerySet):
    def live(self, *, at: datetime.datetime | None = None):
        """The only door to articles for anonymous readers (design rule 1)."""
        return self.filter(live_q(at=at))

    def scheduled(self, *, at: datetime.datetime | None = None):
        """Signed off and waiting for their time (已排期)."""
        return self.filter(scheduled_q(at=at))

    def not_live(self, *, at: datetime.datetime | None = None):
        """Everything readers may not see (yet, or any more)."""
        return self.exclude(live_q(at=at))

    def with_scheduled(self, *, at: datetime.datetime | None = None):
        """Annotate ``is_scheduled`` for lists that show many articles' states."""
        return self.annotate(
            scheduled_now=models.ExpressionWrapper(
                scheduled_q(at=at), output_field=models.BooleanField()
            )
        )


class Article(models.Model):
    kind = models.CharField(_("稿件类型"), max_length=10, choices=Kind.choices, default=Kind.STORY)
    kicker = models.CharField(_("引题"), max_length=120, blank=True)
    headline = models.CharField(_("主题"), max_length=120)
    subheadline = models.CharField(_("副题"), max_length=160, blank=True)
    slug = models.SlugField(
        _("网址名"),
        max_length=80,
        allow_unicode=True,
        blank=True,
        help_text=_("留空则按主题生成。发布后不要修改，以免旧链接失效。"),
    )
    dateline = models.CharField(
        _("电头"),
        max_length=40,
        blank=True,
        help_text=_("例如“本报讯”。留空则在文末署名，如“（本报记者 高轶鹏）”。"),
    )
    summary = models.TextField(_("摘要"), blank=True)
    body = BodyField(_("正文"), blank=True)
    section = models.ForeignKey(
        "paper.Section",
        verbose_name=_("栏目"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    tags = TaggableManager(_("标签"), blank=True)
    # The tag links themselves, for django-reversion to keep with each version
    # (``articles.versioning``); deleting an article deletes its links too.
    tag_links = GenericRelation("taggit.TaggedItem", related_query_name="tagged_article")
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        _("发布时间"),
        null=True,
        blank=True,
        help_text=_("签发后在此时刻上线；晚于现在即为定时发布。"),
    )
    issue = models.ForeignKey(
        "paper.Issue",
        verbose_name=_("期次"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_("见报稿所属的期次；网络稿留空。"),
    )
    pages = models.ManyToManyField(
        "paper.Page",
        verbose_name=_("版面"),
        through="articles.Placement",
        related_name="articles",
        blank=True,
    )
    photos = models.ManyToManyField(
        "media_library.Photo",
        verbose_name=_("图片"),
        through="articles.ArticlePhoto",
        related_name="articles",
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="created_articles",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("最后修改人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Optimistic concurrency: every save through the services adds one, and a
    # save that started from an older number is refused (no lost work).
    version = models.PositiveIntegerField(_("版本号"), default=1, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("稿件")
        verbose_name_plural = _("稿件")
        ordering = ["-publish_at", "-pk"]
        permissions = [
            ("review_article", _("可审稿（退回、通过）")),
            ("publish_article", _("可签发稿件")),
            ("withdraw_article", _("可撤稿")),
        ]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="article_status_publish_idx"),
            models.Index(fields=["section", "-publish_at"], name="article_section_publish_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="article_published_has_publish_at",
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.headline, allow_unicode=True)[:80].strip("-") or "article"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        return _article_url(urlconf, get_script_prefix(), self.pk, self.slug)

    @property
    def body_text(self) -> str:
        return plain_text(self.body)

    @property
    def is_photo_news(self) -> bool:
        return self.kind == Kind.PHOTO

    @property
    def is_scheduled(self) -> bool:
        """Signed off, but its time (or its issue's) has not come: 已排期.

        Asks ``scheduled()``, unless a list annotated it (``with_scheduled()``).
        """
        if self.status != Status.PUBLISHED or self.pk is None:
            return False
        annotated = getattr(self, "scheduled_now", None)
        if annotated is not None:
            return annotated
        return type(self).objects.scheduled().filter(pk=self.pk).exists()

    @property
    def goes_live_at(self) -> datetime.datetime | None:
        """When readers get it: the later of its own and its issue's publish time."""
        if self.status != Status.PUBLISHED or self.publish_at is None:
            return None
        if self.issue_id and self.issue.released_at is None:
            return None
        return max(self.publish_at, self.issue.publish_at) if self.issue_id else self.publish_at

    def get_state_display(self) -> str:
        """The state as the desk says it; a future publish time reads 已排期."""
        if self.is_scheduled:
            at = self.goes_live_at
            when = timezone.localtime(at).strftime("%Y-%m-%d %H:%M") if at else ""
            return _("已排期（%(when)s 上线）") % {"when": when}
        return self.get_status_display()
