"""Template helpers that print articles the way the paper does.

They work on prefetched objects only, so a template costs no query of its
own (the admin's previews render the same templates from their own context).
"""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from articles import bylines, structured_data, teasers
from articles.selectors.listing import bylines_of, photos_of
from newsroom.siteurl import absolute_url as _absolute_url
from people.selectors import public_name as _public_name

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
    return teasers.credit_names(article)


@register.filter
def excerpt(article, length=90):
    """The summary, or the start of the first paragraph."""
    return teasers.excerpt(article, length)


@register.filter
def public_name(user):
    """A staff member's name as readers may see it (``people.selectors.public_name``)."""
    return _public_name(user)


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


@register.simple_tag
def article_item(article, level=3, lead=False, brief=False, no_photo=False):
    """One article in a list of headlines, from its teaser (``articles.teasers``):
    photo, kicker, headline, subheadline, excerpt, date and byline.

    Put together in Python rather than by an include: a page lists dozens of
    these, and the template engine's per-tag cost made it the slowest part of
    a page. The parts are rendered once per version of the article.
    """
    teaser = getattr(article, "teaser", None) or teasers.render(article)
    classes = "item" + (" item--photo" if teaser.is_photo else "")
    classes += " item--lead" if lead else ""
    parts = [f'<article class="{classes}">']
    if not no_photo:
        if lead and teaser.figure:
            parts.append(
                f'<a class="item__photo" href="{teaser.url}" tabindex="-1" aria-hidden="true">'
                f"{teaser.figure}</a>"
            )
        elif teaser.thumb:
            parts.append(teaser.thumb)
    if teaser.kicker:
        parts.append(f'<p class="item__kicker">{teaser.kicker}</p>')
    parts.append(
        f'<h{level} class="item__headline"><a href="{conditional_escape(teaser.url)}">'
        f"{teaser.headline}</a></h{level}>"
    )
    if teaser.subheadline:
        parts.append(f'<p class="item__subheadline">{teaser.subheadline}</p>')
    if not brief:
        parts.append(f'<p class="item__summary">{teaser.excerpt}</p>')
    meta = [part for part in (teaser.date, teaser.credit) if part]
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
