from django.db import models
from django.utils.translation import gettext_lazy as _


class Byline(models.Model):
    """Who is credited on an article, in which role, in print order."""

    class Role(models.TextChoices):
        REPORTER = "reporter", _("记者")
        CORRESPONDENT = "correspondent", _("通讯员")
        PHOTOGRAPHER = "photographer", _("摄影")
        WRITER = "writer", _("撰稿")
        EDITOR = "editor", _("编辑")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("稿件"),
        on_delete=models.CASCADE,
        related_name="bylines",
    )
    reporter = models.ForeignKey(
        "people.Reporter",
        verbose_name=_("作者"),
        on_delete=models.PROTECT,
        related_name="bylines",
    )
    role = models.CharField(_("署名身份"), max_length=20, choices=Role.choices)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("署名")
        verbose_name_plural = _("署名")
        # By the column: "article" would sort by Article's own ordering, joining
        # the article table into every prefetch of an article's list.
        ordering = ["article_id", "position", "pk"]
        indexes = [
            # A reporter's page: their articles, found from their bylines.
            models.Index(fields=["reporter", "article"], name="byline_reporter_article_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "reporter", "role"], name="byline_unique_article_reporter_role"
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.reporter}"
