"""When the clock alone changes what readers see."""

import datetime

from django.db.models import Min

from articles.models import Article
from paper.models import Issue

#: Far enough ahead that every scheduled article and issue is due by then.
_FOREVER = datetime.timedelta(days=365 * 100)


def next_publish_after(now: datetime.datetime) -> datetime.datetime | None:
    """The earliest scheduled publish time after ``now``: an article's or an issue's.

    The site cache registers this (``sitecache.register_due_times``) so that a
    page shown before that minute is rendered again at it.
    """
    article = (
        Article.objects.scheduled(at=now).filter(publish_at__gt=now).aggregate(t=Min("publish_at"))
    )["t"]
    issue = (
        Issue.objects.released(at=now + _FOREVER)
        .filter(publish_at__gt=now)
        .aggregate(t=Min("publish_at"))
    )["t"]
    moments = [t for t in (article, issue) if t is not None]
    return min(moments) if moments else None
