"""A result as the results page lists it, put together in Python.

Ten results through the template engine cost more than the rest of the
page: a dozen lookups, two date filters and a loop each, for markup that
never changes. The words marked and the snippet are the query's, so there is
nothing to keep between searches: each item is one string, its text escaped
here (``html.escape``, as Django's ``escape`` does, without its wrapper for
lazy strings, which costs more than the escaping).
"""

from html import escape

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from paper.models import Section
from search.highlight import highlight, snippet
from search.selectors import Result


def item(result: Result, words: tuple[str, ...]) -> SafeString:
    """``<li>`` for one result: kicker, headline (marked) with its link, section,
    date and reporters, and a snippet around the first word (``highlight``)."""
    article = result.article
    kicker = f'<p class="item__kicker">{escape(article.kicker)}</p>' if article.kicker else ""
    headline = highlight(article.headline, words)
    when = timezone.localtime(article.publish_at)
    day = f"{when.year}年{when.month}月{when.day}日"
    names = "".join(f" {escape(name)}" for name in result.reporters)
    passage = snippet(f"{article.summary}\n{article.body_text}", words) if words else ""
    return mark_safe(
        f'<li class="item search-result">{kicker}'
        f'<h2 class="item__headline"><a href="{escape(article.get_absolute_url())}">'
        f"{headline}</a></h2>"
        f'<p class="search-result__meta">{escape(result.section)} · '
        f'<time datetime="{when.isoformat()}">{day}</time>{" ·" + names if names else ""}</p>'
        f'<p class="search-result__snippet">{passage}</p></li>'
    )


def section_options(sections: list[Section], chosen: str) -> SafeString:
    """The filter's ``<option>`` for each section, the one the reader chose selected."""
    return mark_safe(
        "".join(
            f'<option value="{escape(s.slug)}"{" selected" if s.slug == chosen else ""}>'
            f"{escape(s.name)}</option>"
            for s in sections
        )
    )
