"""schema.org JSON-LD for articles and events, built from prefetched objects only.

Search engines read a ``NewsArticle`` with every credited person: those who
wrote it as ``author`` (the photographers too, for a photo-news item, whose
photo is the story), the others - photographers of a story, editors - as a
``contributor`` in their role; each photo with its ``creditText``; when it
was published and last changed; and its corrections.
"""

import json

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.bylines import TEXT_ROLES
from articles.models import Article, Byline, Event
from articles.selectors.listing import bylines_of, photos_of
from media_library.templatetags.photos import public_rendition

#: ``</script>`` and friends must not end the block early.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def modified_at(article: Article):
    """The last change readers can see: an edit, or a correction after it."""
    times = [article.updated_at, *(c.published_at for c in article.corrections.all())]
    return max(t for t in times if t is not None)


def _person(reporter, absolute) -> dict:
    return {"@type": "Person", "name": reporter.name, "url": absolute(reporter.get_absolute_url())}


def _image(photo, absolute) -> dict:
    image = {
        "@type": "ImageObject",
        "url": absolute(photo.get_absolute_url()),
        "name": photo.title,
        "caption": photo.caption or photo.title,
    }
    # The file readers may fetch is a rendition (the original is for staff).
    found = public_rendition(photo)
    if found:
        url, rendition = found
        image.update(contentUrl=absolute(url), width=rendition.width, height=rendition.height)
    if photo.credit:
        image["creditText"] = photo.credit
    if photo.credit_reporter_id:
        image["creator"] = _person(photo.credit_reporter, absolute)
    if photo.rights:
        image["copyrightNotice"] = photo.rights
    return image


def news_article(article: Article, absolute) -> dict:
    """``absolute(path)`` turns a path into a full URL."""
    url = absolute(article.get_absolute_url())
    author_roles = set(TEXT_ROLES)
    if article.is_photo_news:
        author_roles.add(Byline.Role.PHOTOGRAPHER)
    authors, contributors = [], []
    for byline in bylines_of(article):
        person = _person(byline.reporter, absolute)
        if byline.role in author_roles:
            authors.append(person)
        else:
            contributors.append(
                {"@type": "Role", "roleName": byline.get_role_display(), "contributor": person}
            )
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "dateModified": modified_at(article).isoformat(),
        "inLanguage": "zh-CN",
        "articleSection": article.section.name,
        "isAccessibleForFree": True,
        "author": authors,
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.NEWSROOM_SITE_NAME,
            "url": absolute("/"),
        },
    }
    if article.publish_at:  # unscheduled only in a preview
        data["datePublished"] = article.publish_at.isoformat()
    alternative = " ".join(h for h in (article.kicker, article.subheadline) if h)
    if alternative:
        data["alternativeHeadline"] = alternative
    if contributors:
        data["contributor"] = contributors
    images = [_image(item.photo, absolute) for item in photos_of(article)]
    if images:
        data["image"] = images
    keywords = [tag.name for tag in article.tags.all()]
    if keywords:
        data["keywords"] = keywords
    placements = list(article.placements.all())
    if placements:
        page = placements[0].page
        data["printEdition"] = str(page.issue)
        data["printPage"] = str(page.number)
        data["printSection"] = page.name
    corrections = [
        {"@type": "CorrectionComment", "text": c.text, "datePublished": c.published_at.isoformat()}
        for c in article.corrections.all()
    ]
    if corrections:
        data["correction"] = corrections
    return data


def event(event: Event, absolute) -> dict:
    def when(value):
        return value.date().isoformat() if event.all_day else value.isoformat()

    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": absolute(event.get_absolute_url()),
        "startDate": when(timezone.localtime(event.start)),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": "zh-CN",
    }
    if event.end:
        data["endDate"] = when(timezone.localtime(event.end))
    if event.place:
        data["location"] = {"@type": "Place", "name": event.place, "address": event.place}
    if event.organiser:
        data["organizer"] = {"@type": "Organization", "name": event.organiser}
    if event.description:
        data["description"] = event.description
    return data
