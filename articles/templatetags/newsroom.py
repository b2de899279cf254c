"""Template helpers that print articles the way the paper does."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles import bylines

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


@register.simple_tag
def article_body(article):
    """The sanitized body, with the dateline run into the first paragraph as printed."""
    body = article.body
    if article.dateline and body.startswith("<p>"):
        credit = format_html('<span class="dateline">{}</span>', dateline_credit(article))
        body = f"<p>{credit}{body[3:]}"
    # The body was sanitized to the paper's vocabulary when it was saved.
    return mark_safe(body)
