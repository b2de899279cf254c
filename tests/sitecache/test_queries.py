"""Prepared queries: built once, run with new values, giving what the queryset gives."""

import datetime
from unittest import mock

import pytest
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from articles.models import Article, Status
from sitecache.keys import collecting
from sitecache.queries import AT, ID, Prepared
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def live_article():
    return Prepared(
        Article,
        lambda at, pk: (
            Article.objects.live(at=at).select_related("section", "issue").filter(pk=pk)
        ),
        AT,
        ID,
    )


def test_it_gives_what_the_queryset_gives_related_rows_and_keys_included(
    django_assert_num_queries,
):
    article = ArticleFactory(live=True, headline="竹竿解急")
    query = live_article()
    with collecting() as keys:
        (found,) = query(timezone.now(), article.pk)
    assert (
        found == article
        and found.headline == "竹竿解急"
        and found.publish_at == article.publish_at
    )
    with django_assert_num_queries(0):  # selected with it
        assert found.section.name == article.section.name
    assert f"a{article.pk}" in keys and f"s{article.section_id}" in keys


def test_its_values_are_those_of_each_call():
    scheduled = ArticleFactory(status=Status.PUBLISHED, publish_at=timezone.now() + HOUR)
    other = ArticleFactory(live=True)
    query = live_article()
    assert query(timezone.now(), scheduled.pk) == []
    assert query(timezone.now() + 2 * HOUR, scheduled.pk) == [scheduled]
    assert query(timezone.now(), other.pk) == [other]


def test_its_sql_is_built_once():
    articles = [ArticleFactory(live=True) for _ in range(3)]
    query = live_article()
    with mock.patch.object(
        SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
    ) as built:
        for article in articles:
            assert query(timezone.now(), article.pk) == [article]
    assert built.call_count == 1


def test_a_marker_it_cannot_find_runs_the_queryset():
    article = ArticleFactory(live=True)
    # The value is compared in Python, not passed: no marker among the parameters.
    query = Prepared(Article, lambda pk: Article.objects.filter(pk=abs(pk)), ID)
    assert query(article.pk) == [article]
    assert query._plans == {"default": None}


def test_rows_are_the_values_list_rows_with_their_sql_built_once():
    articles = [ArticleFactory(live=True, headline=f"标题{n}") for n in range(3)]
    query = Prepared(
        Article,
        lambda pk: Article.objects.filter(pk=pk).values_list("pk", "headline", "publish_at"),
        ID,
    )
    with mock.patch.object(
        SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
    ) as built:
        found = [query.rows(article.pk) for article in articles]
    assert built.call_count == 1
    assert found == [[(a.pk, a.headline, a.publish_at)] for a in articles]


def test_sql_is_the_querysets_with_the_values_in_built_once():
    articles = [ArticleFactory(live=True) for _ in range(3)]
    query = Prepared(Article, lambda pk: Article.objects.filter(pk=pk).values("pk"), ID)
    with mock.patch.object(
        SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
    ) as built:
        statements = [query.sql(article.pk) for article in articles]
    assert built.call_count == 1
    for article, (using, sql, params) in zip(articles, statements, strict=True):
        assert (using, params) == ("default", [article.pk])
        assert (sql, tuple(params)) == Article.objects.filter(pk=article.pk).values(
            "pk"
        ).query.sql_with_params()
