"""Keep the index current in the same transaction as the change.

Infrastructure, hence signals (style rule 6) - but not deferred to
``on_commit``: an index written after the commit could be missing a word
that readers already see, or still hold one that was just removed, and a
crash in between would leave it so. Written inside the transaction, the
index commits or rolls back with the article.

Only the text matters here, and the publish time the index sorts by.
Publishing, scheduling, releasing an issue and withdrawing change no word,
and every search filters with ``live_q`` when it runs, so they need nothing
from the index beyond that order (``SearchEntry.published``).
"""

from django.db import connections
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticlePhoto, Byline, Correction
from media_library.models import Photo
from people.models import Reporter
from search.indexing import article_reindex, articles_reindex, index_missing

#: The article's own columns that the index holds (publish_at: as its order).
INDEXED_FIELDS = frozenset({"headline", "kicker", "subheadline", "summary", "body", "publish_at"})


def _deleting_article(origin) -> bool:
    """The row goes because its article goes: nothing to index any more."""
    if isinstance(origin, QuerySet):
        return origin.model is Article
    return isinstance(origin, Article)


def article_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields is not None and not INDEXED_FIELDS & set(update_fields)):
        return
    article_reindex(article_id=instance.pk)


def part_saved(sender, instance, raw=False, **kwargs):
    """A byline, photo use or correction was added or changed."""
    if not raw:
        article_reindex(article_id=instance.article_id)


def part_deleted(sender, instance, origin=None, **kwargs):
    if not _deleting_article(origin):
        article_reindex(article_id=instance.article_id)


def tags_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Article):
        article_reindex(article_id=instance.pk)


def photos_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """``article.photos.add(photo)`` and the like write no ArticlePhoto signals of their own."""
    if isinstance(instance, Article):
        if action in {"post_add", "post_remove", "post_clear"}:
            article_reindex(article_id=instance.pk)
        return
    # From the photo's side (photo.articles.…): pk_set holds articles.
    if action == "pre_clear":
        instance._search_cleared = list(instance.articles.values_list("pk", flat=True))
    elif action == "post_clear":
        articles_reindex(article_ids=getattr(instance, "_search_cleared", []))
    elif action in {"post_add", "post_remove"}:
        articles_reindex(article_ids=pk_set or [])


def photo_saved(sender, instance, raw=False, **kwargs):
    """A caption, title or credit changed: every article showing the photo."""
    if not raw:
        articles_reindex(
            article_ids=ArticlePhoto.objects.filter(photo=instance).values_list(
                "article_id", flat=True
            )
        )


def reporter_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    """A renamed reporter: every article crediting them."""
    if raw or created or (update_fields is not None and "name" not in update_fields):
        return
    bylined = Byline.objects.filter(reporter=instance).values_list("article_id", flat=True)
    credited = ArticlePhoto.objects.filter(photo__credit_reporter=instance).values_list(
        "article_id", flat=True
    )
    articles_reindex(article_ids=[*bylined, *credited])


def tag_saved(sender, instance, created=False, raw=False, **kwargs):
    """A renamed tag: every article carrying it."""
    if raw or created:
        return
    articles_reindex(
        article_ids=TaggedItem.objects.filter(
            tag=instance, content_type__app_label="articles", content_type__model="article"
        ).values_list("object_id", flat=True)
    )


def index_after_migrate(sender, using="default", verbosity=1, **kwargs):
    """A database that had articles before the index existed gets them indexed once."""
    if (
        using != "default"
        or "search_searchentry" not in connections[using].introspection.table_names()
    ):
        return
    count = index_missing()
    if count and connections[using].vendor == "postgresql":
        # How a search runs depends on how common its words are, which the
        # statistics say; an index filled just now has none until autovacuum
        # gets to it (never, where autovacuum is off), and every common word
        # would be searched the slow way meanwhile.
        with connections[using].cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
    if count and verbosity:
        print(f"全文检索：已为 {count} 篇稿件建立索引。")


def connect() -> None:
    uid = "search.signal_handlers"
    post_save.connect(article_saved, sender=Article, dispatch_uid=f"{uid}.article")
    for model in (Byline, ArticlePhoto, Correction):
        post_save.connect(part_saved, sender=model, dispatch_uid=f"{uid}.{model.__name__}.save")
        post_delete.connect(
            part_deleted, sender=model, dispatch_uid=f"{uid}.{model.__name__}.delete"
        )
    m2m_changed.connect(tags_changed, sender=Article.tags.through, dispatch_uid=f"{uid}.tags")
    m2m_changed.connect(
        photos_changed, sender=Article.photos.through, dispatch_uid=f"{uid}.photos"
    )
    post_save.connect(photo_saved, sender=Photo, dispatch_uid=f"{uid}.photo")
    post_save.connect(reporter_saved, sender=Reporter, dispatch_uid=f"{uid}.reporter")
    post_save.connect(tag_saved, sender=Tag, dispatch_uid=f"{uid}.tag")
