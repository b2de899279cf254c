from django.db import models
from django.utils.translation import gettext_lazy as _

from search.fields import IndexField


class SearchEntry(models.Model):
    """An article's words as the index holds them (on PostgreSQL, a ``tsvector``).

    Only the text is here, never whether the article is public: every search
    joins the article and filters with ``live_q``, so publishing, scheduling,
    releasing an issue or withdrawing changes what readers find at once,
    without touching the index. On PostgreSQL the column has a GIN index,
    ``search_entry_vector_gin``, made by the migration (SQLite has none).
    """

    article = models.OneToOneField(
        "articles.Article",
        verbose_name=_("稿件"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_entry",
    )
    vector = IndexField(_("检索向量"))
    indexed_at = models.DateTimeField(_("索引时间"), auto_now=True)

    class Meta:
        verbose_name = _("检索索引")
        verbose_name_plural = _("检索索引")
        ordering = ["article"]

    def __str__(self):
        return str(self.article_id)
