"""How text is cut into tokens, and queries the same way (no database)."""

from search.backends.postgres import PostgresBackend
from search.segment import Phrase, normalize, parse_query, tokens


def test_chinese_runs_become_bigrams_and_their_last_character():
    assert list(tokens("科技创新")) == ["科技", "技创", "创新", "新"]


def test_letters_and_digits_stay_whole_and_are_folded():
    assert list(tokens("５Ｇ基站 COVID-19")) == ["5g", "基站", "站", "covid", "19"]
    assert normalize("ＡＢＣ１２３") == "abc123"


def test_punctuation_separates_runs():
    assert list(tokens("屈庄村，蔬菜")) == ["屈庄", "庄村", "村", "蔬菜", "菜"]


def test_a_word_is_a_phrase_of_its_bigrams():
    query = parse_query("科技创新")
    assert query.words == ("科技创新",)
    assert query.phrases == (Phrase(("科技", "技创", "创新")),)


def test_mixed_words_follow_the_document_layout():
    # 2000多根: the number, then the Chinese run's bigrams.
    assert parse_query("2000多根").phrases == (Phrase(("2000", "多根")),)
    # A Chinese run followed by more keeps its last character, as the document does.
    assert parse_query("村5G").phrases == (Phrase(("村", "5g")),)
    assert list(tokens("屈庄村5G基站")) == ["屈庄", "庄村", "村", "5g", "基站", "站"]


def test_one_character_is_a_prefix():
    assert parse_query("村").phrases == (Phrase(("村",), prefix=True),)


def test_spaces_and_punctuation_separate_words_that_must_all_match():
    query = parse_query("疫情， 防控!!")
    assert query.words == ("疫情", "防控")


def test_nothing_searchable():
    for text in ["", "   ", "，。！？……", "!!!---'''", "<>/"]:
        assert not parse_query(text), text


def test_sql_and_html_are_just_words():
    assert parse_query("'; DROP TABLE articles_article; --").words == (
        "drop",
        "table",
        "articles",
        "article",
    )
    assert parse_query("<script>alert(1)</script>").words == ("script", "alert", "1")


def test_query_size_is_bounded():
    query = parse_query(" ".join(f"词{n}" for n in range(50)))
    assert len(query.phrases) == 8
    assert len(parse_query("长" * 500).phrases[0].tokens) <= 32


def test_tsvector_literal_positions_weights_and_field_gap():
    literal = PostgresBackend().document([("A", "竹竿"), ("C", "2000多根")])
    assert literal == "'竹竿':1A '竿':2A '2000':4C '多根':5C '根':6C"


def test_tsquery_literal():
    assert PostgresBackend.tsquery(parse_query("科技创新 村")) == (
        "('科技' <-> '技创' <-> '创新') & ('村':*)"
    )
