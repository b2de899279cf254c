"""Ways into the news besides the paper: sections, tags, events, photos, corrections."""

import datetime
from collections.abc import Iterable

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from taggit.models import Tag

from articles import cache_keys
from articles.models import Article, Correction, Event, live_q
from articles.selectors.listing import (
    articles_for_listing,
    bylines_prefetch,
    photos_for_listing,
    tagged_with,
)
from media_library.models import Photo
from paper.models import Section
from sitecache import fragments
from sitecache.keys import ALL_LISTS, shows
from sitecache.queries import TEXT, Prepared


def section_for_reader(slug: str) -> Section:
    return get_object_or_404(Section, slug=slug)


def section_articles(section: Section) -> QuerySet:
    shows(cache_keys.section(section.pk))
    return articles_for_listing(Article.objects.filter(section=section))


#: How many of a list's newest ids are kept for home: enough to leave out the
#: stories shown above a box and still fill it (else the box is read afresh).
NEWEST_KEPT = 40


def latest_for_home(
    sections: list[Section], exclude: Iterable[int] = (), newest: int = 8, per_section: int = 5
) -> tuple[list[int], dict[int, list[int]]]:
    """Home's 最新 and 栏目最新, as article ids: the newest live articles but those
    in ``exclude`` (the print issue above them), then each section's newest but
    those shown above.

    Each list's newest ids are a fragment of their own, kept until that list
    changes (``newest_ids``): publishing a story reads its section's and the
    latest list again, and no other. All that are not kept come in one query.
    """
    lists = {cache_keys.LATEST: Q()}
    lists |= {cache_keys.section(s.pk): Q(section_id=s.pk) for s in sections}
    found = newest_ids(lists)
    shown = set(exclude)
    latest = _first(found[cache_keys.LATEST], shown, newest, Q())
    shown |= set(latest)
    by_section = {
        s.pk: _first(found[cache_keys.section(s.pk)], shown, per_section, Q(section_id=s.pk))
        for s in sections
    }
    return latest, by_section


def _first(ids: list[int], exclude: set[int], count: int, where: Q) -> list[int]:
    """The first ``count`` of ``ids`` not in ``exclude``; from the database when the
    kept ids run out before that and the list has more."""
    chosen = [pk for pk in ids if pk not in exclude][:count]
    if len(chosen) == count or len(ids) < NEWEST_KEPT:
        return chosen
    live = Article.objects.live().filter(where).exclude(pk__in=list(exclude))
    return list(live.order_by("-publish_at", "-pk").values_list("pk", flat=True)[:count])


def newest_ids(lists: dict[str, Q], count: int = NEWEST_KEPT) -> dict[str, list[int]]:
    """``{list key: the ids of its newest live articles}``, for lists of live
    articles named by their key and given by their filter.

    Each is a fragment, timed (what is live changes by the clock too) and
    showing its list key: the ids are in the list's order, which every change
    to who is in it or where (publishing, withdrawing, a new publish time)
    stamps. On PostgreSQL the lists not kept come in one query, a UNION of one
    small indexed query per list; elsewhere (SQLite, ``make run``) one each.
    """
    names = {f"newest:{key}": key for key in lists}
    found = {names[name]: ids for name, ids in fragments.kept(names).items()}
    missing = [key for key in lists if key not in found]
    if not missing:
        return found
    since = fragments.clock()  # before the lists are read
    shows(*missing)
    live = Article.objects.live().order_by("-publish_at", "-pk")
    parts = [
        live.filter(lists[key])
        .annotate(list_index=Value(index))
        .values_list("list_index", "pk", "publish_at")[:count]
        for index, key in enumerate(missing)
    ]
    if len(parts) == 1:
        rows = list(parts[0])
    elif connection.features.supports_slicing_ordering_in_compound:
        rows = list(parts[0].union(*parts[1:], all=True))
    else:
        rows = [row for part in parts for row in part]
    rows.sort(key=lambda row: (row[2], row[1]), reverse=True)
    built = {key: [] for key in missing}
    for index, pk, _publish_at in rows:
        built[missing[index]].append(pk)
    fragments.keep(
        {f"newest:{key}": (ids, (key, ALL_LISTS)) for key, ids in built.items()},
        since,
        timed=True,
    )
    return found | built


def tags_for_reader() -> QuerySet:
    """Tags with at least one live article, by name; no others are public."""
    shows(cache_keys.TAGS)
    return Tag.objects.filter(Exists(Article.objects.live().filter(tags=OuterRef("pk")))).order_by(
        "name"
    )


def tag_for_reader(slug: str) -> Tag:
    """The tag at ``slug``. It is public only while it has a live article, which
    the first page of its list says: the view answers 404 when that is empty."""
    found = _tag(slug)
    if not found:
        shows(cache_keys.TAGS)  # a tag of that name may join the index
        raise Http404("没有这个标签")
    return found[0]


_tag = Prepared(Tag, lambda slug: Tag.objects.filter(slug=slug), TEXT)


def tag_articles(tag: Tag) -> QuerySet:
    shows(cache_keys.tag(tag.pk))
    return articles_for_listing(Article.objects.filter(tagged_with([tag.pk])))


def _today_start() -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))


def upcoming_events() -> QuerySet:
    """Public events from today on, soonest first."""
    shows(cache_keys.EVENTS)
    return Event.objects.public().filter(start__gte=_today_start()).order_by("start", "pk")


def past_events() -> QuerySet:
    """Public events before today, latest first."""
    shows(cache_keys.EVENTS)
    return Event.objects.public().filter(start__lt=_today_start()).order_by("-start", "-pk")


def event_for_reader(pk: int) -> Event:
    shows(cache_keys.EVENTS)  # whether it is public at all
    return get_object_or_404(Event.objects.public(), pk=pk)


def event_coverage(event: Event) -> QuerySet:
    shows(cache_keys.event(event.pk))
    return articles_for_listing(event.articles.all())


def event_photos(event: Event) -> QuerySet:
    shows(cache_keys.PHOTOS)
    return photos_for_listing(Photo.objects.filter(events=event))


def gallery_photos() -> QuerySet:
    shows(cache_keys.PHOTOS)
    return photos_for_listing().order_by("-created_at", "-pk")


def photo_for_reader(pk: int) -> Photo:
    shows(cache_keys.PHOTOS)  # whether it is public at all
    return get_object_or_404(photos_for_listing(), pk=pk)


def photo_articles(photo: Photo) -> QuerySet:
    shows(cache_keys.photo(photo.pk))
    return articles_for_listing(photo.articles.all())


def corrections_for_reader() -> QuerySet:
    """Corrections to live articles, newest first."""
    shows(cache_keys.CORRECTIONS)
    return (
        Correction.objects.filter(live_q("article__"))
        .select_related("article__section")
        .order_by("-published_at", "-pk")
    )


def latest_articles(section: Section | None = None, limit: int = 30) -> list[Article]:
    """The newest live articles (of a section), with bylines and tags, for feeds."""
    shows(cache_keys.LATEST if section is None else cache_keys.section(section.pk))
    articles = Article.objects.live() if section is None else section.articles.live()
    return list(
        articles.select_related("section")
        .prefetch_related(bylines_prefetch(), "tags")
        .order_by("-publish_at", "-pk")[:limit]
    )


def articles_since(since: datetime.datetime, limit: int = 1000) -> QuerySet:
    """Live articles published since ``since``, newest first (Google News: two days)."""
    shows(cache_keys.LATEST)
    return (
        Article.objects.live()
        .filter(publish_at__gte=since)
        .only("pk", "slug", "headline", "publish_at")
        .order_by("-publish_at", "-pk")[:limit]
    )
