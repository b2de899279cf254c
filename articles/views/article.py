from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from articles import selectors
from articles.models import Article
from newsroom.siteurl import site_root
from paper.selectors import SECTIONS, with_sections
from sitecache import fragments
from sitecache.keys import keys_of, shows
from sitecache.pages import public_page


@public_page(query=())
def article_detail(request, pk, slug=None):
    """An article as it reads, and 相关报道: two fragments of the site cache, read
    with the sections in one round trip.

    The article's (head, photos, body, credits, its page's meta tags) is kept
    until something it shows (the article, its reporters, photos, tags …)
    changes; 相关报道, the latest live stories sharing a tag with it, is timed
    and kept until one of those tags' lists, or the article, changes.
    """
    name, related = f"article:{pk}:{site_root(request)}", f"related:{pk}"
    try:
        found = fragments.each(
            with_sections(
                {
                    name: lambda found: _article(request, pk),
                    related: lambda found: _related(pk, found[name]["tag_ids"]),
                }
            ),
            timed={SECTIONS, related},
        )
    except Http404:
        if selectors.article_is_withdrawn(pk):
            # 撤稿: say that it is gone for good, and nothing of what it said.
            return render(request, "articles/article_gone.html", status=410)
        raise
    article = found[name]
    if slug != article["slug"]:
        # The id finds the article; the words are for people. Old or
        # shortened links land on the one canonical address.
        return redirect(article["url"], permanent=True)
    sections = found[SECTIONS]
    context = {
        "article": article,
        "parts": article,
        "related": found[related],
        "current_section": next((s for s in sections if s.pk == article["section_id"]), None),
        "nav_sections": sections,
    }
    return render(request, "articles/article_detail.html", context)


def _article(request, pk) -> dict:
    """The live article ``pk`` as its page shows it (a 404 if there is none)."""
    article = selectors.article_for_reader(pk)
    selectors.complete_article(article)
    context = {"article": article, "request": request}
    return {
        "slug": article.slug,
        "url": article.get_absolute_url(),
        "headline": article.headline,
        "section_id": article.section_id,
        "meta": render_to_string("articles/_article_meta.html", context, request),
        "main": render_to_string("articles/_article_main.html", context, request),
        "tag_ids": [tag.pk for tag in article.tags.all()],
    }


def _related(pk, tag_ids) -> str:
    shows(*keys_of(Article, [pk]))  # its tags say which lists to read
    related = selectors.related_articles(pk, tag_ids)
    return render_to_string("articles/_related.html", {"related": related}) if related else ""
