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


def _tags(ids):
    return TaggedItem.objects.filter(
        content_type__app_label="articles", content_type__model="article", object_id__in=ids
    ).values_list("object_id", "tag__name")


#: What is read of articles for their text: the query for many, and for one
#: its SQL built once (every desk save reads one article's text again, and
#: building the SQL cost more than running it).
_READS = {
    name: (build, Prepared(model, lambda pk, build=build: build([pk]), ID))
    for name, model, build in [
        ("own", Article, _own),
        ("photos", ArticlePhoto, _photos),
        ("corrections", Correction, _corrections),
        ("bylines", Byline, _bylines),
        ("tags", TaggedItem, _tags),
    ]
}


def _read(ids: list[int]) -> dict[str, list[tuple]]:
    if len(ids) == 1:
        return {name: one.rows(ids[0]) for name, (_build, one) in _READS.items()}
    return {name: list(build(ids)) for name, (build, _one) in _READS.items()}


def article_documents(article_ids: Iterable[int]) -> tuple[dict[int, Fields], dict[int, object]]:
    """``({article_id: fields}, {article_id: publish_at})`` for the articles that
    exist: their searchable text and the time the index sorts them by."""
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
    texts = {pk: [(w, text) for w, text in parts if text] for pk, parts in fields.items()}
    return texts, published


def article_fields(article_ids: Iterable[int]) -> dict[int, Fields]:
    """``{article_id: [(weight, text), …]}`` for the articles that exist."""
    return article_documents(article_ids)[0]


def searchable_text(fields: Fields) -> str:
    """All of an article's searchable words as one text (what substring search sees)."""
    return "\n".join(text for _weight, text in fields)
