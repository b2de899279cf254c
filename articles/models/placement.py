from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from articles.models.article import live_q
from media_library.models import Photo, usable_q


class Placement(models.Model):
    """An article's place on a page (版), in print order."""

    page = models.ForeignKey(
        "paper.Page",
        verbose_name=_("版面"),
        on_delete=models.CASCADE,
        related_name="placements",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("稿件"),
        on_delete=models.CASCADE,
        related_name="placements",
    )
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("版面安排")
        verbose_name_plural = _("版面安排")
        ordering = ["page", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "article"], name="placement_unique_article_per_page"
            ),
        ]

    def __str__(self):
        return f"{self.page} · {self.article}"

    def clean(self):
        # A page belongs to one issue; the article must belong to the same.
        if self.page_id and self.article_id and self.article.issue_id != self.page.issue_id:
            raise ValidationError(
                _("稿件所属期次（%(article_issue)s）与版面所在期次（%(page_issue)s）不一致。")
                % {
                    "article_issue": self.article.issue or _("无"),
                    "page_issue": self.page.issue,
                }
            )


class ArticlePhoto(models.Model):
    """A photo used by an article, in order; the first one leads."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("稿件"),
        on_delete=models.CASCADE,
        related_name="article_photos",
    )
    photo = models.ForeignKey(
        "media_library.Photo",
        verbose_name=_("图片"),
        on_delete=models.PROTECT,
        related_name="article_photos",
    )
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("稿件图片")
        verbose_name_plural = _("稿件图片")
        # By the column: "article" would sort by Article's own ordering, joining
        # the article table into every prefetch of an article's list.
        ordering = ["article_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "photo"], name="articlephoto_unique_photo_per_article"
            ),
        ]

    def __str__(self):
        return f"{self.article} · {self.photo}"


def public_photos(photos: QuerySet | None = None) -> QuerySet:
    """Photos readers may see: licence not run out, used by at least one live article.

    The one definition of a public photo; it joins through ``live_q``, so a
    photo appears and disappears with the articles that show it.
    """
    photos = Photo.objects.all() if photos is None else photos
    used_live = ArticlePhoto.objects.filter(live_q("article__"), photo=OuterRef("pk"))
    return photos.filter(usable_q(), Exists(used_live))
