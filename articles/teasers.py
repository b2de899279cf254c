"""An article as a list shows it: photo, kicker, headline, subheadline, excerpt,
date and byline — rendered once, and again only when one of those changes.

Lists are most of what readers load, and the same articles recur on many of
them (home, sections, tags, reporters, pages). A teaser is a site-cache
fragment named by the article, showing the article, its reporters and its
lead photo: an edit stamps the article, so its teaser goes; publishing
another story, or editing one, leaves every other teaser as it is. A list
whose teasers are all kept costs its own query and one round trip for the
teasers; bylines and photos are fetched only for the teasers it has to render.

``prepare(articles)`` gives each article its ``teaser``; ``listed(ids)`` does
the same from a list of ids (a list kept as ids, see ``sitecache.fragments``),
building no article at all when the teasers are kept. The ``article_item`` tag
puts the parts together for the place it is shown in (lead, brief, no photo),
which costs no query.
"""

import hashlib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils import timezone
from django.utils.html import conditional_escape

from articles import bylines
from articles.models import Article
from articles.selectors.listing import (
    articles_for_listing,
    bylines_of,
    bylines_prefetch,
    photos_of,
    photos_prefetch,
)
from media_library.models import Photo
from people.models import Reporter
from sitecache import fragments
from sitecache.keys import key_of, keys_of

_FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Teaser:
    version: int  # the article's, when it was rendered
    url: str
    is_photo: bool
    thumb: str  # the card crop, linked; "" without a photo (or its renditions)
    figure: str  # the whole photo, for a lead item
    kicker: str
    headline: str
    subheadline: str
    excerpt: str
    date: str  # <time>…</time>
    credit: str


def shortened(text: str, length: int) -> str:
    # Chinese has no words to keep whole: cut at a character. (Truncator
    # normalises Unicode first, and cost more than the rest of an item.)
    return text if len(text) <= length else text[: length - 1] + "…"


def excerpt(article: Article, length: int = 90) -> str:
    """The summary, or the start of the first paragraph."""
    if article.summary:
        return shortened(article.summary, length)
    for match in _FIRST_PARAGRAPH.finditer(article.body):
        text = html.unescape(_TAG.sub("", match.group(1))).strip()
        if text:
            return shortened(text, length)
    return ""


def credit_names(article: Article) -> str:
    """The byline as a headline list shows it, unlinked: 记者 高轶鹏 通讯员 张晓旭 / 郑喜艳 摄."""
    if article.is_photo_news:
        return bylines.photo_credit(bylines_of(article))
    return bylines.credit_line(bylines_of(article), own_staff=True)


def render(article: Article) -> Teaser:
    """The teaser's parts, from the article with its bylines and photos."""
    url = article.get_absolute_url()
    first = next(iter(photos_of(article)), None)
    thumb = figure = ""
    if first is not None:
        thumb = get_template("includes/photo_thumbnail.html").render(
            {"photo": first.photo, "href": url}
        )
        figure = get_template("includes/figure.html").render({"photo": first.photo, "lazy": False})
    date = ""
    if article.publish_at:  # an article not yet scheduled (in a preview) has none
        when = timezone.localtime(article.publish_at)
        day = f"{when.year}年{when.month}月{when.day}日"
        date = f'<time datetime="{when.isoformat()}">{day}</time>'
    escape = conditional_escape
    return Teaser(
        version=article.version,
        url=url,
        is_photo=article.is_photo_news,
        thumb=thumb.strip(),
        figure=figure.strip(),
        kicker=escape(article.kicker),
        headline=escape(article.headline),
        subheadline=escape(article.subheadline),
        excerpt=escape(excerpt(article)),
        date=date,
        credit=escape(credit_names(article)),
    )


def _keys(article: Article) -> tuple[str, ...]:
    """What a teaser shows: the article, its reporters, its lead photo."""
    reporters = keys_of(Reporter, (b.reporter_id for b in bylines_of(article)))
    first = next(iter(photos_of(article)), None)
    photo = keys_of(Photo, [first.photo_id]) if first is not None else set()
    return tuple(sorted({key_of(article), *reporters, *photo}))


def _load_bodies(articles: list[Article]) -> None:
    """Lists leave the body out; an excerpt without a summary needs its start."""
    wanted = [a for a in articles if "body" in a.get_deferred_fields() and not a.summary]
    if wanted:
        found = Article.objects.filter(pk__in=[a.pk for a in wanted]).values_list("pk", "body")
        bodies = dict(found)
        for article in wanted:
            article.body = bodies.get(article.pk, "")


def _name(pk: int) -> str:
    # Not the version: every change to what a teaser shows stamps one of its
    # keys (an edit, the article's), which is what makes a kept one good.
    return f"teaser:{pk}"


def prepare(articles) -> None:
    """Give each article its ``teaser``: kept ones from the cache, the rest rendered.

    The articles were read before this is called: a teaser rendered from them
    is kept from the clock of the page being rendered, read before they were
    (``fragments.page_clock``).
    """
    articles = [a for a in articles if getattr(a, "teaser", None) is None]
    if not articles:
        return
    kept = fragments.kept(_name(a.pk) for a in articles)
    missing = []
    for article in articles:
        teaser = kept.get(_name(article.pk))
        if teaser is not None and teaser.version == article.version:
            article.teaser = teaser
        else:
            missing.append(article)
    _render_missing(missing)


def _render_missing(missing: list[Article]) -> None:
    if not missing:
        return
    since = fragments.clock()  # before the bylines and photos are read
    prefetch_related_objects(missing, bylines_prefetch(), photos_prefetch())
    _load_bodies(missing)
    built = {}
    for article in missing:
        article.teaser = render(article)
        built[_name(article.pk)] = (article.teaser, _keys(article))
    fragments.keep(built, since)


class Listed(NamedTuple):
    """An article in a list as its teaser shows it: all ``article_item`` needs,
    and the keys of what the teaser shows."""

    pk: int
    teaser: Teaser
    keys: tuple[str, ...]


def listed(ids) -> list[Listed]:
    """The live articles ``ids``, in that order, each with its teaser: the kept
    teasers from the cache, the others rendered from the articles (one query,
    and their bylines and photos). An id no longer live is left out."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    found = fragments.kept_with_keys(_name(pk) for pk in ids)
    items = {pk: Listed(pk, *found[_name(pk)]) for pk in ids if _name(pk) in found}
    wanted = [pk for pk in ids if pk not in items]
    if wanted:
        missing = list(articles_for_listing(Article.objects.filter(pk__in=wanted)))
        _render_missing(missing)
        items |= {a.pk: Listed(a.pk, a.teaser, _keys(a)) for a in missing}
    return [items[pk] for pk in ids if pk in items]


class Box(NamedTuple):
    """A list of teasers as a page shows it (see ``boxes``)."""

    ids: list[int]
    #: Everything else the box shows (a section's name, a page's title).
    inputs: tuple
    #: The box's HTML, from the teasers of ``ids`` by id.
    render: Callable[[dict[int, Listed]], str]


def boxes(wanted: dict[str, Box]) -> dict[str, str]:
    """Lists of teasers as HTML: ``{name: Box}`` gives ``{name: html}``.

    Each is a fragment named by ``name`` and a digest of its ids and inputs:
    it shows what its teasers show, is good until one of those changes, and
    is found again whenever the same stories are listed the same way. The
    teasers of the boxes not kept are read together.
    """
    names = {name: f"box:{name}:{_digest((box.ids, box.inputs))}" for name, box in wanted.items()}
    found = fragments.kept(names.values())
    html = {name: found[names[name]] for name in wanted if names[name] in found}
    missing = [name for name in wanted if name not in html]
    if not missing:
        return html
    since = fragments.clock()  # before the teasers are read
    items = {item.pk: item for item in listed(pk for name in missing for pk in wanted[name].ids)}
    built = {}
    for name in missing:
        shown = {pk: items[pk] for pk in wanted[name].ids if pk in items}
        html[name] = wanted[name].render(shown)
        keys = {key for item in shown.values() for key in item.keys}
        built[names[name]] = (html[name], tuple(sorted(keys)))
    fragments.keep(built, since)
    return html


def _digest(value) -> str:
    return hashlib.md5(repr(value).encode(), usedforsecurity=False).hexdigest()[:16]
