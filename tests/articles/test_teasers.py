"""An article's teaser is rendered once per version and serves every list that
shows it; a change to the article, its reporters or its photo renders it again,
and leaves every other teaser as it was."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import services, teasers
from articles.models import Article
from tests.articles.factories import ArticleFactory, BylineFactory
from tests.paper.factories import SectionFactory
from tests.people.factories import ReporterFactory

pytestmark = pytest.mark.django_db(transaction=True)


def listed(section):
    return list(Article.objects.live().filter(section=section).order_by("-publish_at", "-pk"))


def prepared_queries(articles) -> int:
    with CaptureQueriesContext(connection) as captured:
        teasers.prepare(articles)
    return len([q for q in captured if "sitecache_stamp" not in q["sql"]])


@pytest.fixture
def section(db):
    section = SectionFactory()
    for n in range(3):
        article = ArticleFactory(live=True, section=section, headline=f"稿件{n}")
        BylineFactory(article=article, reporter=ReporterFactory(name=f"记者{n}"))
    return section


def test_kept_teasers_cost_no_query_for_bylines_or_photos(site_cache, section):
    assert prepared_queries(listed(section)) >= 2  # bylines, photos
    again = listed(section)
    assert prepared_queries(again) == 0
    assert [a.teaser.headline for a in again] == ["稿件2", "稿件1", "稿件0"]


def test_an_edit_renders_that_teaser_again_and_keeps_the_others(site_cache, section, chief):
    articles = listed(section)
    teasers.prepare(articles)
    edited = articles[0]
    edited.headline = "改过的稿件"
    services.article_save(article=edited, by=chief)
    again = listed(section)
    with CaptureQueriesContext(connection):
        teasers.prepare(again)
    assert again[0].teaser.headline == "改过的稿件"
    assert [a.teaser for a in again[1:]] == [a.teaser for a in articles[1:]]


def test_a_renamed_reporter_shows_in_their_teasers(site_cache, section):
    teasers.prepare(listed(section))
    reporter = ReporterFactory._meta.model.objects.get(name="记者1")
    reporter.name = "记者一"
    reporter.save()
    again = {a.headline: a for a in listed(section)}
    teasers.prepare(again.values())
    assert "记者一" in again["稿件1"].teaser.credit
    assert "记者0" in again["稿件0"].teaser.credit


def content_queries(client, url):
    """The page, and its queries but those of the stamps (local memory keeps them
    in the database: each fragment read costs one)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len([q for q in captured if "sitecache_stamp" not in q["sql"]])


def test_a_list_page_uses_the_kept_teasers(client, site_cache, section):
    url, elsewhere = section.get_absolute_url(), SectionFactory()
    first, fresh = content_queries(client, url)
    ArticleFactory(
        live=True, section=elsewhere
    )  # written directly: every list goes, not the teasers
    again, queries = content_queries(client, url)
    assert again.content.decode().count("稿件") == first.content.decode().count("稿件")
    assert queries < fresh
