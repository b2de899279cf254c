"""Design rule 4: every public page costs the same number of queries whatever
the archive's size - pinned here with 1 and with 50 items - and never more
than 10. Measured with the site cache off: the cost of a page rendered fresh.
"""

import datetime

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Byline, Hotspot
from paper.models import Page, PageImage
from paper.rendering import SPECS
from tests.articles.factories import (
    ArticleFactory,
    BylineFactory,
    CorrectionFactory,
    EventFactory,
    PlacementFactory,
)
from tests.media_library.factories import PhotoFactory
from tests.paper.factories import PageFactory, SectionFactory
from tests.people.factories import ReporterFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10
DAY = datetime.timedelta(days=1)


def fill(count):
    """``count`` live articles with all a page shows; returns what the URLs need."""
    section = SectionFactory()
    page = PageFactory(number=1)
    second = PageFactory(issue=page.issue, number=2)
    reporter = ReporterFactory()
    photographer = ReporterFactory(kind="photographer")
    upcoming = EventFactory(start=timezone.now() + DAY, announced=True)
    past = EventFactory(start=timezone.now() - 2 * DAY)
    for n in range(count):
        article = ArticleFactory(
            live=True, issue=page.issue, section=section, dateline="本报讯", summary="摘要"
        )
        placement = PlacementFactory(page=second if n % 2 else page, article=article, position=n)
        # On the page image (电子报): a region per story, two for some.
        Hotspot.objects.create(placement=placement, x=0.1, y=0.1, width=0.2, height=0.2)
        if n % 3 == 0:
            Hotspot.objects.create(placement=placement, x=0.5, y=0.5, width=0.2, height=0.2)
        BylineFactory(article=article, reporter=reporter)
        BylineFactory(article=article, reporter=ReporterFactory(), role=Byline.Role.CORRESPONDENT)
        BylineFactory(article=article, reporter=photographer, role=Byline.Role.PHOTOGRAPHER)
        photo = PhotoFactory(credit_reporter=photographer)
        article.photos.add(photo, PhotoFactory())
        article.tags.add("标签甲", "标签乙", f"标签{n}")
        CorrectionFactory(article=article)
        upcoming.articles.add(article)
        past.articles.add(article)
        upcoming.photos.add(photo)
        if n % 3 == 0:
            # a related article sharing the tags, web-only, in the same section
            ArticleFactory(live=True, section=section).tags.add("标签甲")
    # Both pages as printed, their images rendered (rows only: no file is read).
    for each in (page, second):
        Page.objects.filter(pk=each.pk).update(
            print_file=f"epaper/p{each.pk}.pdf", print_hash="ab" * 32
        )
        PageImage.objects.bulk_create(
            PageImage(page=each, spec=spec, file=f"epaper/{spec}", width=1200, height=1697)
            for spec in SPECS
        )
    return {
        "page": page,
        "section": section,
        "reporter": reporter,
        "photographer": photographer,
        "article": article,
        "photo": photo,
        "event": past,
    }


URLS = {
    "home": lambda d: "/",
    "issue": lambda d: d["page"].issue.get_absolute_url(),
    "page": lambda d: d["page"].get_absolute_url(),
    "archive": lambda d: "/issues/",
    "archive-month": lambda d: (
        f"/issues/{d['page'].issue.date.year}/{d['page'].issue.date.month}/"
    ),
    "section": lambda d: d["section"].get_absolute_url(),
    "article": lambda d: d["article"].get_absolute_url(),
    "reporters": lambda d: "/reporters/",
    "reporter": lambda d: d["reporter"].get_absolute_url(),
    "photographer": lambda d: d["photographer"].get_absolute_url(),
    "reporter-photos": lambda d: d["photographer"].get_absolute_url() + "photos/",
    "tags": lambda d: "/tags/",
    "tag": lambda d: "/tags/标签甲/",
    "events": lambda d: "/events/",
    "past-events": lambda d: "/events/past/",
    "event": lambda d: d["event"].get_absolute_url(),
    "photos": lambda d: "/photos/",
    "photo": lambda d: d["photo"].get_absolute_url(),
    "corrections": lambda d: "/corrections/",
    "rss": lambda d: "/feeds/rss/",
    "atom": lambda d: "/feeds/atom/",
    "section-rss": lambda d: d["section"].get_absolute_url() + "rss/",
    "section-atom": lambda d: d["section"].get_absolute_url() + "atom/",
    "sitemap": lambda d: "/sitemap.xml",
    "sitemap-articles": lambda d: "/sitemap-articles.xml",
    "sitemap-issues": lambda d: "/sitemap-issues.xml",
    "sitemap-reporters": lambda d: "/sitemap-reporters.xml",
    "sitemap-events": lambda d: "/sitemap-events.xml",
    "sitemap-sections": lambda d: "/sitemap-sections.xml",
    "news-sitemap": lambda d: "/news-sitemap.xml",
    "robots": lambda d: "/robots.txt",
}


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


@pytest.fixture(scope="module")
def counts(module_db):
    """``{page kind: [queries with 1 item, queries with 50]}``, measured once.

    Each size is measured right after it is built, so pages that show the
    newest content (home, feeds) show that size's.
    """
    client = Client()
    found = {kind: [] for kind in URLS}
    with module_db.unblock(), transaction.atomic():
        for size in (1, 50):
            data = fill(size)
            for kind, url in URLS.items():
                found[kind].append(queries(client, url(data)))
        transaction.set_rollback(True)
    return found


@pytest.mark.parametrize("kind", URLS)
def test_query_count_is_constant(counts, kind):
    small, large = counts[kind]
    assert small == large, counts[kind]
    assert large <= MAX_QUERIES, counts[kind]


def test_every_public_url_is_counted():
    """A new public page must be added to ``URLS``."""
    from django.urls import get_resolver

    public = {
        name
        for name, _ in get_resolver().reverse_dict.items()
        if isinstance(name, str) and not name.startswith(("admin", "bench", "photo_file"))
    }
    counted = {
        "home",
        "issue",
        "page",
        "issue_archive",
        "issue_month",
        "section",
        "article",
        "reporter_list",
        "reporter",
        "reporter_photos",
        "tag_list",
        "tag",
        "event_list",
        "event_list_past",
        "event",
        "photo_list",
        "photo",
        "corrections",
        "rss",
        "atom",
        "section_rss",
        "section_atom",
        "sitemap_index",
        "sitemap",
        "news_sitemap",
        "robots_txt",
        # redirects to the above
        "article_short",
        "event_short",
    }
    # search counts its own (tests/search); previews and tag suggestions are
    # staff-only; portraits and e-paper files are one row each
    # (tests/people/test_portraits.py, tests/paper/test_epaper_files.py)
    staff_only = {"preview_article", "preview_page", "preview_issue", "tag_suggestions"}
    files = {"reporter_portrait", "page_print", "page_image"}
    # /favicon.ico is a redirect to a static file, without a query (tests/paper/test_chrome.py)
    static = {"favicon"}
    assert public - counted <= {"search", *staff_only, *files, *static}, public - counted
