"""Ways into the news besides the paper: sections, tags, events, photos, corrections."""

import datetime
from collections.abc import Iterable

from django.db import connection
from django.db.models import Exists, F, OuterRef, QuerySet, Window
from django.db.models.functions import RowNumber
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
from sitecache.keys import shows


def section_for_reader(slug: str) -> Section:
    return get_object_or_404(Section, slug=slug)


def section_articles(section: Section) -> QuerySet:
    shows(cache_keys.section(section.pk))
    return articles_for_listing(Article.objects.filter(section=section))


def latest_by_section(
    sections: list[Section], per_section: int = 5, exclude: Iterable[int] = ()
) -> dict[int, list[Article]]:
    """``{section id: its latest live articles}``, for every section in one query,
    leaving out the articles ``exclude`` names (home shows them above already).

    On PostgreSQL a UNION of one small indexed query per section; where a
    UNION cannot hold LIMITs (SQLite, for ``make run``) a window over the live
    articles.
    """
    if not sections:
        return {}
    shows(*(cache_keys.section(s.pk) for s in sections))
    live = Article.objects.live().exclude(pk__in=list(exclude)).order_by("-publish_at", "-pk")
    if connection.features.supports_slicing_ordering_in_compound:
        first, *rest = (
            live.filter(section=s).values_list("pk", flat=True)[:per_section] for s in sections
        )
        articles = Article.objects.filter(pk__in=first.union(*rest, all=True))
    else:
        rank = Window(RowNumber(), partition_by=F("section_id"), order_by=F("publish_at").desc())
        articles = live.annotate(rank=rank).filter(rank__lte=per_section)
    found: dict[int, list[Article]] = {s.pk: [] for s in sections}
    for article in articles.select_related("section").order_by("-publish_at", "-pk"):
        found[article.section_id].append(article)
    return found


def latest_for_home(exclude: Iterable[int] = (), limit: int = 8) -> list[Article]:
    """Home's 最新: the newest live articles, web and print alike, except those
    ``exclude`` names (the print issue home shows in full above)."""
    shows(cache_keys.LATEST)
    articles = articles_for_listing().exclude(pk__in=list(exclude))
    return list(articles.order_by("-publish_at", "-pk")[:limit])


def tags_for_reader() -> QuerySet:
    """Tags with at least one live article, by name; no others are public."""
    shows(cache_keys.TAGS)
    return Tag.objects.filter(Exists(Article.objects.live().filter(tags=OuterRef("pk")))).order_by(
        "name"
    )


def tag_for_reader(slug: str) -> Tag:
    """A public tag: its page hangs on its own list (which says whether it is
    public at all), not on every tag's."""
    try:
        found = Tag.objects.filter(Exists(Article.objects.live().filter(tags=OuterRef("pk")))).get(
            slug=slug
        )
    except Tag.DoesNotExist:
        shows(cache_keys.TAGS)
        raise Http404 from None
    shows(cache_keys.tag(found.pk))
    return found


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
