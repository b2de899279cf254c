"""A reader's search over the whole archive runs a statement PostgreSQL planned
once per connection; with filters, a statement planned each time. Either way
the reader gets the same page, and a statement the server forgot is prepared
again rather than failing the search."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from search.backends.statements import _numbered, fetch_planned_once
from search.segment import parse_query
from search.selectors import Filters, search_page
from tests.articles.factories import ArticleFactory
from tests.paper.factories import SectionFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's prepared statements"
)


def prepared_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements WHERE name LIKE 'search\\_%%'")
        return {name for (name,) in cursor.fetchall()}


@pytest.fixture
def nothing_prepared():
    """A database session with no statement prepared, as after connecting."""
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    connection._search_prepared = (connection.connection, set())


def stories(section=None):
    section = section or SectionFactory()
    return [
        ArticleFactory(
            live=True,
            section=section,
            headline=f"竹竿之{i}",
            publish_at=timezone.now() - datetime.timedelta(hours=i),
        )
        for i in range(1, 4)
    ]


def shown(page) -> list[int]:
    return [result.article.pk for result in page.results]


@pytest.mark.django_db
def test_a_search_of_the_whole_archive_is_prepared_once_and_then_executed(nothing_prepared):
    made = stories()
    before = prepared_names()
    with CaptureQueriesContext(connection) as first:
        page = search_page(parse_query("竹竿"))
    assert set(shown(page)) == {a.pk for a in made}
    added = prepared_names() - before
    assert len(added) == 1, "the first search prepares its statement"
    # (The first search of a worker also reads the index's statistics.)
    assert "PREPARE" in first[-1]["sql"] and "EXECUTE" in first[-1]["sql"], "one round trip"
    with CaptureQueriesContext(connection) as again:
        assert shown(search_page(parse_query("竹竿"))) == shown(page)
    assert len(again) == 1 and again[0]["sql"].startswith(f"EXECUTE {added.pop()} (")
    # Another word of the same kind reuses the same statement.
    with CaptureQueriesContext(connection) as other:
        search_page(parse_query("竹子"))
    assert other[0]["sql"].startswith("EXECUTE ")
    assert prepared_names() - before == {other[0]["sql"].split()[1]}


@pytest.mark.django_db
def test_a_filtered_search_is_planned_for_its_values_each_time(nothing_prepared):
    section = SectionFactory()
    made = stories(section)
    stories()  # another section's
    before = prepared_names()
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            page = search_page(parse_query("竹竿"), Filters(section=section))
        assert set(shown(page)) == {a.pk for a in made}
        assert queries[0]["sql"].startswith("WITH ")
    assert prepared_names() == before


@pytest.mark.django_db
def test_the_prepared_statement_finds_what_the_plain_one_does():
    stories()
    section = SectionFactory()
    ArticleFactory(live=True, section=section, headline="另一根竹竿", kicker="100%竹竿")
    sql = (
        "SELECT a.id, a.headline FROM articles_article a WHERE a.headline LIKE %s"
        " AND a.kicker NOT LIKE '%%不%%' ORDER BY a.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ["%竹竿%"])
        plain = cursor.fetchall()
    assert len(plain) == 4
    assert fetch_planned_once(connection, sql, ["%竹竿%"]) == plain
    assert fetch_planned_once(connection, sql, ["%竹竿%"]) == plain


def test_placeholders_are_numbered_and_percent_signs_kept():
    assert _numbered("SELECT %s, '100%%', %s::int") == "SELECT $1, '100%%', $2::int"


@pytest.mark.django_db(transaction=True)
def test_a_statement_the_server_forgot_is_prepared_again():
    made = stories()
    expected = set(shown(search_page(parse_query("竹竿"))))
    assert expected == {a.pk for a in made}
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")  # as a pooler's DISCARD ALL would
    assert set(shown(search_page(parse_query("竹竿")))) == expected
    assert prepared_names()


@pytest.mark.django_db(transaction=True)
def test_a_statement_prepared_by_a_run_that_failed_is_executed():
    stories()
    sql = "SELECT count(*) FROM articles_article WHERE headline LIKE %s"
    fetch_planned_once(connection, sql, ["%竹竿%"])
    connection._search_prepared[1].clear()  # as if the first run had failed after its PREPARE
    assert fetch_planned_once(connection, sql, ["%竹竿%"]) == [(3,)]
