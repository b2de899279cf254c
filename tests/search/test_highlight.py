"""Highlights are put on the reader's own characters, whatever their width or case."""

from search.highlight import highlight, snippet
from search.segment import parse_query


def words(text):
    return parse_query(text).words


def test_full_width_letters_and_digits_are_found_and_marked_as_printed():
    assert highlight("全市建成５Ｇ基站，（一期）", words("5g")) == (
        "全市建成<mark>５Ｇ</mark>基站，（一期）"
    )


def test_full_width_punctuation_is_left_as_it_is():
    text = "“竹竿”解菜农之急！（记者 高轶鹏）"
    assert highlight(text, words("竹竿")) == "“<mark>竹竿</mark>”解菜农之急！（记者 高轶鹏）"


def test_latin_words_are_found_whatever_their_case():
    assert highlight("COVID-19 疫情", words("covid")) == "<mark>COVID</mark>-19 疫情"


def test_text_is_escaped_around_the_marks():
    assert highlight("<b>竹竿</b>", words("竹竿")) == "&lt;b&gt;<mark>竹竿</mark>&lt;/b&gt;"


def test_a_snippet_opens_shortly_before_the_first_occurrence():
    text = "开头" * 100 + "２０００多根竹竿" + "结尾" * 100
    passage = snippet(text, words("2000多根"))
    assert passage.startswith("…")
    assert passage.endswith("…")
    assert "<mark>２０００多根</mark>竹竿" in passage


def test_a_snippet_without_an_occurrence_is_the_opening():
    assert snippet("菜农之急。" * 40, words("竹竿")).startswith("菜农之急。菜农")
