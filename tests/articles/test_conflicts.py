"""Two desks save the same article from the same version: the second sees what
the first changed, field by field, decides, and saves; nothing is lost."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles import services
from articles.body import from_blocks
from articles.conflicts import body_diff
from articles.models import Article, Status
from people import roles
from tests.articles.factories import ArticleFactory
from tests.articles.test_admin_desk import change_url, logged_in
from tests.newsroom.test_browser_admin_fit import SIDEWAYS
from tests.support.browser import ARTIFACTS
from tests.support.forms import form_data
from tests.support.roles import PASSWORD, make_user

BASE_BODY = from_blocks([("p", "第一段。"), ("p", "第二段。")])


def kept(article, by):
    """Save through the service, as the desk does, so the version both open is kept."""
    services.article_save(article=article, by=by)
    return article


def test_the_second_save_sees_the_diff_keeps_mine_for_one_field_theirs_for_another(editor):
    colleague = make_user(roles.EDITOR, "wangbianji")
    colleague.first_name = "王编辑"
    colleague.save()
    article = kept(
        ArticleFactory(
            status=Status.SUBMITTED,
            kicker="原引题",
            headline="原标题",
            body=BASE_BODY,
            summary="原摘要",
        ),
        colleague,
    )
    mine, theirs = logged_in(editor), logged_in(colleague)
    url = change_url(article)
    my_form = form_data(mine.get(url), "article_form")
    their_form = form_data(theirs.get(url), "article_form")

    their_form.update(
        headline="对方的标题",
        body=from_blocks([("p", "第一段。"), ("p", "第二段，对方补充了数字 2000。")]),
        summary="对方的摘要",
    )
    assert theirs.post(url, their_form).status_code == 302

    my_body = from_blocks(
        [("p", "第一段，我改过。"), ("p", "第二段。"), ("p", "x<script>alert(1)</script>")]
    )
    my_form.update(headline="我的标题", kicker="我的引题", body=my_body)
    response = mine.post(url, my_form)
    page = response.content.decode()
    assert response.status_code == 200 and "没有保存" in page and "王编辑" in page
    assert "合并修改" in page
    # both changed the headline and the body: shown side by side, with a choice
    assert 'id="conflict-headline"' in page and 'id="conflict-body"' in page
    assert "对方的标题" in page and "我的标题" in page
    assert 'name="resolve_headline" value="theirs"' in page
    # the body as a diff, escaped: their added words struck, mine marked
    assert "<del>，对方补充了数字 2000</del>" in page
    assert "<ins>，我改过</ins>" in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    # only they changed the summary: theirs is in the form; only I changed the kicker
    assert 'id="conflict-summary"' not in page and 'id="conflict-kicker"' not in page
    assert "对方改了摘要" in page
    again = form_data(response, "article_form")
    assert again["summary"] == "对方的摘要" and again["kicker"] == "我的引题"
    assert again["expected_version"] == str(Article.objects.get(pk=article.pk).version)
    # nothing of theirs was touched by the refused save
    article.refresh_from_db()
    assert article.headline == "对方的标题" and article.summary == "对方的摘要"

    # keep my headline, take their body, save against the newer version
    again["resolve_headline"] = "mine"
    again["resolve_body"] = "theirs"
    assert mine.post(url, again).status_code == 302
    article.refresh_from_db()
    assert article.headline == "我的标题"
    assert article.kicker == "我的引题"
    assert "对方补充了数字 2000" in article.body and "我改过" not in article.body
    assert article.summary == "对方的摘要"
    assert article.updated_by == editor
    # the history keeps both saves, each restorable
    headlines = [v.field_dict["headline"] for v in Version.objects.get_for_object(article)]
    assert "对方的标题" in headlines and "我的标题" in headlines


def test_changes_to_different_fields_merge_without_a_choice(editor):
    colleague = make_user(roles.EDITOR, "libianji")
    article = kept(
        ArticleFactory(status=Status.SUBMITTED, headline="原标题", summary="原摘要"), colleague
    )
    mine, theirs = logged_in(editor), logged_in(colleague)
    url = change_url(article)
    my_form = form_data(mine.get(url), "article_form")
    their_form = form_data(theirs.get(url), "article_form")
    their_form.update(summary="对方的摘要")
    theirs.post(url, their_form)
    my_form.update(headline="我的标题")
    response = mine.post(url, my_form)
    page = response.content.decode()
    assert "双方改的不是同一处" in page and "resolve_" not in page
    assert mine.post(url, form_data(response, "article_form")).status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.summary) == ("我的标题", "对方的摘要")


def test_the_body_diff_matches_paragraphs_then_characters_and_escapes():
    theirs = from_blocks([("p", "甲段。"), ("h2", "小标题"), ("p", "丙段 <b>")])
    mine = from_blocks(
        [("p", "甲段。"), ("p", "新的一段。"), ("h2", "小标题"), ("p", "丙段改 <b>")]
    )
    html = str(body_diff(theirs, mine))
    assert "<p>甲段。</p>" in html
    assert "<p><ins>新的一段。</ins></p>" in html
    assert "<p>【小标题】小标题</p>" in html
    assert "<p>丙段<ins>改</ins> &lt;b&gt;</p>" in html
    assert "<b>" not in html


def test_the_stale_page_for_a_reporter_is_reachable(reporter):
    # a reporter's own draft saved twice from two tabs
    from tests.articles.test_admin_desk import file_story

    article, first_tab = file_story(reporter)
    second_tab = logged_in(reporter)
    url = change_url(article)
    one = form_data(first_tab.get(url), "article_form")
    two = form_data(second_tab.get(url), "article_form")
    one.update(headline="第一个标签页")
    assert first_tab.post(url, one).status_code == 302
    two.update(headline="第二个标签页")
    page = second_tab.post(url, two).content.decode()
    assert 'id="conflict-headline"' in page
    assert reverse("admin:articles_article_versions", args=[article.pk]) in page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_resolving_a_refused_save_in_the_browser(live_server, browser):
    writer = make_user(roles.EDITOR, "xiezhe")
    colleague = make_user(roles.EDITOR, "tongshi")
    article = kept(
        ArticleFactory(status=Status.SUBMITTED, headline="原标题", summary="原摘要"), colleague
    )
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="zh-CN", timezone_id="Asia/Shanghai"
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", writer.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    page.goto(live_server.url + change_url(article))
    page.fill("#id_headline", "我的标题")

    # meanwhile, the other desk saves
    theirs = Article.objects.get(pk=article.pk)
    theirs.headline, theirs.summary = "对方的标题", "对方的摘要"
    services.article_save(article=theirs, by=colleague, expected_version=article.version)

    page.click("input[name=_continue]")
    page.wait_for_selector("#conflict-headline")
    assert page.evaluate(SIDEWAYS) == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "desk-conflict.png"), full_page=True)
    assert page.input_value("#id_summary") == "对方的摘要"
    page.check('input[name="resolve_headline"][value="theirs"]')
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert (article.headline, article.summary) == ("对方的标题", "对方的摘要")
    assert article.updated_by == writer
    context.close()
