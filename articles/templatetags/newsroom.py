"""Template helpers that print articles the way the paper does.

They work on prefetched objects only, so a template costs no query of its
own (the admin's previews render the same templates from their own context).
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles import bylines, structured_data
from articles.body import blocks
from newsroom.siteurl import absolute_url as _absolute_url

register = template.Library()


def _linked(reporter):
    return format_html('<a href="{}">{}</a>', reporter.get_absolute_url(), reporter.name)


@register.simple_tag
def dateline_credit(article):
    """本报讯（记者 高轶鹏 通讯员 张晓旭）, names linked, from the prefetched bylines."""
    return bylines.dateline_credit(article.dateline, article.bylines.all(), name=_linked)


@register.simple_tag
def signature(article):
    """本报记者 高轶鹏, names linked."""
    return bylines.signature(article.bylines.all(), name=_linked)


@register.simple_tag
def photo_credit(article):
    """郑喜艳 摄, names linked."""
    return bylines.photo_credit(article.bylines.all(), name=_linked)


@register.filter
def credit_names(article):
    """The byline as a headline list shows it, unlinked: 记者 高轶鹏 通讯员 张晓旭 / 郑喜艳 摄."""
    if article.is_photo_news:
        return bylines.photo_credit(article.bylines.all())
    return bylines.credit_line(article.bylines.all(), own_staff=True)


@register.filter
def excerpt(article, length=90):
    """The summary, or the start of the first paragraph."""
    if article.summary:
        return Truncator(article.summary).chars(length)
    first = next((text for tag, text in blocks(article.body) if tag == "p" and text), "")
    return Truncator(first).chars(length)


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
