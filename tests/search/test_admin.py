"""Editors search the same index, over every state."""

import pytest

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
