"""Infrastructure only: the site cache hears what changed.

The workflow services say what each step changed (``articles.signals``, with
the cache keys of the pages it touched): those pages, and only those, are
dropped, and the CDN is told the same keys.

Writes outside the services (the shell, a migration, the bench's archive
builder, the admin of sections, reporters and tags) reach the cache through
the generic save handlers below, a safety net: a saved or deleted row drops
the pages that show it (its key, or its article's), with no query. A public
article, or a row that decides which lists an article is in, saved outside a
service also drops every list, since nothing says which. Bulk writes that
send no signals (``QuerySet.update()``, ``bulk_create()``) must call
``sitecache.changes.everything_changed()`` or ``changed(keys)`` themselves.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag, TaggedItem

from articles import cache_keys, signals
from articles.models import Article, ArticlePhoto, Byline, Correction, Event, Placement
from articles.selectors.schedule import next_publish_after
from articles.services._common import PUBLIC_STATES, announcing
from media_library.models import Photo
from paper.models import Issue, Page, Section
from people.models import Reporter
from sitecache.changes import changed, register_due_times
from sitecache.keys import ALL_LISTS, key_of, keys_of, track
from sitecache.stamps import EPOCH

ANNOUNCED = (
    signals.article_published,
    signals.article_scheduled,
    signals.article_withdrawn,
    signals.article_changed,
    signals.issue_released,
    signals.photo_changed,
)


def on_announced(sender, keys, **kwargs):
    changed(keys)


def _article_key(article_id) -> str | None:
    return keys_of(Article, [article_id]).pop() if article_id else None


def keys_of_row(instance) -> set[str]:
    """The keys a row's save touches, from its own fields only (no query)."""
    own = key_of(instance)
    if own is not None:
        keys = {own}
        if isinstance(instance, Article) and instance.status in PUBLIC_STATES:
            keys.add(ALL_LISTS)
        if isinstance(instance, Issue) and instance.released_at is not None:
            keys.add(ALL_LISTS)
        if isinstance(instance, Event):  # announced or not decides which lists have it
            keys.add(ALL_LISTS)
        if isinstance(instance, Reporter):  # search results show names as plain text
            keys.add(cache_keys.SEARCH)
        if isinstance(instance, Section):  # every page's navigation lists the sections
            keys.add(EPOCH)
        return keys
    match instance:
        case Byline() | Correction() | Placement():
            # Who wrote it, corrected it, where it was printed: which lists it is in.
            return {_article_key(instance.article_id), *_lists_if_public(instance)}
        case ArticlePhoto():
            return {_article_key(instance.article_id), *keys_of_photo(instance.photo_id)}
        case TaggedItem() if instance.content_type_id == _article_type_id():
            return {_article_key(instance.object_id), ALL_LISTS}
    return set()


def _lists_if_public(row) -> set[str]:
    """Every list, unless the row's article is at hand and readers cannot see it."""
    article = row._state.fields_cache.get("article")
    if article is not None and article.status not in PUBLIC_STATES:
        return set()
    return {ALL_LISTS}


def keys_of_photo(photo_id) -> set[str]:
    return keys_of(Photo, [photo_id])


def _article_type_id() -> int:
    return ContentType.objects.get_for_model(Article).pk  # cached by Django after the first


def on_save_or_delete(sender, instance=None, using=None, **kwargs):
    if announcing() or kwargs.get("raw"):
        return
    keys = keys_of_row(instance)
    keys.discard(None)
    if keys:
        changed(keys, using)


def on_m2m_changed(sender, action, instance=None, pk_set=None, model=None, using=None, **kwargs):
    """``article.tags.add()``, ``event.articles.add()``, ``article.photos.add()`` …"""
    if announcing() or not action.startswith("post_") or type(instance) not in M2M_OWNERS:
        return
    keys = {key_of(instance), ALL_LISTS}
    if model is not None and pk_set and model in (Article, Event, Tag):
        keys |= keys_of(model, pk_set)
    keys.discard(None)
    changed(keys, using)


#: Models whose many-to-many changes readers see (tags, photos, events' coverage).
M2M_OWNERS = frozenset({Article, Event, Photo, Tag})


def connect():
    track(Article, "a")
    track(Event, "e")
    track(Tag, "t")
    for signal in ANNOUNCED:
        signal.connect(on_announced, dispatch_uid=f"sitecache_{id(signal)}")
    watched = (Article, Event, Tag, Byline, Correction, ArticlePhoto, Placement, TaggedItem)
    # and what they show from the apps below, which know nothing of pages
    watched += (Reporter, Section, Issue, Page, Photo)
    for model in watched:
        post_save.connect(on_save_or_delete, sender=model, dispatch_uid="sitecache_save")
        post_delete.connect(on_save_or_delete, sender=model, dispatch_uid="sitecache_delete")
    m2m_changed.connect(on_m2m_changed, dispatch_uid="sitecache_m2m_changed")
    register_due_times(next_publish_after)
