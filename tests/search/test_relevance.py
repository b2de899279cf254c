"""Relevance set: does a reader's word find the article they mean, and every other?

On the seed edition (``loaddemo``) and on generated articles: two-, three-
and four-character words, words inside longer compounds, names, and mixed
Chinese, Latin and digits. Recall is checked against plain substring search
over the same live articles.
"""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils import timezone

from articles.models import Article
from search.backends import backend_for
from search.models import SearchEntry
from search.segment import parse_query
from tests.articles.factories import ArticleFactory, BylineFactory
from tests.paper.factories import IssueFactory
from tests.people.factories import ReporterFactory
from tests.search.helpers import found, substring

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


@pytest.fixture
def seed():
    call_command("loaddemo", "--no-accounts", verbosity=0)
    return {a.headline: a.pk for a in Article.objects.live()}


def headlines(ids):
    return [Article.objects.get(pk=pk).headline for pk in ids]


def test_seed_expected_article_ranks_first(seed):
    # One test for the whole set: loading the edition is the slow part.
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
    misses = {w: (set(found(w)), substring(w)) for w in words if set(found(w)) != substring(w)}
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


@pytest.fixture
def generated():
    """Articles written to test the hard cases, live unless said otherwise."""
    now = timezone.now()
    hour = datetime.timedelta(hours=1)

    def story(headline, body, *, age=1, **kwargs):
        return ArticleFactory(
            live=True, headline=headline, body=f"<p>{body}</p>", publish_at=now - age * hour,
            **kwargs,
        )  # fmt: skip

    made = {
        "headline": story("招商引资签约十二个项目", "全年目标过半。", age=5),
        "body": story("经济运行平稳", "今年以来招商引资成效明显，招商引资签约项目增多。", age=1),
        "compound": story("基础设施", "科技创新驱动高质量发展，全区新建5G基站120个。"),
        "numbers": story("菜农受灾", "调运2000多根竹竿，修复大棚500多座。"),
        "latin": story("COVID-19疫苗接种", "完成疫苗接种3.5万剂次。"),
        "name_end": story("冬季健步走", "参加活动的有记者王晓东，还有通讯员。"),
        "draft": ArticleFactory(headline="草稿里的竹竿", body="<p>招商引资</p>"),
        "scheduled": ArticleFactory(live=True, headline="定时发布的竹竿", publish_at=now + hour),
        "unreleased": ArticleFactory(
            live=True, headline="未签发期次的竹竿", issue=IssueFactory(unreleased=True)
        ),
    }
    BylineFactory(article=made["body"], reporter=ReporterFactory(name="郑喜艳"))
    return {key: article.pk for key, article in made.items()}


GENERATED = [
    # (query, article that ranks first, articles that must also appear)
    ("招商", "headline", {"body"}),  # headline beats more mentions in the body
    ("招商引资", "headline", {"body"}),
    ("签约项目", "body", set()),
    ("创新", "compound", set()),  # inside 科技创新驱动
    ("高质量发展", "compound", set()),
    ("5G", "compound", set()),
    ("5G基站", "compound", set()),
    ("5g基站", "compound", set()),  # case folded
    ("５Ｇ", "compound", set()),  # full width folded
    ("2000多根", "numbers", set()),
    ("2000", "numbers", set()),
    ("500多座", "numbers", set()),
    ("covid", "latin", set()),
    ("COVID-19", "latin", set()),
    ("3.5万剂次", "latin", set()),
    ("王晓东", "name_end", set()),  # a name ending a clause
    ("郑喜艳", "body", set()),  # a name in a byline only
    ("竹竿", "numbers", set()),
]


@pytest.mark.parametrize(("text", "first", "also"), GENERATED)
def test_generated_expected_article_ranks_first(generated, text, first, also):
    ids = found(text)
    assert ids and ids[0] == generated[first], (text, ids)
    assert {generated[key] for key in also} <= set(ids)


def test_generated_never_finds_what_readers_may_not_see(generated):
    hidden = {generated[key] for key in ("draft", "scheduled", "unreleased")}
    assert not hidden & set(found("竹竿"))
    assert hidden <= set(found("竹竿", Article.objects.all()))  # the editors' search finds them


def test_generated_recall_equals_substring_search(generated):
    words = {text for text, _, _ in GENERATED} | {"发展", "驱动高", "修复大棚", "疫苗", "记者王"}
    misses = {w: (set(found(w)), substring(w)) for w in words if set(found(w)) != substring(w)}
    assert not misses


def test_recency_breaks_ties(generated):
    newest = Article.objects.get(pk=generated["name_end"])
    older = ArticleFactory(
        live=True,
        headline=newest.headline,
        body=newest.body,
        publish_at=newest.publish_at - datetime.timedelta(days=3),
    )
    assert found("健步走") == [newest.pk, older.pk]
