"""Template helpers that print articles the way the paper does.

They work on prefetched objects only, so a template costs no query of its
own (the admin's previews render the same templates from their own context).
"""

import html
import re

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from articles import bylines, structured_data
from articles.selectors.listing import bylines_of, photos_of
from newsroom.siteurl import absolute_url as _absolute_url

register = template.Library()

_FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _linked(reporter):
    return format_html('<a href="{}">{}</a>', reporter.get_absolute_url(), reporter.name)


@register.filter
def article_bylines(article):
    """``{% for byline in article|article_bylines %}``: prefetched or not."""
    return bylines_of(article)


@register.filter
def article_photos(article):
    """``{% for item in article|article_photos %}`` (``ArticlePhoto`` rows, lead first)."""
    return photos_of(article)


@register.filter
def lead_photo(article):
    """The article's first photo (a ``Photo``), or ``None``."""
    first = next(iter(photos_of(article)), None)
    return first.photo if first is not None else None


@register.simple_tag
def dateline_credit(article):
    """本报讯（记者 高轶鹏 通讯员 张晓旭）, names linked, from the prefetched bylines."""
    return bylines.dateline_credit(article.dateline, bylines_of(article), name=_linked)


@register.simple_tag
def signature(article):
    """本报记者 高轶鹏, names linked."""
    return bylines.signature(bylines_of(article), name=_linked)


@register.simple_tag
def photo_credit(article):
    """郑喜艳 摄, names linked."""
    return bylines.photo_credit(bylines_of(article), name=_linked)


@register.filter
def credit_names(article):
    """The byline as a headline list shows it, unlinked: 记者 高轶鹏 通讯员 张晓旭 / 郑喜艳 摄."""
    if article.is_photo_news:
        return bylines.photo_credit(bylines_of(article))
    return bylines.credit_line(bylines_of(article), own_staff=True)


def _shortened(text: str, length: int) -> str:
    # Chinese has no words to keep whole: cut at a character. (Truncator
    # normalises Unicode first, and cost more than the rest of an item.)
    return text if len(text) <= length else text[: length - 1] + "…"


@register.filter
def excerpt(article, length=90):
    """The summary, or the start of the first paragraph."""
    if article.summary:
        return _shortened(article.summary, length)
    for match in _FIRST_PARAGRAPH.finditer(article.body):
        text = html.unescape(_TAG.sub("", match.group(1))).strip()
        if text:
            return _shortened(text, length)
    return ""


@register.filter
def modified_at(article):
    return structured_data.modified_at(article)


@register.simple_tag
def article_body(article):
    """The sanitized body, with the dateline run into the first paragraph as printed."""
    body = article.body
    if article.dateline and body.startswith("<p>"):
        credit = format_html('<span class="dateline">{}</span>', dateline_credit(article))
        body = f"<p>{credit}{body[3:]}"
    # The body was sanitized to the paper's vocabulary when it was saved.
    return mark_safe(body)


def _figure(context, photo, *, lazy: bool) -> str:
    """A photo through ``includes/figure.html``, the one template for photos."""
    figure = context.template.engine.get_template("includes/figure.html")
    return figure.render(context.new({"photo": photo, "lazy": lazy}))


def _thumbnail(context, photo, *, href: str) -> str:
    """A list item's card crop (focal point kept) through ``includes/photo_thumbnail.html``."""
    thumbnail = context.template.engine.get_template("includes/photo_thumbnail.html")
    return thumbnail.render(context.new({"photo": photo, "href": href}))


@register.simple_tag(takes_context=True)
def article_item(context, article, level=3, lead=False, brief=False, no_photo=False):
    """One article in a list of headlines: photo, kicker, headline, subheadline,
    excerpt, date and byline.

    Built in Python rather than by an include: a page lists dozens of these,
    and the template engine's per-tag cost made it the slowest part of a page.
    """
    url = article.get_absolute_url()
    classes = "item" + (" item--photo" if article.is_photo_news else "")
    classes += " item--lead" if lead else ""
    parts = [f'<article class="{classes}">']
    if not no_photo:
        first = next(iter(photos_of(article)), None)
        if first is not None and lead:
            figure = _figure(context, first.photo, lazy=False)
            parts.append(
                format_html(
                    '<a class="item__photo" href="{}" tabindex="-1" aria-hidden="true">{}</a>',
                    url,
                    figure,
                )
            )
        elif first is not None:
            parts.append(_thumbnail(context, first.photo, href=url))
    escape = conditional_escape
    if article.kicker:
        parts.append(f'<p class="item__kicker">{escape(article.kicker)}</p>')
    parts.append(
        f'<h{level} class="item__headline"><a href="{escape(url)}">'
        f"{escape(article.headline)}</a></h{level}>"
    )
    if article.subheadline:
        parts.append(f'<p class="item__subheadline">{escape(article.subheadline)}</p>')
    if not brief:
        parts.append(f'<p class="item__summary">{escape(excerpt(article))}</p>')
    meta = []
    if article.publish_at:  # an article not yet scheduled (in a preview) has none
        when = timezone.localtime(article.publish_at)
        meta.append(
            f'<time datetime="{when.isoformat()}">{when.year}年{when.month}月{when.day}日</time>'
        )
    credit = credit_names(article)
    if credit:
        meta.append(escape(credit))
    parts.append(f'<p class="item__meta">{" · ".join(meta)}</p></article>')
    return mark_safe("".join(parts))


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """``https://host/path``: for canonical links and Open Graph."""
    return _absolute_url(context["request"], str(path))


@register.simple_tag(takes_context=True)
def article_jsonld(context, article):
    request = context["request"]
    data = structured_data.news_article(article, lambda path: _absolute_url(request, path))
    return structured_data.script(data)


@register.simple_tag(takes_context=True)
def event_jsonld(context, event):
    request = context["request"]
    data = structured_data.event(event, lambda path: _absolute_url(request, path))
    return structured_data.script(data)
