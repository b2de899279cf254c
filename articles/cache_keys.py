"""The lists readers see, as site-cache keys, and the lists an article is in.

A page that lists articles shows the list's key (its selector says so); a
page that shows an article, however it got there, shows the article's own
key (``a12``: the site cache adds it when the article is loaded). So:

- editing what a live article says drops the pages that show it, by its key;
- publishing, withdrawing or moving it (section, tags, bylines, photos,
  events, issue, publish time) also drops the lists it joins or leaves, by
  theirs; nothing else.
"""

from django.contrib.contenttypes.models import ContentType
from taggit.models import TaggedItem

from articles.models import Article, ArticlePhoto, Byline, Correction, Placement
from sitecache.keys import key_of, list_key

#: The newest live articles: home's 最新, the feeds, the sitemaps.
LATEST = list_key("latest")
#: Released issues: 往期回顾, home's 今日报纸, an issue's neighbours.
ISSUES = list_key("issues")
#: Lists whose members are public because of live articles.
TAGS = list_key("tags")
REPORTERS = list_key("reporters")
PHOTOS = list_key("photos")
EVENTS = list_key("events")
CORRECTIONS = list_key("corrections")
#: Every search's results (any live article may be among them).
SEARCH = list_key("search")


def section(section_id) -> str:
    return list_key("section", section_id)


def tag(tag_id) -> str:
    return list_key("tag", tag_id)


def reporter(reporter_id) -> str:
    return list_key("reporter", reporter_id)


def photo(photo_id) -> str:
    """The articles a photo's page lists."""
    return list_key("photo", photo_id)


def event(event_id) -> str:
    return list_key("event", event_id)


def issue(issue_id) -> str:
    """An issue's pages with their live stories (its page, its pages' pages, home)."""
    return list_key("issue", issue_id)


def page(page_id) -> str:
    return list_key("page", page_id)


#: Per-item lists and the index that lists their items: a tag joins 标签 when
#: its first live article does, a reporter 记者 with their first live byline
#: or public photo, and so on.
_INDEX_OF = {
    "L:tag:": TAGS,
    "L:reporter:": REPORTERS,
    "L:photo:": PHOTOS,
    "L:event:": EVENTS,
}


def with_indexes(keys: set[str]) -> set[str]:
    """``keys`` and the index of every per-item list among them."""
    return keys | {
        index for prefix, index in _INDEX_OF.items() if any(k.startswith(prefix) for k in keys)
    }


def lists_of(article: Article) -> set[str]:
    """Every list key ``article`` appears in when it is live, and its own key.

    Read from the database as it is now: call it before and after a change
    to know which lists the article left and joined. An index (all tags, all
    reporters, all photos, all events) is among them only when the article
    brings it something: a story with no photos does not touch the photo
    pages.
    """
    if article.pk is None:
        return set()
    keys = {key_of(article), LATEST, SEARCH, section(article.section_id)}
    article_type = ContentType.objects.get_for_model(Article)
    keys |= {
        tag(pk)
        for pk in TaggedItem.objects.filter(
            content_type=article_type, object_id=article.pk
        ).values_list("tag_id", flat=True)
    }
    keys |= {
        reporter(pk)
        for pk in Byline.objects.filter(article=article).values_list("reporter_id", flat=True)
    }
    for photo_id, credit_id in ArticlePhoto.objects.filter(article=article).values_list(
        "photo_id", "photo__credit_reporter_id"
    ):
        # A photo is public while an article using it is: its page, the
        # photo pages, and the page of the reporter it is credited to.
        keys.add(photo(photo_id))
        if credit_id is not None:
            keys.add(reporter(credit_id))
    keys |= {event(pk) for pk in article.events.values_list("pk", flat=True)}
    if article.issue_id:
        keys |= {ISSUES, issue(article.issue_id)}
        keys |= {
            page(pk)
            for pk in Placement.objects.filter(article=article).values_list("page_id", flat=True)
        }
    if Correction.objects.filter(article=article).exists():
        keys.add(CORRECTIONS)
    return with_indexes(keys)
