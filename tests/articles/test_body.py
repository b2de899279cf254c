"""Whatever HTML reaches the database is cut down to the paper's vocabulary."""

import pytest

from articles.body import blocks, from_blocks, plain_text
from articles.models import Article
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p>正文<script>alert("x")</script></p>'
    '<p><img src=x onerror="alert(1)">图</p>'
    '<p><a href="javascript:alert(1)">链接</a> '
    '<a href="https://example.cn/" onclick="x()">好链接</a></p>'
    '<h1>大标题</h1><h2 style="color:red">小标题</h2><iframe src="https://evil"></iframe>'
)


def test_hostile_html_is_sanitized_on_every_save_not_only_in_forms():
    article = ArticleFactory(body=HOSTILE)
    stored = Article.objects.get(pk=article.pk).body
    for bad in (
        "<script",
        "onerror",
        "javascript:",
        "onclick",
        "<iframe",
        "<img",
        "style=",
        "<h1",
    ):
        assert bad not in stored
    assert '<a href="https://example.cn/"' in stored
    assert "<h2>小标题</h2>" in stored


def test_update_through_the_orm_is_sanitized_too():
    article = ArticleFactory()
    article.body = "<p>改<script>x()</script></p>"
    article.save()
    assert "<script" not in Article.objects.get(pk=article.pk).body


def test_blocks_round_trip_paragraphs_and_intertitles():
    body = from_blocks([("p", "第一段 <不是标签>"), ("h2", "小标题"), ("p", "第二段")])
    assert blocks(body) == [("p", "第一段 <不是标签>"), ("h2", "小标题"), ("p", "第二段")]
    assert plain_text(body) == "第一段 <不是标签>\n小标题\n第二段"
