"""Reporters as readers see them (what they wrote and photographed that is live),
and people as the desk names them."""

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from articles import cache_keys
from articles.models import Article, Byline, live_q, public_photos
from articles.selectors.listing import photos_for_listing
from articles.teasers import prepare as prepare_teasers
from media_library.models import Photo
from people import roles
from people.models import Reporter
from sitecache.keys import shows
from sitecache.queries import TEXT, Prepared


def reporter_for_reader(slug: str) -> Reporter:
    found = _reporter(slug)
    if not found:
        raise Http404("没有这位记者")
    return found[0]


_reporter = Prepared(Reporter, lambda slug: Reporter.objects.filter(slug=slug), TEXT)


def reporter_roles(reporter: Reporter) -> list[str]:
    """The roles the reporter is credited in on live articles (记者, 通讯员, 摄影 …)."""
    shows(cache_keys.reporter(reporter.pk))
    roles = set(
        Byline.objects.filter(live_q("article__"), reporter=reporter)
        .order_by()
        .values_list("role", flat=True)
        .distinct()
    )
    return [label for value, label in Byline.Role.choices if value in roles]


class ReporterArticles:
    """A reporter's live articles, newest first; slice it for a page of them.

    Read from the reporter's bylines (index ``byline_reporter_article_idx``),
    so the cost follows what the reporter wrote, not the archive's size; an
    article-first plan would walk the whole archive by date to find them.
    """

    def __init__(self, reporter: Reporter):
        self.reporter = reporter

    def __getitem__(self, window: slice) -> list[Article]:
        bylines = (
            Byline.objects.filter(live_q("article__"), reporter=self.reporter)
            .select_related("article")
            .defer("article__body")
            .order_by("-article__publish_at", "-article_id")
        )
        if connection.features.can_distinct_on_fields:
            # One row per article, though a reporter may hold two roles on it.
            bylines = bylines.distinct("article__publish_at", "article_id")
        articles = list({b.article_id: b.article for b in bylines[window]}.values())
        prepare_teasers(articles)
        return articles


def reporter_articles(reporter: Reporter) -> ReporterArticles:
    """Live articles bylined by the reporter, newest first."""
    shows(cache_keys.reporter(reporter.pk))
    return ReporterArticles(reporter)


def reporter_photos(reporter: Reporter) -> QuerySet:
    """Public photos credited to the reporter, newest first."""
    # Publishing an article with a photo credited to them drops this list
    # (``cache_keys.lists_of``); the photo's own key covers its changes.
    shows(cache_keys.reporter(reporter.pk))
    return photos_for_listing(Photo.objects.filter(credit_reporter=reporter)).order_by(
        "-created_at", "-pk"
    )


def reporters_with_work() -> QuerySet:
    """Reporters with a live byline or a public photo, by name."""
    shows(cache_keys.REPORTERS)
    live_byline = Byline.objects.filter(live_q("article__"), reporter=OuterRef("pk"))
    public_photo = public_photos().filter(credit_reporter=OuterRef("pk"))
    return Reporter.objects.filter(Exists(live_byline) | Exists(public_photo))


def public_name(user) -> str:
    """A staff member as readers may see them (责任编辑): the name on their byline,
    else their full name; "" rather than a login, or a role's name typed where
    a person's belongs. Select ``reporter`` with the user to spare a query."""
    if user is None:
        return ""
    reporter = getattr(user, "reporter", None)  # none linked raises AttributeError
    if reporter is not None:
        return reporter.name
    name = user.get_full_name().strip()
    return "" if name in roles.ALL or name == user.get_username() else name


def user_label(user) -> str:
    """A user as the desk names them: full name, else login; 系统 if gone."""
    if user is None:
        return _("系统")
    return user.get_full_name() or user.get_username()
