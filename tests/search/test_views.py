"""The reader's search page: only live articles, ranked, highlighted, never an error."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Byline, Status
from tests.articles.factories import ArticleFactory, BylineFactory
from tests.media_library.factories import PhotoFactory
from tests.paper.factories import IssueFactory, SectionFactory
from tests.people.factories import ReporterFactory

pytestmark = pytest.mark.django_db

URL = reverse("search")


def page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_every_page_has_the_search_box(client):
    html = client.get("/").content.decode()
    assert f'action="{URL}"' in html
    assert 'name="q"' in html


def test_the_search_boxes_keep_the_words_typed_escaped(client):
    html = page(client, q='<b>"竹竿')
    # The page's own form and the masthead's box, which is kept rendered once.
    assert html.count('name="q" value="&lt;b&gt;&quot;竹竿"') == 2
    assert 'name="q" value=""' in page(client, q="")  # then another search's words are gone
    assert html.count("\x00") == page(client, q="").count("\x00") == 0


def test_results_are_highlighted_and_link_to_the_article(client):
    article = ArticleFactory(
        live=True,
        headline="2000多根竹竿解菜农之急",
        body="<p>车上装有2000多根六七米长的竹竿。</p>",
    )
    html = page(client, q="竹竿")
    assert "找到 1 篇" in html
    assert article.get_absolute_url() in html
    assert "2000多根<mark>竹竿</mark>解菜农之急" in html
    assert "六七米长的<mark>竹竿</mark>" in html


def test_nothing_unpublished_is_ever_shown(client):
    now = timezone.now()
    hidden = [
        ArticleFactory(headline="草稿竹竿", status=Status.DRAFT),
        ArticleFactory(headline="待审竹竿", status=Status.SUBMITTED),
        ArticleFactory(headline="撤稿竹竿", status=Status.WITHDRAWN, publish_at=now),
        ArticleFactory(
            live=True, headline="定时竹竿", publish_at=now + datetime.timedelta(hours=1)
        ),
        ArticleFactory(live=True, headline="未签发竹竿", issue=IssueFactory(unreleased=True)),
    ]
    html = page(client, q="竹竿")
    for article in hidden:
        assert article.headline not in html.replace("<mark>", "").replace("</mark>", "")
        assert article.get_absolute_url() not in html
    assert "没有找到" in html


def test_empty_page_explains_what_to_type(client):
    html = page(client)
    assert "输入要找的字词" in html
    assert "没有找到" not in html


@pytest.mark.parametrize(
    ("params", "note"),
    [
        ({"q": "，。！？……"}, "没有汉字、字母或数字"),
        ({"q": "竹" * 5000}, "搜索词太长"),
        ({"q": "'; DROP TABLE articles_article; --"}, "没有找到"),
        ({"q": "<script>alert(1)</script>"}, "没有找到"),
        ({"q": "竹竿\x00"}, "空字符"),
        ({"q": "竹竿", "start": "2021-13-45"}, "起始日期看不懂"),
        ({"q": "竹竿", "end": "昨天"}, "截止日期看不懂"),
        ({"q": "竹竿", "section": "no-such-section"}, "没有这个栏目"),
        ({"q": "竹竿", "reporter": "查无此人"}, "没有找到记者"),
        ({"q": "竹竿", "p": "999"}, "竹竿"),
        ({"q": "竹竿", "p": "-1'"}, "竹竿"),
    ],
)
def test_absurd_input_gets_a_clear_page_not_an_error(client, params, note):
    ArticleFactory(live=True, headline="竹竿")
    html = page(client, **params)
    assert note in html
    assert "<script>alert" not in html


def test_filters_section_dates_and_reporter(client):
    section = SectionFactory(name="高新区", slug="gaoxin")
    reporter = ReporterFactory(name="高轶鹏")
    old = ArticleFactory(
        live=True, headline="旧的竹竿", publish_at=timezone.now() - datetime.timedelta(days=400)
    )
    in_section = ArticleFactory(live=True, headline="高新区竹竿", section=section)
    bylined = ArticleFactory(live=True, headline="署名竹竿")
    BylineFactory(article=bylined, reporter=reporter, role=Byline.Role.CORRESPONDENT)

    def shown(**params):
        html = page(client, q="竹竿", **params)
        return {a for a in (old, in_section, bylined) if a.get_absolute_url() in html}

    assert shown() == {old, in_section, bylined}
    assert shown(section="gaoxin") == {in_section}
    assert shown(reporter="高轶鹏") == {bylined}
    assert shown(reporter=reporter.slug) == {bylined}
    today = timezone.localdate()
    assert shown(start=str(today - datetime.timedelta(days=1))) == {in_section, bylined}
    assert shown(end=str(today - datetime.timedelta(days=30))) == {old}
    # Reversed dates are swapped, with a note.
    html = page(client, q="竹竿", start=str(today), end=str(today - datetime.timedelta(days=500)))
    assert "已对调" in html and old.get_absolute_url() in html


def test_pagination_keeps_the_query(client):
    ArticleFactory.create_batch(25, live=True, headline="竹竿")
    html = page(client, q="竹竿", section="")
    assert "找到 25 篇" in html
    assert "p=2" in html and "q=%E7%AB%B9%E7%AB%BF" in html
    assert html.count('class="item search-result"') == 10
    last = page(client, q="竹竿", p=3)
    assert last.count('class="item search-result"') == 5


def test_query_count_is_constant(client):
    counts = []
    for size, word in ((1, "竹竿"), (50, "大棚")):
        section = SectionFactory()
        for _ in range(size):
            article = ArticleFactory(live=True, headline=f"修补{word}", section=section)
            BylineFactory(article=article)
            BylineFactory(article=article, role=Byline.Role.CORRESPONDENT)
            article.photos.add(PhotoFactory())
            article.tags.add("乡村振兴")
        with CaptureQueriesContext(connection) as captured:
            page(client, q=word, section=section.slug, reporter="")
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 7
