"""Editors' search in the article admin: the search index, over every state."""

from search.segment import parse_query
from search.selectors import matched_once


class IndexedSearchMixin:
    """For a ModelAdmin of articles: the search box looks words up in the index.

    Drafts, submissions, scheduled and withdrawn articles are all found (the
    admin's own queryset decides what an editor may see); the list keeps its
    own ordering and filters. A search with no letters, digits or Chinese
    characters falls back to the admin's ``search_fields``.
    """

    def get_search_results(self, request, queryset, search_term):
        query = parse_query(search_term)
        if not query:
            return super().get_search_results(request, queryset, search_term)
        return matched_once(queryset, query), False
