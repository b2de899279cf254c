"""What of an article is searchable, and with which weight.

Everything a reader sees on the article's page, except the dateline (本报讯,
the same on almost every story):

- A: the headline (主题);
- B: the kicker (引题) and subheadline (副题);
- C: the summary, the body with its intertitles, the photos' titles and
  captions, the corrections;
- D: the bylines' names, the photos' credits and the tags.

Built for many articles at once with a fixed number of queries, so the
rebuild command and a single save use the same code.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from taggit.models import TaggedItem

from articles.body import plain_text
from articles.models import Article, ArticlePhoto, Byline, Correction
from search.backends.base import Fields


def article_fields(article_ids: Iterable[int]) -> dict[int, Fields]:
    """``{article_id: [(weight, text), …]}`` for the articles that exist."""
    ids = list(article_ids)
    fields: dict[int, Fields] = {}
    for row in Article.objects.filter(pk__in=ids).values(
        "pk", "headline", "kicker", "subheadline", "summary", "body"
    ):
        fields[row["pk"]] = [
            ("A", row["headline"]),
            ("B", row["kicker"]),
            ("B", row["subheadline"]),
            ("C", row["summary"]),
            ("C", plain_text(row["body"])),
        ]
    extra: dict[int, Fields] = defaultdict(list)
    for article_id, title, caption, credit_name, credit_text in ArticlePhoto.objects.filter(
        article_id__in=fields
    ).values_list(
        "article_id",
        "photo__title",
        "photo__caption",
        "photo__credit_reporter__name",
        "photo__credit_text",
    ):
        extra[article_id] += [("C", title), ("C", caption), ("D", credit_name or credit_text)]
    for article_id, text in Correction.objects.filter(article_id__in=fields).values_list(
        "article_id", "text"
    ):
        extra[article_id].append(("C", text))
    for article_id, name in Byline.objects.filter(article_id__in=fields).values_list(
        "article_id", "reporter__name"
    ):
        extra[article_id].append(("D", name))
    for article_id, name in TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id__in=fields
    ).values_list("object_id", "tag__name"):
        extra[article_id].append(("D", name))
    for article_id, more in extra.items():
        fields[article_id] += more
    return {pk: [(w, text) for w, text in parts if text] for pk, parts in fields.items()}


def searchable_text(fields: Fields) -> str:
    """All of an article's searchable words as one text (what substring search sees)."""
    return "\n".join(text for _weight, text in fields)
