"""A result as the results page lists it, put together in Python.

Ten results through the template engine cost more than the rest of the
page: a dozen lookups, two date filters and a loop each, for markup that
never changes. The words marked and the snippet are the query's, so there is
nothing to keep between searches; each item is one ``format_html``.
"""

from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from search.highlight import highlight, snippet
from search.selectors import Result

ITEM = (
    '<li class="item search-result">{kicker}'
    '<h2 class="item__headline"><a href="{url}">{headline}</a></h2>'
    '<p class="search-result__meta">{section} · <time datetime="{when}">{day}</time>{names}</p>'
    '<p class="search-result__snippet">{snippet}</p></li>'
)


def item(result: Result, words: tuple[str, ...]) -> SafeString:
    """``<li>`` for one result: kicker, headline (marked) with its link, section,
    date and reporters, and a snippet around the first word (``highlight``)."""
    article = result.article
    when = timezone.localtime(article.publish_at)
    return format_html(
        ITEM,
        kicker=format_html('<p class="item__kicker">{}</p>', article.kicker)
        if article.kicker
        else "",
        url=article.get_absolute_url(),
        headline=highlight(article.headline, words),
        section=result.section,
        when=when.isoformat(),
        day=f"{when.year}年{when.month}月{when.day}日",
        names=format_html(" ·{}", format_html_join("", " {}", ((n,) for n in result.reporters)))
        if result.reporters
        else "",
        snippet=snippet(f"{article.summary}\n{article.body_text}", words) if words else "",
    )
