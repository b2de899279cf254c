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
from sitecache.queries import ID, Prepared


def _own(ids):
    return Article.objects.filter(pk__in=ids).values_list(
        "pk", "headline", "kicker", "subheadline", "summary", "body", "publish_at"
    )


def _photos(ids):
    return ArticlePhoto.objects.filter(article_id__in=ids).values_list(
        "article_id",
        "photo__title",
        "photo__caption",
        "photo__credit_reporter__name",
        "photo__credit_text",
    )


def _corrections(ids):
    return Correction.objects.filter(article_id__in=ids).values_list("article_id", "text")


def _bylines(ids):
    return Byline.objects.filter(article_id__in=ids).values_list("article_id", "reporter__name")


def _tags(content_type, ids):
    return TaggedItem.objects.filter(content_type=content_type, object_id__in=ids).values_list(
        "object_id", "tag__name"
    )


# Every desk save reads one article's text again: for one article the five
# queries' SQL is built once (building it cost more than running it).
_ONE = {
    "own": Prepared(Article, lambda pk: _own([pk]), ID),
    "photos": Prepared(ArticlePhoto, lambda pk: _photos([pk]), ID),
    "corrections": Prepared(Correction, lambda pk: _corrections([pk]), ID),
    "bylines": Prepared(Byline, lambda pk: _bylines([pk]), ID),
    "tags": Prepared(TaggedItem, lambda ct, pk: _tags(ct, [pk]), ID - 1, ID),
}


def _read(ids: list[int]) -> dict[str, list[tuple]]:
    content_type = ContentType.objects.get_for_model(Article).pk
    if len(ids) == 1:
        (pk,) = ids
        return {
            "own": _ONE["own"].rows(pk),
            "photos": _ONE["photos"].rows(pk),
            "corrections": _ONE["corrections"].rows(pk),
            "bylines": _ONE["bylines"].rows(pk),
            "tags": _ONE["tags"].rows(content_type, pk),
        }
    return {
        "own": list(_own(ids)),
        "photos": list(_photos(ids)),
        "corrections": list(_corrections(ids)),
        "bylines": list(_bylines(ids)),
        "tags": list(_tags(content_type, ids)),
    }


def article_documents(article_ids: Iterable[int]) -> dict[int, tuple[Fields, object]]:
    """``{article_id: (fields, publish_at)}`` for the articles that exist:
    their searchable text and the time the index sorts them by."""
    rows = _read(list(article_ids))
    fields: dict[int, Fields] = {}
    published = {}
    for pk, headline, kicker, subheadline, summary, body, publish_at in rows["own"]:
        fields[pk] = [
            ("A", headline),
            ("B", kicker),
            ("B", subheadline),
            ("C", summary),
            ("C", plain_text(body)),
        ]
        published[pk] = publish_at
    extra: dict[int, Fields] = defaultdict(list)
    for article_id, title, caption, credit_name, credit_text in rows["photos"]:
        extra[article_id] += [("C", title), ("C", caption), ("D", credit_name or credit_text)]
    for article_id, text in rows["corrections"]:
        extra[article_id].append(("C", text))
    for article_id, name in rows["bylines"]:
        extra[article_id].append(("D", name))
    for article_id, name in rows["tags"]:
        extra[article_id].append(("D", name))
    for article_id, more in extra.items():
        if article_id in fields:
            fields[article_id] += more
    return {
        pk: ([(w, text) for w, text in parts if text], published[pk])
        for pk, parts in fields.items()
    }


def article_fields(article_ids: Iterable[int]) -> dict[int, Fields]:
    """``{article_id: [(weight, text), …]}`` for the articles that exist."""
    return {pk: fields for pk, (fields, _at) in article_documents(article_ids).items()}


def searchable_text(fields: Fields) -> str:
    """All of an article's searchable words as one text (what substring search sees)."""
    return "\n".join(text for _weight, text in fields)
