"""The masthead, footer and head links every public page carries, rendered once
per process.

Twenty-odd addresses, the sections and the search box are the same on every
page but for which link is the current one; rendering them each time cost
more than many a page's own content. The masthead is kept for each set of
sections (read anyway, so an edited section shows at once), current section
and home-or-not, in pieces around the search box's value: the search page
echoes the reader's words there.
"""

from functools import lru_cache

from django import template
from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from paper.models import Section as SectionModel

register = template.Library()


@register.simple_tag(takes_context=True)
def masthead(context):
    sections = list(context.get("nav_sections") or ())
    current = context.get("current_section")
    request = context.get("request")
    shown = tuple((s.pk, s.name, s.slug) for s in sections)
    is_home = bool(request and request.path == "/")
    pieces = _masthead(shown, getattr(current, "pk", None), is_home, context.get("site_name", ""))
    return mark_safe(conditional_escape(context.get("q") or "").join(pieces))


#: Where the reader's words go, in the masthead as kept: escaping leaves it as it is.
_QUERY = "\x00"


@lru_cache(maxsize=256)
def _masthead(sections, current_pk, is_home, site_name) -> tuple[str, ...]:
    class Section:
        def __init__(self, pk, name, url):
            self.pk, self.name, self.url = pk, name, url

        def get_absolute_url(self):
            return self.url

    class Request:
        path = "/" if is_home else ""

    def address(slug):
        return SectionModel(slug=slug).get_absolute_url()

    html = get_template("includes/masthead.html").render(
        {
            "nav_sections": [Section(pk, name, address(slug)) for pk, name, slug in sections],
            "current_section": Section(current_pk, "", "") if current_pk else None,
            "request": Request(),
            "site_name": site_name,
            "q": _QUERY,
        }
    )
    return tuple(html.split(_QUERY))


def forget() -> None:
    _masthead.cache_clear()
    _colophon.cache_clear()
    _head_links.cache_clear()


@register.simple_tag(takes_context=True)
def head_links(context):
    """The icons, style sheets and feeds in every page's head."""
    return _head_links(context.get("site_name", ""))


@lru_cache(maxsize=8)
def _head_links(site_name) -> str:
    return mark_safe(get_template("includes/head_links.html").render({"site_name": site_name}))


@register.simple_tag(takes_context=True)
def colophon(context):
    return _colophon(context.get("site_name", ""))


@lru_cache(maxsize=8)
def _colophon(site_name) -> str:
    return mark_safe(get_template("includes/colophon.html").render({"site_name": site_name}))
