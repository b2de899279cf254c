"""Which writes can change what readers see.

Every such write starts a new cache generation, which empties the whole
page cache. Most of a newsroom's writes are desk work readers never see — a
reporter saving a draft, an editor's note, a transition log entry, a photo
uploaded but not yet used, tomorrow's issue being planned — and emptying the
cache for those made it useless during working hours. So a write counts only
when it touches something public, or something that was public.

The rules err towards "yes": an unknown model counts, and an article that is
published or withdrawn counts whatever changed (a withdrawal must reach
readers at once).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from taggit.models import TaggedItem

from articles.models import Article, Event, Status
from media_library.models import Photo

#: Article states readers can see, or whose pages answer for them (410 Gone).
PUBLIC_STATES = frozenset({Status.PUBLISHED, Status.WITHDRAWN})

#: Desk records no public page shows.
NEVER_PUBLIC = frozenset({("articles", "transition")})


def _article_counts(article) -> bool:
    return article is not None and article.status in PUBLIC_STATES


def _article_of(instance):
    try:
        return instance.article
    except Model.DoesNotExist:  # deleted along with its article
        return None


def _issue_released(issue) -> bool:
    return issue is not None and issue.released_at is not None


def _photo_counts(photo_id) -> bool:
    # A photo reaches readers only through an article they can see (or saw);
    # a photo in use cannot be deleted, so a deleted one never counts.
    return photo_id is not None and (
        Article.objects.filter(
            article_photos__photo_id=photo_id, status__in=PUBLIC_STATES
        ).exists()
    )


def _tagged_counts(tagged) -> bool:
    if tagged.content_type_id != ContentType.objects.get_for_model(Article).pk:
        return True
    return Article.objects.filter(pk=tagged.object_id, status__in=PUBLIC_STATES).exists()


def _event_counts(event) -> bool:
    return (
        event.announced or Article.objects.filter(events=event, status__in=PUBLIC_STATES).exists()
    )


def _tag_counts(tag) -> bool:
    article_type = ContentType.objects.get_for_model(Article)
    public = Article.objects.filter(status__in=PUBLIC_STATES).values("pk")
    return TaggedItem.objects.filter(
        tag_id=tag.pk, content_type=article_type, object_id__in=public
    ).exists()


def _reporter_counts(reporter) -> bool:
    # Reporter pages, bylines and credits show the name; a new correspondent
    # with nothing published yet appears nowhere.
    return (
        Article.objects.filter(bylines__reporter_id=reporter.pk, status__in=PUBLIC_STATES).exists()
        or Photo.objects.filter(credit_reporter_id=reporter.pk).exists()
    )


def affects_readers(instance) -> bool:
    """Could saving or deleting ``instance`` change a public page?"""
    meta = instance._meta
    key = (meta.app_label, meta.model_name)
    if key in NEVER_PUBLIC:
        return False
    match key:
        case ("articles", "article"):
            return _article_counts(instance)
        case ("articles", "byline" | "placement" | "articlephoto" | "correction"):
            return _article_counts(_article_of(instance))
        case ("articles", "event"):
            return _event_counts(instance)
        case ("paper", "issue"):
            return _issue_released(instance)
        case ("paper", "page"):
            return _issue_released(instance.issue)
        case ("media_library", "photo"):
            return _photo_counts(instance.pk)
        case ("media_library", "rendition"):
            return _photo_counts(instance.photo_id)
        case ("taggit", "taggeditem"):
            return _tagged_counts(instance)
        case ("taggit", "tag"):
            return _tag_counts(instance)
        case ("people", "reporter"):
            return _reporter_counts(instance)
    return True


def m2m_affects_readers(instance, pk_set) -> bool:
    """``article.tags.add()``, ``article.photos.add()``, ``event.articles.add()`` …"""
    if isinstance(instance, Article):
        return _article_counts(instance)
    if isinstance(instance, Event):
        return (
            _event_counts(instance)
            or Article.objects.filter(pk__in=pk_set or (), status__in=PUBLIC_STATES).exists()
        )
    return True
