from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article


class EventQuerySet(models.QuerySet):
    def public(self):
        """Events readers may see: announced ones, and those with live coverage.

        An event typed in from a story that is not yet out stays hidden with it.
        """
        covered = Exists(Article.objects.live().filter(events=OuterRef("pk")))
        return self.filter(models.Q(announced=True) | covered)


class Event(models.Model):
    """Something that happens at a time and place, covered by articles and photos."""

    title = models.CharField(_("名称"), max_length=120)
    slug = models.SlugField(_("网址名"), max_length=80, allow_unicode=True, blank=True)
    description = models.TextField(_("说明"), blank=True)
    start = models.DateTimeField(_("开始"))
    end = models.DateTimeField(_("结束"), null=True, blank=True)
    all_day = models.BooleanField(
        _("全天"), default=False, help_text=_("只知道日期、不知道具体钟点时勾选。")
    )
    place = models.CharField(_("地点"), max_length=120, blank=True)
    organiser = models.CharField(_("主办"), max_length=120, blank=True)
    announced = models.BooleanField(
        _("公开预告"),
        default=False,
        help_text=_("勾选后即使还没有报道也向读者公开；否则随第一篇报道一起公开。"),
    )
    articles = models.ManyToManyField(
        "articles.Article", verbose_name=_("报道"), related_name="events", blank=True
    )
    photos = models.ManyToManyField(
        "media_library.Photo", verbose_name=_("图片"), related_name="events", blank=True
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("事件")
        verbose_name_plural = _("事件")
        ordering = ["-start", "pk"]
        indexes = [models.Index(fields=["start"], name="event_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="event_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title, allow_unicode=True)[:80].strip("-") or "event"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("event", kwargs={"pk": self.pk, "slug": self.slug})
