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
    parts = article_parts(request, article)
    context = {
        "article": article,
        "parts": parts,
        "related": selectors.related_articles(article, parts["tag_ids"]),
        "current_section": article.section,
    }
    return render(request, "articles/article_detail.html", context)


def article_parts(request, article) -> dict:
    """The article as it reads (head, photos, body, credits) and its page's meta
    tags, rendered once per version of the article: a fragment of the site
    cache, kept until something it shows (its reporters, photos, tags …)
    changes."""
    name = f"article:{article.pk}:v{article.version}:{site_root(request)}"
    kept = fragments.kept([name])
    if name in kept:
        return kept[name]
    since = fragments.clock()  # before what the fragment shows is read

    def make():
        shows(key_of(article))  # loaded before: say it, corrections and all hang on it
        selectors.complete_article(article)
        context = {"article": article, "request": request}
        return {
            "meta": render_to_string("articles/_article_meta.html", context, request),
            "main": render_to_string("articles/_article_main.html", context, request),
            "tag_ids": [tag.pk for tag in article.tags.all()],
        }

    parts, keys = fragments.build(make)
    fragments.keep({name: (parts, keys)}, since)
    return parts
