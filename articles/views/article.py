from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from articles import selectors
from newsroom.siteurl import site_root
from sitecache import fragments
from sitecache.keys import key_of, shows
from sitecache.pages import public_page


@public_page(query=())
def article_detail(request, pk, slug=None):
    try:
        article = selectors.article_for_reader(pk)
    except Http404:
        if selectors.article_is_withdrawn(pk):
            # 撤稿: say that it is gone for good, and nothing of what it said.
            return render(request, "articles/article_gone.html", status=410)
        raise
    if slug != article.slug:
        # The id finds the article; the words are for people. Old or
        # shortened links land on the one canonical address.
        return redirect(article, permanent=True)
    parts, related = article_parts(request, article)
    context = {
        "article": article,
        "parts": parts,
        "related": related,
        "current_section": article.section,
    }
    return render(request, "articles/article_detail.html", context)


def article_parts(request, article) -> tuple[dict, str]:
    """The article as it reads (head, photos, body, credits) with its page's meta
    tags, and 相关报道: two fragments of the site cache, read in one round trip.

    The first is rendered once per version of the article and kept until
    something it shows (its reporters, photos, tags …) changes; the second,
    the latest live stories sharing a tag with it, is timed and kept until
    one of those tags' lists, or the article, changes.
    """
    name = f"article:{article.pk}:v{article.version}:{site_root(request)}"
    related_name = f"related:{article.pk}"
    kept = fragments.kept([name, related_name])
    if name in kept and related_name in kept:
        return kept[name], kept[related_name]
    since = fragments.clock()  # before what the fragments show is read
    parts = kept.get(name)
    if parts is None:
        parts, keys = fragments.build(lambda: _article_main(request, article))
        fragments.keep({name: (parts, keys)}, since)
    related = kept.get(related_name)
    if related is None:
        related, keys = fragments.build(lambda: _related(article, parts["tag_ids"]))
        fragments.keep({related_name: (related, keys)}, since, timed=True)
    return parts, related


def _article_main(request, article) -> dict:
    shows(key_of(article))  # loaded before: say it, corrections and all hang on it
    selectors.complete_article(article)
    context = {"article": article, "request": request}
    return {
        "meta": render_to_string("articles/_article_meta.html", context, request),
        "main": render_to_string("articles/_article_main.html", context, request),
        "tag_ids": [tag.pk for tag in article.tags.all()],
    }


def _related(article, tag_ids) -> str:
    shows(key_of(article))  # its tags say which lists to read
    related = selectors.related_articles(article, tag_ids)
    return render_to_string("articles/_related.html", {"related": related}) if related else ""
