from articles.models import Article
from search.document import article_fields, searchable_text
from search.segment import normalize, parse_query
from search.selectors import matching, search_live


def found(text: str, queryset=None) -> list[int]:
    """Ids a reader finds for ``text``, ranked."""
    if queryset is None:
        return search_live(parse_query(text))
    return list(matching(queryset, parse_query(text)).values_list("pk", flat=True))


def live_texts() -> dict[int, str]:
    """Each live article's visible text, as substring search compares it."""
    live = list(Article.objects.live().values_list("pk", flat=True))
    return {pk: normalize(searchable_text(f)) for pk, f in article_fields(live).items()}


def substring(text: str, texts: dict[int, str] | None = None) -> set[int]:
    """Live articles whose visible text holds every word: what plain substring search finds.

    ``texts``: ``live_texts()`` read once for many words, when nothing changes between them.
    """
    words = parse_query(text).words
    if texts is None:
        texts = live_texts()
    return {pk for pk, t in texts.items() if all(w in t for w in words)}
