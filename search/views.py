from django.core.paginator import Paginator
from django.shortcuts import render

from articles import cache_keys
from paper import selectors as paper_selectors
from search import selectors
from search.forms import SearchForm
from search.items import item, section_options
from sitecache.keys import shows
from sitecache.pages import public_page

PER_PAGE = 10


@public_page(query=("q", "section", "reporter", "start", "end", "p"))
def search(request):
    """/search/?q=: live articles holding every word, most relevant first.

    Whatever arrives - nothing, punctuation, a whole page of text, SQL or
    HTML - the reader gets this page with a plain explanation, never an error.

    The same for every reader, so the site cache keeps it like any public
    page, under its query: a word many readers look up (a running story) is
    searched once per change to the site, never served stale.
    """
    shows(cache_keys.SEARCH)
    # The masthead lists the sections, the form chooses among them.
    sections = paper_selectors.sections()
    form = SearchForm(request.GET, sections=sections)
    form.is_valid()  # invalid filters are reported and ignored, the search still runs
    query = form.query()
    typed = bool(form.cleaned_data.get("q"))
    found = selectors.search_page(
        query, form.filters(), page=request.GET.get("p"), per_page=PER_PAGE
    )
    page = Paginator(range(found.total), PER_PAGE).page(found.number)
    results = [item(result, query.words) for result in found.results]
    messages = form.messages()
    if typed and not query:
        messages.append("搜索词里没有汉字、字母或数字，请换个说法。")
    context = {
        "form": form,
        "q": form.cleaned_data.get("q", ""),
        "query": query,
        "typed": typed,
        "page_obj": page,
        "results": results,
        "total": found.total,
        "capped": found.total >= selectors.CANDIDATES,
        "candidates": selectors.CANDIDATES,
        "notes": messages,
        # What the reader typed, echoed into the form as typed (escaped by the template).
        "filters": {
            name: request.GET.get(name, "")[:40]
            for name in ("section", "reporter", "start", "end")
        },
        "nav_sections": sections,
        "section_options": section_options(sections, request.GET.get("section", "")),
    }
    return render(request, "search/results.html", context)
