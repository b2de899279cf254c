"""How common each word is, read from ANALYZE's figures: it decides how a
search finds its candidates (walk the newest entries, or collect from GIN)."""

import datetime
import random

import pytest
from django.db import connection
from django.utils import timezone

from search.backends import backend_for
from search.backends.planner import Collect, Walk, Window, choose_strategy
from search.backends.statistics import DEFAULT_SHARE, Lexemes, LexemeStatistics
from search.segment import parse_query
from search.weeks import week_of
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


def analyze():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")


def test_shares_come_from_analyze():
    for i in range(30):
        ArticleFactory(headline=f"竹竿第{i}批", body="<p>渣土车</p>" if i < 6 else "<p>菜农</p>")
    analyze()
    lexemes = LexemeStatistics().of(connection)
    assert lexemes.entries == 30
    assert lexemes.share("竹竿") == pytest.approx(1.0)
    assert lexemes.share("渣土") == pytest.approx(0.2)
    # Unlisted: rarer than the rarest listed, as the planner assumes.
    assert lexemes.share("量子") == lexemes.unlisted < 0.2
    # A prefix is as common as the lexemes it starts, together (渣土 and 土车 here).
    assert lexemes.share("渣", prefix=True) == pytest.approx(0.2)
    assert lexemes.share("土", prefix=True) == pytest.approx(0.2)
    assert lexemes.share("竿", prefix=True) == pytest.approx(1.0)  # 竿第 and 竿…: capped


def test_a_word_in_most_entries_is_walked_and_a_rare_one_collected():
    for i in range(30):
        ArticleFactory(headline=f"竹竿第{i}批", body="<p>渣土车</p>" if i < 2 else "<p>菜农</p>")
    analyze()
    backend = backend_for(connection)
    backend.statistics = LexemeStatistics()  # not the figures another test left
    try:
        assert backend.strategy(connection, parse_query("竹竿"), wanted=1) == Walk()
        collect = backend.strategy(connection, parse_query("渣土车"), wanted=1)
        assert isinstance(collect, Collect)
        # GIN is asked for the word's rarest tokens only.
        assert collect.tokens.phrases
        assert all(len(phrase.tokens) == 1 for phrase in collect.tokens.phrases)
    finally:
        del backend.statistics  # back to the class's own


def test_never_analyzed_means_collect():
    lexemes = Lexemes(entries=0)
    assert lexemes.share("竹竿") == DEFAULT_SHARE
    assert lexemes.share("竹", prefix=True) == DEFAULT_SHARE
    assert isinstance(choose_strategy(lexemes, parse_query("竹竿"), wanted=200), Collect)


def test_the_vectors_kept_out_of_line_are_counted():
    rng = random.Random(13)
    for i in range(20):
        # Thousands of distinct bigrams, that hardly compress: too long to stay in the row.
        text = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(3000))
        ArticleFactory(headline=f"竹竿第{i}批", body=f"<p>{text}</p>")
    ArticleFactory(headline="短讯")
    analyze()
    lexemes = LexemeStatistics().of(connection)
    assert lexemes.entries == 21
    assert lexemes.toast_pages > 0
    # Each long vector fills several chunks: reading one costs several fetches.
    assert lexemes.chunks_per_entry > 2


def test_the_newest_weeks_entries_are_counted_and_a_window_taken_from_them():
    now = timezone.now()
    recent = [ArticleFactory(live=True, headline="竹竿", publish_at=now) for _ in range(12)]
    for days in (14, 900):
        ArticleFactory(live=True, headline="竹竿", publish_at=now - datetime.timedelta(days=days))
    ArticleFactory(headline="草稿")  # no publish time: no week
    analyze()
    weeks = LexemeStatistics().of(connection).weeks
    assert dict(weeks) == {
        week_of(recent[0].publish_at): 12,
        week_of(now - datetime.timedelta(days=14)): 1,
    }  # two years back at most; the draft has no week
    assert [week for week, _ in weeks] == sorted(dict(weeks), reverse=True)
    backend = backend_for(connection)
    backend.statistics = LexemeStatistics()  # these figures, not another test's
    try:
        # Over the whole archive, the newest weeks first: this one holds enough.
        window = backend.strategy(connection, parse_query("竹竿"), wanted=2, windowed=True)
        assert window == Window(tokens=window.tokens, weeks=(week_of(now),))
        # With a reader's filters, no window.
        assert not isinstance(backend.strategy(connection, parse_query("竹竿"), wanted=2), Window)
    finally:
        del backend.statistics
