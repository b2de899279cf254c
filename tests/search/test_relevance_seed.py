"""Relevance on the seed edition (``loaddemo``): does a reader's word find the
article they mean, and every other? Two-, three- and four-character words,
words inside longer compounds, names, and mixed Chinese, Latin and digits.
Recall is checked against plain substring search over the same live articles.
"""

import re

import pytest
from django.db import connection
from django.db.models.expressions import RawSQL

from articles.models import Article
from search.backends import backend_for
from search.models import SearchEntry
from search.segment import parse_query
from tests.search.helpers import found, live_texts, substring

pytestmark = pytest.mark.django_db

#: (query, headline of the article that must rank first) on the seed page.
SEED_FIRST = [
    ("竹竿", "2000多根竹竿解菜农之急"),  # two characters, in the headline
    ("2000多根", "2000多根竹竿解菜农之急"),  # digits + Chinese
    ("屈庄村", "2000多根竹竿解菜农之急"),  # three characters, in the body
    ("招商处", "成立驻上海招商处"),
    ("健步走", "冬季健步走"),
    ("渣土", "夜查整治渣土运输车辆"),
    ("疫情防控", "高新区安排当前疫情防控工作"),  # four characters, also in others' bodies
    ("六中全会", "高新区认真学习贯彻党的十九届六中全会精神"),
    ("开业补贴", "发放开业补贴"),
    ("牛鼻子", "做强创新主业 做好创新生态"),
    ("凌兵奎", "高新区认真学习贯彻党的十九届六中全会精神"),  # a name in running text
]

#: (query, headlines that must all be found) on the seed page.
SEED_APPEARS = [
    ("中国科学院", {"做强创新主业 做好创新生态"}),  # mended from 中国科/学院
    ("郑喜艳", {"冬季健步走", "2000多根竹竿解菜农之急"}),  # 摄影 and 通讯员
    ("十九届", {"高新区认真学习贯彻党的十九届六中全会精神", "管理骨干学习全会精神"}),
    ("27.5万元", {"发放开业补贴"}),
    ("高新区 招商", {"成立驻上海招商处", "高新区集中部署重点工作"}),
]


@pytest.fixture(scope="module")
def seed(demo_edition, django_db_blocker):
    with django_db_blocker.unblock():
        return {a.headline: a.pk for a in Article.objects.live()}


def headlines(ids):
    return [Article.objects.get(pk=pk).headline for pk in ids]


def test_seed_expected_article_ranks_first(seed):
    wrong = {text: headlines(found(text)) for text, first in SEED_FIRST}
    wrong = {
        text: got for text, got in wrong.items() if not got or got[0] != dict(SEED_FIRST)[text]
    }
    assert not wrong


def test_seed_expected_articles_appear(seed):
    missing = {
        text: expected - set(headlines(found(text)))
        for text, expected in SEED_APPEARS
        if not expected <= set(headlines(found(text)))
    }
    assert not missing


def test_seed_names_find_every_article_they_are_credited_on(seed):
    gao = {
        pk
        for pk in seed.values()
        if Article.objects.filter(pk=pk, bylines__reporter__name="高轶鹏").exists()
    }
    assert len(gao) == 6
    assert set(found("高轶鹏")) == gao


def test_seed_recall_equals_substring_search(seed):
    """Every word of two to four characters in the seed headlines, and the relevance set."""
    words = {text for text, _ in SEED_FIRST} | {text for text, _ in SEED_APPEARS}
    for headline in seed:
        for run in re.findall(r"[\u4e00-\u9fff]+", headline):
            for size in (2, 3, 4):
                words |= {run[i : i + size] for i in range(len(run) - size + 1)}
    assert len(words) > 150
    texts = live_texts()
    both = {w: (set(found(w)), substring(w, texts)) for w in words}
    misses = {w: pair for w, pair in both.items() if pair[0] != pair[1]}
    assert not misses


def test_seed_a_score_is_given_exactly_to_what_matches(seed):
    """A search reads each document once: its score says whether it matches
    (``backend.score``), so the score must be there exactly where ``matches``
    is true, for phrases, prefixes and several words alike."""
    backend = backend_for(connection)
    words = {text for text, _ in SEED_FIRST} | {text for text, _ in SEED_APPEARS}
    words |= {"十九", "十九届六中", "高新区 创新", "27", "2000多", "菜农 竹竿"}
    differ, unmatched = {}, set()
    for word in words:
        query = parse_query(word)
        score, params = backend.score('"search_searchentry"."vector"', query)
        scored = set(
            SearchEntry.objects.annotate(score=RawSQL(score, params))
            .filter(score__isnull=False)
            .values_list("article_id", flat=True)
        )
        matched = set(
            SearchEntry.objects.filter(vector__matches=query).values_list("article_id", flat=True)
        )
        if scored != matched:
            differ[word] = (scored, matched)
        if not matched:
            unmatched.add(word)
    assert not differ
    assert not unmatched  # every word is on the page: the comparison is not empty
