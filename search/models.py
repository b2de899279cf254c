from django.db import models
from django.utils.translation import gettext_lazy as _

from search.fields import IndexField


class SearchEntry(models.Model):
    """An article's words as the index holds them (on PostgreSQL, a ``tsvector``).

    Only the text is here, never whether the article is public: every search
    joins the article and filters with ``live_q``, so publishing, scheduling,
    releasing an issue or withdrawing changes what readers find at once;
    ``published`` is only the order in which matches are taken. On PostgreSQL
    the vector and its week have a GIN index, ``search_entry_vector_gin``, and
    ``published`` a b-tree, ``search_entry_published_idx`` (newest first),
    both made by the migrations (SQLite has neither).
    """

    article = models.OneToOneField(
        "articles.Article",
        verbose_name=_("稿件"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_entry",
    )
    vector = IndexField(_("检索向量"))
    #: A copy of the article's publish time, written with the vector: it lets a
    #: search take the newest matches from this narrow table alone, without
    #: joining every match to its article first (tens of thousands for a common
    #: word). Only an order, never a permission: whether an article is public is
    #: still decided by ``live()`` on the article itself. A reader's dates are
    #: taken by it too, by its index. An update that bypasses ``save()`` leaves
    #: it stale until the next save or rebuild, which can shift an article
    #: within the results, or out of a search by dates, but never leaks one.
    published = models.DateTimeField(_("发布时间（排序用）"), null=True, blank=True)
    #: The week of ``published`` (``search.weeks``), indexed by GIN with the
    #: vector: the newest weeks' matches come from the index alone.
    week = models.IntegerField(_("发布周（检索用）"), null=True, blank=True)
    indexed_at = models.DateTimeField(_("索引时间"), auto_now=True)

    class Meta:
        verbose_name = _("检索索引")
        verbose_name_plural = _("检索索引")
        ordering = ["article_id"]

    def __str__(self):
        return str(self.article_id)
