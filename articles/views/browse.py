"""Ways into the news besides the paper: sections, tags, events, photos, corrections."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from articles import selectors
from articles.teasers import prepare as prepare_teasers
from newsroom.pagination import page_number, paginate
from paper.selectors import SECTIONS, with_sections
from sitecache import fragments
from sitecache.pages import public_page


def listed(request, articles):
    """One page of a list of articles, each with its teaser."""
    window = paginate(request, articles)
    prepare_teasers(window)
    return window


def list_html(request, articles: QuerySet, template: str, *, empty: str = "") -> str:
    """The ``?p=`` page of a list of articles, rendered by ``template``; ``empty``:
    the 404's message when even the first page is empty (a tag no live article
    carries)."""
    window = listed(request, articles)
    if empty and not window:
        raise Http404(empty)
    return render_to_string(template, {"articles": window}, request)


@public_page
def section_detail(request, slug):
    """A page of the section's list, kept as a fragment (``section:gaoxin:p1``),
    timed, until the list or what it shows changes; read with the sections."""
    number = page_number(request)
    name = f"section:{slug}:p{number}"

    def articles(found):
        section = _section(found[SECTIONS], slug)
        articles = selectors.section_articles(section)
        return list_html(request, articles, "articles/_section_list.html")

    found = fragments.each(with_sections({name: articles}), timed=True)
    section = _section(found[SECTIONS], slug)
    context = {
        "section": section,
        "number": number,
        "articles": found[name],
        "nav_sections": found[SECTIONS],
        "current_section": section,
    }
    return render(request, "articles/section_detail.html", context)


def _section(sections, slug):
    # The navigation lists every section anyway: find this one among them.
    section = next((s for s in sections if s.slug == slug), None)
    if section is None:
        raise Http404("没有这个栏目")
    return section


@public_page
def tag_list(request):
    tags = paginate(request, selectors.tags_for_reader(), per_page=100)
    return render(request, "articles/tag_list.html", {"tags": tags})


@public_page
def tag_detail(request, slug):
    """A page of the tag's list, kept as a fragment with the tag's name
    (``tag:防汛:p1``), timed, until the list, the tag or what it shows changes."""
    number = page_number(request)
    name = f"tag:{slug}:p{number}"

    def tag_page(found):
        tag = selectors.tag_for_reader(slug)
        articles = selectors.tag_articles(tag)
        html = list_html(request, articles, "articles/_tag_list.html", empty="没有这个标签")
        return {"name": tag.name, "html": html}

    found = fragments.each(with_sections({name: tag_page}), timed=True)
    context = {
        "tag": found[name],
        "number": number,
        "articles": found[name]["html"],
        "nav_sections": found[SECTIONS],
    }
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
