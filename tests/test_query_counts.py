"""Public pages cost the same number of queries whatever the archive's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Byline
from tests.articles.factories import ArticleFactory, BylineFactory, PlacementFactory
from tests.media_library.factories import PhotoFactory
from tests.newsroom.factories import PageFactory, ReporterFactory, SectionFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


def fill(page, reporter, count):
    section = SectionFactory()
    for _ in range(count):
        article = ArticleFactory(live=True, issue=page.issue, section=section)
        PlacementFactory(page=page, article=article)
        BylineFactory(article=article, reporter=reporter)
        BylineFactory(article=article, reporter=ReporterFactory(), role=Byline.Role.CORRESPONDENT)
        article.photos.add(PhotoFactory())
        article.tags.add("标签甲", "标签乙")
    return article


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page_kind", ["home", "issue", "page", "reporter", "section", "article"])
def test_query_count_is_constant(client, page_kind):
    counts = []
    for size in (1, 50):
        page = PageFactory()
        reporter = ReporterFactory()
        article = fill(page, reporter, size)
        url = {
            "home": "/",
            "issue": page.issue.get_absolute_url(),
            "page": page.get_absolute_url(),
            "reporter": reporter.get_absolute_url(),
            "section": article.section.get_absolute_url(),
            "article": article.get_absolute_url(),
        }[page_kind]
        counts.append(queries(client, url))
    assert counts[0] == counts[1], counts
    assert counts[1] <= MAX_QUERIES
