"""Editors search the same index, over every state."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Status
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_admin_search_finds_words_inside_text_in_every_state(admin_client):
    draft = ArticleFactory(headline="草稿", body="<p>村民认领2000多根竹竿</p>")
    withdrawn = ArticleFactory(headline="撤稿", body="<p>竹竿调运</p>", status=Status.WITHDRAWN)
    other = ArticleFactory(headline="别的稿件")
    html = admin_client.get("/admin/articles/article/", {"q": "竹竿"}).content.decode()
    assert f"/admin/articles/article/{draft.pk}/change/" in html
    assert f"/admin/articles/article/{withdrawn.pk}/change/" in html
    assert f"/admin/articles/article/{other.pk}/change/" not in html


def test_admin_search_without_words_falls_back(admin_client):
    ArticleFactory(headline="竹竿")
    response = admin_client.get("/admin/articles/article/", {"q": "，，，"})
    assert response.status_code == 200


def test_admin_search_for_a_phrase_asks_the_index_once(admin_client):
    together = ArticleFactory(headline="草稿", body="<p>科技创新驱动发展</p>")
    apart = ArticleFactory(headline="另一篇", body="<p>科技与技创和创新</p>")
    published = ArticleFactory(live=True, headline="已签发的科技创新")
    with CaptureQueriesContext(connection) as queries:
        html = admin_client.get("/admin/articles/article/", {"q": "科技创新"}).content.decode()
    assert f"/admin/articles/article/{together.pk}/change/" in html
    assert f"/admin/articles/article/{published.pk}/change/" in html
    assert f"/admin/articles/article/{apart.pk}/change/" not in html
    assert "2 条结果" in html  # the count is of the matches
    index_reads = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]]
    assert len(index_reads) == 1, index_reads
