from django.http import Http404
from django.shortcuts import redirect, render

from articles import selectors
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
    context = {
        "article": article,
        "related": selectors.related_articles(article),
        "current_section": article.section,
    }
    return render(request, "articles/article_detail.html", context)
