"""Ways into the news besides the paper: sections, tags, events, photos, corrections."""

from collections.abc import Callable

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from articles import selectors
from articles.teasers import prepare as prepare_teasers
from newsroom.pagination import page_number, paginate
from paper import selectors as paper_selectors
from sitecache import fragments
from sitecache.pages import public_page


def listed(request, articles):
    """One page of a list of articles, each with its teaser."""
    window = paginate(request, articles)
    prepare_teasers(window)
    return window


def list_part(
    request, name: str, articles: Callable[[], QuerySet], template: str, *, empty: str = ""
) -> str:
    """The ``?p=`` page of a list of articles, rendered by ``template``.

    Kept as a fragment per page (``section:3:p1``), timed, until the list or
    something it shows changes: ``articles()`` (the selector, which says which
    list it reads) runs only when it is not kept. ``empty``: the 404's message
    when even the first page is empty (a tag no live article carries).
    """

    def render_part():
        window = listed(request, articles())
        if empty and not window:
            raise Http404(empty)
        return render_to_string(template, {"articles": window}, request)

    return fragments.one(f"{name}:p{page_number(request)}", render_part, timed=True)


@public_page
def section_detail(request, slug):
    # The navigation lists every section anyway: find this one among them.
    sections = paper_selectors.sections()
    section = next((s for s in sections if s.slug == slug), None)
    if section is None:
        raise Http404("没有这个栏目")
    context = {
        "section": section,
        "number": page_number(request),
        "articles": list_part(
            request,
            f"section:{section.pk}",
            lambda: selectors.section_articles(section),
            "articles/_section_list.html",
        ),
        "nav_sections": sections,
        "current_section": section,
    }
    return render(request, "articles/section_detail.html", context)


@public_page
def tag_list(request):
    tags = paginate(request, selectors.tags_for_reader(), per_page=100)
    return render(request, "articles/tag_list.html", {"tags": tags})


@public_page
def tag_detail(request, slug):
    tag = selectors.tag_for_reader(slug)
    articles = list_part(
        request,
        f"tag:{tag.pk}",
        lambda: selectors.tag_articles(tag),
        "articles/_tag_list.html",
        empty="没有这个标签",
    )
    context = {"tag": tag, "number": page_number(request), "articles": articles}
    return render(request, "articles/tag_detail.html", context)


@public_page
def event_list(request, when="upcoming"):
    """Events by date: upcoming soonest first, past latest first.

    With nothing announced, 活动 opens on the latest past events rather than
    on an empty page (``fallback``): a reader following the link wants events.
    """
    events = selectors.upcoming_events() if when == "upcoming" else selectors.past_events()
    window = paginate(request, events)
    fallback = False
    if when == "upcoming" and window.number == 1 and not window:
        past = paginate(request, selectors.past_events())
        if past:
            window, fallback = past, True
    context = {"events": window, "when": when, "fallback": fallback}
    return render(request, "articles/event_list.html", context)


@public_page
def event_detail(request, pk, slug=None):
    event = selectors.event_for_reader(pk)
    if slug != event.slug:
        return redirect(event, permanent=True)
    context = {
        "event": event,
        "coverage": listed(request, selectors.event_coverage(event)),
        "photos": list(selectors.event_photos(event)[:12]),
    }
    return render(request, "articles/event_detail.html", context)


@public_page
def photo_list(request):
    photos = paginate(request, selectors.gallery_photos(), per_page=24)
    return render(request, "articles/photo_list.html", {"photos": photos})


@public_page
def photo_detail(request, pk):
    photo = selectors.photo_for_reader(pk)
    articles = listed(request, selectors.photo_articles(photo))
    return render(request, "articles/photo_detail.html", {"photo": photo, "articles": articles})


@public_page
def corrections(request):
    items = paginate(request, selectors.corrections_for_reader())
    return render(request, "articles/corrections.html", {"corrections": items})
