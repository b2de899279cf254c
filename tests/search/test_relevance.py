"""Relevance on articles written for the hard cases: does a reader's word find
the article they mean, and every other? Recall is checked against plain
substring search over the same live articles. (The seed edition's set is in
test_relevance_seed.py.)
"""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from tests.articles.factories import ArticleFactory, BylineFactory
from tests.paper.factories import IssueFactory
from tests.people.factories import ReporterFactory
from tests.search.helpers import found, live_texts, substring

pytestmark = pytest.mark.django_db


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
    texts = live_texts()
    both = {w: (set(found(w)), substring(w, texts)) for w in words}
    misses = {w: pair for w, pair in both.items() if pair[0] != pair[1]}
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
