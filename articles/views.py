from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from articles import selectors
from newsroom.models import Section

PER_PAGE = 20


def article_detail(request, pk, slug=None):
    article = selectors.article_for_reader(pk)
    if slug != article.slug:
        # The id finds the article; the words are for people. Old or
        # shortened links land on the one canonical address.
        return redirect(article, permanent=True)
    return render(request, "articles/article_detail.html", {"article": article})


def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    articles = Paginator(selectors.section_articles(section), PER_PAGE).get_page(
        request.GET.get("p")
    )
    return render(
        request, "articles/section_detail.html", {"section": section, "articles": articles}
    )


def event_detail(request, pk, slug=None):
    event = selectors.event_for_reader(pk)
    if slug != event.slug:
        return redirect(event, permanent=True)
    coverage = selectors.event_coverage(event)
    return render(request, "articles/event_detail.html", {"event": event, "coverage": coverage})


def photo_detail(request, pk):
    photo = selectors.photo_for_reader(pk)
    articles = selectors.photo_articles(photo)
    return render(request, "articles/photo_detail.html", {"photo": photo, "articles": articles})
