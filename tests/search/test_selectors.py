"""The search stream: entries newest first (all of them, or those the index
gives for every token), each scored (the phrase check), each that scores
looked up among the articles a reader may find, until enough are found."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from search.backends import backend_for
from search.backends.planner import Collect, Walk, Window
from search.backends.statistics import Lexemes
from search.models import SearchEntry
from search.segment import parse_query
from search.selectors import Filters, ranked_ids, search_live, search_page
from search.weeks import week_of
from tests.articles.factories import ArticleFactory, BylineFactory
from tests.paper.factories import SectionFactory
from tests.people.factories import ReporterFactory

pytestmark = pytest.mark.django_db


def story(headline, *, hours_ago):
    return ArticleFactory(
        live=True,
        headline=headline,
        publish_at=timezone.now() - datetime.timedelta(hours=hours_ago),
    )


def test_tokens_apart_are_skipped_and_the_next_candidates_fetched():
    # 科技 and 技创 and 创新 all stand in the newer ones, but never side by side.
    apart = [story(f"科技与技创和创新之{i}", hours_ago=i) for i in range(1, 6)]
    together = [story(f"科技创新之{i}", hours_ago=10 + i) for i in range(3)]
    ids = ranked_ids(Article.objects.live(), parse_query("科技创新"), limit=2)
    assert len(ids) == 2
    assert set(ids) == {together[0].pk, together[1].pk}
    assert not {a.pk for a in apart} & set(ids)


def test_the_newest_matches_are_the_candidates():
    stories = [story("竹竿", hours_ago=i) for i in range(1, 6)]
    ids = ranked_ids(Article.objects.live(), parse_query("竹竿"), limit=3)
    assert set(ids) == {s.pk for s in stories[:3]}


def test_articles_not_live_do_not_take_a_candidates_place(either_way):
    hidden = [
        ArticleFactory(
            live=True, headline="竹竿", publish_at=timezone.now() + datetime.timedelta(hours=h)
        )
        for h in range(1, 4)
    ]  # scheduled: the newest publish times, not live yet
    shown = [story("竹竿", hours_ago=i) for i in range(1, 3)]
    with CaptureQueriesContext(connection) as queries:
        ids = ranked_ids(Article.objects.live(), parse_query("竹竿"), limit=2)
    assert set(ids) == {s.pk for s in shown}
    assert not {h.pk for h in hidden} & set(ids)
    # One query, however many newer articles are not live: tomorrow's paper,
    # scheduled overnight, is the newest of all and must not cost a second batch.
    assert len(queries.captured_queries) == 1


@pytest.fixture(params=["walk", "collect", "window", "window of this week"])
def either_way(request, monkeypatch):
    """Each search in the test takes the given way, whatever the statistics say.

    A window of every week has all matches in it; a window of this week only
    leaves the older ones to be collected after it. A search with filters
    takes no window (the planner's rule): it collects instead.
    """

    def forced(self, conn, query, *, wanted, windowed=False):
        # Collecting asks GIN for every token: what the planner narrows to is its own test.
        if request.param == "walk":
            return Walk()
        if request.param == "collect" or not windowed:
            return Collect(tokens=query)
        week = week_of(timezone.now())
        weeks = (
            (week,)
            if request.param == "window of this week"
            else tuple(range(week - 99, week + 1))
        )
        return Window(tokens=query, weeks=weeks)

    monkeypatch.setattr(type(backend_for(connection)), "strategy", forced)


def test_walking_and_collecting_find_the_same(either_way):
    made = [story("老旧小区改造", hours_ago=i) for i in range(1, 4)]
    story("老旧小区和改造", hours_ago=0.5)
    assert set(search_live(parse_query("老旧小区改造"))) == {a.pk for a in made}
    assert set(search_live(parse_query("小区 改造"))) == {a.pk for a in Article.objects.live()}


def test_the_entry_keeps_the_publish_time_it_sorts_by():
    article = story("竹竿", hours_ago=3)
    assert SearchEntry.objects.get(pk=article.pk).published == article.publish_at
    article.publish_at = timezone.now() - datetime.timedelta(hours=1)
    article.save()
    assert SearchEntry.objects.get(pk=article.pk).published == article.publish_at


def test_a_filter_takes_its_own_newest_matches_however_many_others_are_newer(either_way):
    section = SectionFactory()
    theirs = [
        ArticleFactory(
            live=True,
            section=section,
            headline=f"竹竿之{i}",
            publish_at=timezone.now() - datetime.timedelta(days=10 + i),
        )
        for i in range(3)
    ]
    for i in range(8):  # newer, elsewhere: they must not crowd the filter out
        story(f"竹竿新闻{i}", hours_ago=i + 1)
    query = parse_query("竹竿")
    with CaptureQueriesContext(connection) as queries:
        ids = ranked_ids(
            Article.objects.live().filter(section=section), query, limit=2, narrowed=True
        )
    assert set(ids) == {theirs[0].pk, theirs[1].pk}
    # One batch: the others were left out before any document was read.
    assert len([q for q in queries.captured_queries if "MATERIALIZED" in q["sql"]]) == 1
    found = search_live(query, Filters(section=section))
    assert set(found) == {a.pk for a in theirs}


def test_dates_take_their_own_newest_matches_by_the_entries_publish_times(either_way):
    theirs = [story(f"竹竿之{i}", hours_ago=24 * (10 + i)) for i in range(3)]
    for i in range(8):  # newer, outside the dates: they must not crowd them out
        story(f"竹竿新闻{i}", hours_ago=i + 1)
    story("竹竿旧闻", hours_ago=24 * 40)  # older, outside too
    today = timezone.localdate()
    filters = Filters(
        date_from=today - datetime.timedelta(days=20), date_to=today - datetime.timedelta(days=5)
    )
    with CaptureQueriesContext(connection) as queries:
        found = search_live(parse_query("竹竿"), filters)
    assert set(found) == {a.pk for a in theirs}
    (stream,) = [q["sql"] for q in queries.captured_queries if "MATERIALIZED" in q["sql"]]
    assert "e.published >= " in stream  # by the entries' own index
    page = search_page(parse_query("竹竿"), filters, per_page=2)
    assert page.total == 3 and len(page.results) == 2


class Figures:
    """Statistics as ANALYZE would give them for a large archive, whatever the test made."""

    def __init__(self, shares):
        self.lexemes = Lexemes.counted(60_000, list(shares), [*shares.values(), 0.001, 0.9])

    def of(self, connection):
        return self.lexemes


@pytest.mark.parametrize("filtered", [False, True])
@pytest.mark.parametrize(("text", "collects"), [("竹竿", False), ("渣土车", True)])
def test_the_way_chosen_is_the_way_taken_with_or_without_a_filter(
    monkeypatch, filtered, text, collects
):
    monkeypatch.setattr(
        type(backend_for(connection)),
        "statistics",
        Figures({"竹竿": 0.6, "渣土": 0.002, "土车": 0.003}),
    )
    section = SectionFactory()
    theirs = [
        ArticleFactory(live=True, section=section, headline=f"{text}之{i}") for i in range(2)
    ]
    others = [story(f"{text}新闻", hours_ago=1)]
    filters = Filters(section=section) if filtered else Filters()
    with CaptureQueriesContext(connection) as queries:
        found = search_live(parse_query(text), filters)
    assert set(found) == {a.pk for a in theirs + ([] if filtered else others)}
    (stream,) = [q["sql"] for q in queries.captured_queries if "MATERIALIZED" in q["sql"]]
    # Collecting asks GIN (@@); walking reads the entries by their publish time.
    assert ("@@" in stream) == collects


def test_a_page_of_results_comes_with_the_search_in_one_query():
    stories = [story(f"竹竿{i}", hours_ago=i) for i in range(1, 6)]
    BylineFactory(article=stories[2], reporter=ReporterFactory(name="乙"), position=2)
    BylineFactory(article=stories[2], reporter=ReporterFactory(name="甲"), position=1)
    query = parse_query("竹竿")
    ranked = search_live(query)
    with CaptureQueriesContext(connection) as queries:
        page = search_page(query, page="2", per_page=2)
    assert len(queries.captured_queries) == 1
    assert (page.total, page.number) == (5, 2)
    assert [result.article.pk for result in page.results] == ranked[2:4]
    where = ranked.index(stories[2].pk)
    page = search_page(query, page=str(where // 2 + 1), per_page=2)
    (shown,) = [result for result in page.results if result.article.pk == stories[2].pk]
    assert shown.reporters == ("甲", "乙")  # in byline order
    assert shown.section == stories[2].section.name
    assert shown.article.headline == "竹竿3"


@pytest.mark.parametrize(
    ("asked", "number"),
    [(None, 1), ("", 1), ("二", 1), ("2.0", 1), ("1", 1), ("3", 3), ("0", 3), ("-1", 3),
     ("4", 3), ("9" * 30, 3)],
)  # fmt: skip
def test_the_page_asked_for_is_read_as_the_paginator_reads_it(asked, number):
    for i in range(5):
        story(f"竹竿{i}", hours_ago=i + 1)
    page = search_page(parse_query("竹竿"), page=asked, per_page=2)
    assert (page.total, page.number) == (5, number)
    assert len(page.results) == (1 if number == 3 else 2)


def test_no_match_is_an_empty_first_page():
    story("竹竿", hours_ago=1)
    assert search_page(parse_query("大棚"), page="3") == search_page(parse_query(""))
    assert search_page(parse_query("大棚")).results == []


def test_the_readers_filters_reach_a_search_prepared_once_with_their_own_values():
    # What a reader may find is built as SQL once per kind of filters, then
    # filled in: each search must still get its own section, reporters and time.
    first, second = SectionFactory(), SectionFactory()
    theirs = {
        section: [
            ArticleFactory(live=True, section=section, headline=f"竹竿{section.pk}之{i}")
            for i in range(2)
        ]
        for section in (first, second)
    }
    one, other = ReporterFactory(), ReporterFactory()
    BylineFactory(article=theirs[first][0], reporter=one)
    BylineFactory(article=theirs[second][1], reporter=other)
    query = parse_query("竹竿")
    for section, made in theirs.items():
        assert set(search_live(query, Filters(section=section))) == {a.pk for a in made}
        assert {r.article.pk for r in search_page(query, Filters(section=section)).results} == {
            a.pk for a in made
        }
    assert search_live(query, Filters(reporters=(one,))) == [theirs[first][0].pk]
    assert search_live(query, Filters(reporters=(other,))) == [theirs[second][1].pk]
    assert set(search_live(query, Filters(reporters=(one, other)))) == {
        theirs[first][0].pk,
        theirs[second][1].pk,
    }
    scheduled = ArticleFactory(
        live=True,
        section=first,
        headline="竹竿",
        publish_at=timezone.now() + datetime.timedelta(minutes=1),
    )
    assert scheduled.pk not in search_live(query, Filters(section=first))


def test_a_window_short_of_matches_goes_on_to_the_older_ones_newest_first(monkeypatch):
    # The window holds this week's stories; the candidates reach back weeks.
    now = timezone.now()
    stories = [
        ArticleFactory(live=True, headline="竹竿", publish_at=now - datetime.timedelta(days=d))
        for d in (0.01, 8, 15, 22, 29)
    ]
    week = week_of(now)

    def windowed(self, conn, query, *, wanted, windowed=False):
        assert windowed  # a search over the whole archive may take a window
        return Window(tokens=query, weeks=(week,))

    monkeypatch.setattr(type(backend_for(connection)), "strategy", windowed)
    with CaptureQueriesContext(connection) as queries:
        ids = search_live(parse_query("竹竿"))
        page = search_page(parse_query("竹竿"), per_page=2)
    # Every match, however few the window held; the newest four when only four are wanted.
    assert set(ids) == {s.pk for s in stories}
    assert set(ranked_ids(Article.objects.live(), parse_query("竹竿"), limit=4)) == {
        s.pk for s in stories[:4]
    }
    assert page.total == 5
    (stream, _) = [q["sql"] for q in queries.captured_queries if "MATERIALIZED" in q["sql"]]
    assert "UNION ALL" in stream and "ARRAY[e.week] &&" in stream
