"""The search page in the site cache: kept per query, never stale.

Commits for real (``transaction=True``), as the site cache hears of changes
after commit; the fixture (Redis, or local memory) is the site cache tests' own (conftest).
"""

import pytest

from articles.models import Status
from tests.articles.factories import ArticleFactory
from tests.support.queries import get

pytestmark = pytest.mark.django_db(transaction=True)


def test_search_results_are_cached_per_query_and_never_stale(client, site_cache):
    first = ArticleFactory(live=True, headline="竹竿调运")
    url = "/search/?q=竹竿"
    response, fresh_queries = get(client, url)
    assert first.get_absolute_url() in response.content.decode()
    again, queries = get(client, url)
    assert again.content == response.content and queries < fresh_queries
    assert "竹竿调运" not in get(client, "/search/?q=大棚")[0].content.decode()
    second = ArticleFactory(live=True, headline="又一批竹竿")
    assert second.get_absolute_url() in get(client, url)[0].content.decode()
    first.status = Status.WITHDRAWN
    first.save()
    assert first.get_absolute_url() not in get(client, url)[0].content.decode()
