"""Which way a search takes, from the index's figures: walk the entries newest
first, or collect the matches from GIN and sort them."""

import pytest

from search.backends.planner import Collect, Walk, Window, choose_strategy, read_cost
from search.backends.statistics import Lexemes
from search.segment import Phrase, parse_query

ENTRIES = 60_000
WANTED = 200
#: How common each lexeme is: the shape of a city paper's archive.
SHARES = {
    "疫情": 0.55,
    "工作": 0.9,
    "防控": 0.5,
    "情防": 0.5,
    "尼龙": 0.6,
    "龙新": 0.6,
    "新材": 0.01,
    "材料": 0.6,
    "渣土": 0.1,
    "土车": 0.1,
    "卢志": 0.006,
    "志英": 0.008,
    "36": 0.2,
    "人民": 0.5,
    "人员": 0.4,
    "村民": 0.3,
    "村委": 0.2,
}
#: A news story's vector: about five TOAST chunks, as on the bench archive.
STORIES = 5 * ENTRIES // 4


def figures(*, toast_pages=STORIES, shares=SHARES):
    return Lexemes.counted(
        ENTRIES, list(shares), [*shares.values(), 0.006, 0.9], toast_pages=toast_pages
    )


def way(text, **kwargs):
    return choose_strategy(figures(**kwargs), parse_query(text), wanted=WANTED)


@pytest.mark.parametrize("text", ["疫情", "工作", "疫情防控", "村"])
def test_a_common_word_is_walked(text):
    assert way(text) == Walk()


@pytest.mark.parametrize("text", ["卢志英", "量子计算", "渣土车"])
def test_a_rare_word_is_collected(text):
    assert isinstance(way(text), Collect)


def test_a_word_is_as_rare_as_its_rarest_token():
    # 新材 is rare, whatever 尼龙, 龙新 and 材料 are.
    assert isinstance(way("尼龙新材料"), Collect)
    assert way("尼龙新材料", shares={**SHARES, "新材": 0.6}) == Walk()


def test_several_words_are_as_rare_as_the_rarest():
    assert isinstance(way("疫情 卢志英"), Collect)
    assert way("疫情 防控") == Walk()


def test_vectors_kept_in_their_rows_are_walked_for_rarer_words():
    # 渣土车: one story in ten. Reading a whole story's vector costs many
    # matches handed over by GIN; a vector short enough to stay in its row,
    # about one.
    assert isinstance(way("渣土车"), Collect)
    assert way("渣土车", toast_pages=0) == Walk()
    assert read_cost(figures(toast_pages=0)) == 1
    assert read_cost(figures()) == pytest.approx(11)


@pytest.mark.parametrize(
    ("toast_pages", "collected", "walked"),
    [
        # A walk reads 200 / share entries, 200 of them matches; GIN hands over
        # share × 60,000. Counted in matches handed over, the entries read in
        # vain cost 11 each (five chunks) or 1 (in the row): alike at a share
        # of 0.174, or 0.056.
        (STORIES, 0.17, 0.18),
        (0, 0.05, 0.06),
    ],
)
def test_the_way_turns_where_both_cost_alike(toast_pages, collected, walked):
    def at(share):
        shares = {**SHARES, "渣土": share, "土车": share}
        return way("渣土车", toast_pages=toast_pages, shares=shares)

    assert isinstance(at(collected), Collect)
    assert at(walked) == Walk()


def test_no_statistics_means_collect():
    # Before ANALYZE: every word looks rare, and GIN copes with any.
    chosen = choose_strategy(Lexemes(entries=0), parse_query("疫情"), wanted=WANTED)
    assert isinstance(chosen, Collect)


def test_collecting_asks_gin_for_each_words_two_rarest_tokens():
    tokens = way("尼龙新材料 卢志英").tokens
    assert tokens.phrases == (
        Phrase(tokens=("新材",)),
        Phrase(tokens=("尼龙",)),
        Phrase(tokens=("卢志",)),
        Phrase(tokens=("志英",)),
    )
    assert tokens.words == ("尼龙新材料", "卢志英")


def test_a_prefix_is_asked_for_only_when_it_is_all_the_word_has():
    # 36人: 36 and any lexeme starting with 人 (人民, 人员 …), which GIN
    # would have to merge.
    assert way("36人 卢志英").tokens.phrases[:1] == (Phrase(tokens=("36",)),)
    village = way("村 卢志英").tokens.phrases
    assert Phrase(tokens=("村",), prefix=True) in village


#: 60,000 entries over about five years: 230 a week, the current week 3000.
THIS_WEEK = 3000
WEEKS = tuple((THIS_WEEK - n, 230) for n in range(104))


def windowed(text, *, week=THIS_WEEK, weeks=WEEKS, shares=SHARES):
    lexemes = Lexemes.counted(
        ENTRIES, list(shares), [*shares.values(), 0.006, 0.9], toast_pages=STORIES, weeks=weeks
    )
    return choose_strategy(lexemes, parse_query(text), wanted=WANTED, week=week)


@pytest.mark.parametrize(("text", "weeks"), [("疫情", 3), ("工作", 2), ("渣土车", 14)])
def test_a_search_of_the_archive_takes_the_newest_weeks_that_hold_enough(text, weeks):
    # 200 matches of a word in a share s: the weeks holding 1.5 × 200 / s
    # entries. 疫情 (0.55): 545 entries, three weeks of 230.
    chosen = windowed(text)
    assert isinstance(chosen, Window)
    assert chosen.weeks == tuple(range(THIS_WEEK - weeks + 1, THIS_WEEK + 1))
    # GIN is asked for the same tokens as when collecting.
    if text == "渣土车":
        assert chosen.tokens == way("渣土车").tokens


def test_a_word_too_rare_for_a_window_is_collected():
    # 卢志英 (0.006): 50,000 entries, most of the archive. Collecting is as good.
    assert isinstance(windowed("卢志英"), Collect)
    assert isinstance(windowed("量子计算"), Collect)


def test_weeks_to_come_are_left_out_and_the_current_one_is_in_even_if_not_yet_counted():
    # Tomorrow's paper, scheduled, sits in a later week: not what a reader
    # finds now. A week begun since the figures were read counts as empty.
    scheduled = ((THIS_WEEK + 1, 500), *WEEKS)
    assert windowed("疫情", weeks=scheduled).weeks == windowed("疫情").weeks
    assert windowed("疫情", week=THIS_WEEK + 1).weeks == tuple(range(THIS_WEEK - 2, THIS_WEEK + 2))


def test_without_counted_weeks_or_a_current_week_the_way_is_walk_or_collect():
    assert windowed("疫情", weeks=()) == Walk()
    assert windowed("疫情", week=None) == Walk()
    assert isinstance(windowed("渣土车", week=None), Collect)
    # Weeks too few to hold enough: none taken.
    assert windowed("疫情", weeks=WEEKS[:2]) == Walk()
