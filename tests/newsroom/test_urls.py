"""Chinese-first URLs: readable, stable, and forgiving of bad input."""

from urllib.parse import unquote

import pytest

from tests.articles.factories import ArticleFactory
from tests.paper.factories import IssueFactory
from tests.people.factories import ReporterFactory

pytestmark = pytest.mark.django_db


def test_chinese_headline_gives_a_readable_url_that_works(client):
    article = ArticleFactory(live=True, headline="2000多根竹竿解菜农之急")
    assert unquote(article.get_absolute_url()) == f"/articles/{article.pk}/2000多根竹竿解菜农之急/"
    assert client.get(article.get_absolute_url()).status_code == 200


def test_url_stays_stable_when_the_headline_is_edited(client):
    article = ArticleFactory(live=True, headline="原标题")
    url = article.get_absolute_url()
    article.headline = "改过的标题"
    article.save()
    assert article.get_absolute_url() == url
    assert "改过的标题" in client.get(url).content.decode()


def test_short_and_wrong_slugs_redirect_to_the_canonical_url(client):
    article = ArticleFactory(live=True, headline="疫情防控")
    for url in (f"/articles/{article.pk}/", f"/articles/{article.pk}/旧标题/"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == article.get_absolute_url()


def test_unpublished_article_is_404_by_id_and_slug(client):
    article = ArticleFactory(headline="草稿")
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(f"/articles/{article.pk}/").status_code == 404


@pytest.mark.parametrize(
    "path", ["/issues/2021-02-30/", "/issues/2021-13-01/5/", "/issues/9999-99-99/"]
)
def test_malformed_dates_are_404_not_500(client, path):
    assert client.get(path).status_code == 404


def test_unreleased_issue_is_404(client):
    issue = IssueFactory(unreleased=True)
    assert client.get(issue.get_absolute_url()).status_code == 404


def test_reporter_url_in_chinese(client):
    reporter = ReporterFactory(name="高轶鹏")
    assert unquote(reporter.get_absolute_url()) == "/reporters/高轶鹏/"
    assert client.get(reporter.get_absolute_url()).status_code == 200
