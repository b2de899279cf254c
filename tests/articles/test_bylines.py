"""Bylines print the way the paper prints them."""

import pytest

from articles import bylines
from articles.models import Byline
from people.models import Reporter
from tests.articles.factories import ArticleFactory, BylineFactory
from tests.people.factories import ReporterFactory

pytestmark = pytest.mark.django_db
Role = Byline.Role


def credited(article):
    return list(article.bylines.select_related("reporter"))


def test_dateline_credit_groups_roles_in_print_order():
    article = ArticleFactory(dateline="本报讯")
    BylineFactory(article=article, reporter=ReporterFactory(name="高轶鹏"), role=Role.REPORTER)
    BylineFactory(
        article=article,
        reporter=ReporterFactory(name="张晓旭", kind=Reporter.Kind.CORRESPONDENT),
        role=Role.CORRESPONDENT,
        position=1,
    )
    assert (
        bylines.dateline_credit("本报讯", credited(article))
        == "本报讯（记者 高轶鹏 通讯员 张晓旭）"
    )


def test_signature_prints_staff_reporters_as_benbao_jizhe():
    article = ArticleFactory()
    BylineFactory(article=article, reporter=ReporterFactory(name="高轶鹏"), role=Role.REPORTER)
    assert bylines.signature(credited(article)) == "本报记者 高轶鹏"


def test_signature_of_a_non_staff_reporter_says_jizhe_only():
    article = ArticleFactory()
    reporter = ReporterFactory(name="李四", kind=Reporter.Kind.FREELANCE)
    BylineFactory(article=article, reporter=reporter, role=Role.REPORTER)
    assert bylines.signature(credited(article)) == "记者 李四"


def test_photo_credit_and_one_person_in_two_roles():
    zheng = ReporterFactory(name="郑喜艳", kind=Reporter.Kind.CORRESPONDENT)
    story, photo_news = ArticleFactory(dateline="本报讯"), ArticleFactory()
    BylineFactory(article=story, reporter=ReporterFactory(name="高轶鹏"), role=Role.REPORTER)
    BylineFactory(article=story, reporter=zheng, role=Role.CORRESPONDENT, position=1)
    BylineFactory(article=photo_news, reporter=zheng, role=Role.PHOTOGRAPHER)

    assert (
        bylines.dateline_credit("本报讯", credited(story)) == "本报讯（记者 高轶鹏 通讯员 郑喜艳）"
    )
    assert bylines.photo_credit(credited(photo_news)) == "郑喜艳 摄"
    assert bylines.photo_credit(credited(story)) == ""


def test_bare_dateline_when_nobody_is_credited():
    assert bylines.dateline_credit("本报讯", []) == "本报讯"


def test_linked_names_are_escaped_html():
    from django.utils.html import format_html

    article = ArticleFactory()
    BylineFactory(article=article, reporter=ReporterFactory(name="<b>某</b>"), role=Role.REPORTER)
    html = bylines.signature(credited(article), name=lambda r: format_html("<a>{}</a>", r.name))
    assert html == "本报记者 <a>&lt;b&gt;某&lt;/b&gt;</a>"
