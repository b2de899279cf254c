"""Steps a role may not take are neither offered nor shown for confirmation."""

import pytest
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import Status
from tests.articles.factories import ArticleFactory, BylineFactory

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def workflow_url(article, action):
    return reverse("admin:articles_article_workflow", args=[article.pk, action])


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def own_story(reporter, **fields):
    article = ArticleFactory(created_by=reporter, **fields)
    BylineFactory(article=article, reporter=reporter.reporter)
    return article


def test_a_reporter_typing_the_publish_address_gets_403_with_the_reason(reporter):
    article = own_story(reporter, status=Status.APPROVED)
    response = logged_in(reporter).get(workflow_url(article, "publish"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "只有总编可以签发稿件" in page
    assert 'name="_confirm"' not in page and "立即签发" not in page
    assert "回到工作台" in page  # a desk page, not the readers' one
    assert logged_in(reporter).post(workflow_url(article, "publish")).status_code == 403
    article.refresh_from_db()
    assert article.status == Status.APPROVED


def test_a_step_the_state_does_not_allow_goes_back_to_the_article_saying_why(editor):
    article = ArticleFactory(status=Status.APPROVED)
    response = logged_in(editor).get(workflow_url(article, "approve"), follow=True)
    assert response.redirect_chain[-1][0] == change_url(article)
    assert "只有待审的稿件可以通过" in response.content.decode()


def test_a_step_the_user_may_take_is_offered_and_confirmed(reporter, chief):
    article = own_story(reporter, status=Status.APPROVED)
    form = logged_in(chief).get(change_url(article)).content.decode()
    assert workflow_url(article, "publish") in form
    assert (
        workflow_url(article, "publish")
        not in logged_in(reporter).get(change_url(article)).content.decode()
    )
    response = logged_in(chief).get(workflow_url(article, "publish"))
    assert response.status_code == 200 and 'name="_confirm"' in response.content.decode()


def test_someone_elses_story_is_not_theirs_not_perhaps_deleted(reporter, other_reporter, editor):
    theirs = own_story(other_reporter, headline="别人的独家")
    for url in (
        change_url(theirs),
        reverse("admin:articles_article_delete", args=[theirs.pk]),
        reverse("admin:articles_article_versions", args=[theirs.pk]),
        workflow_url(theirs, "submit"),
    ):
        response = logged_in(reporter).get(url)
        page = response.content.decode()
        assert response.status_code == 403, url
        assert "这篇稿件不是你的" in page and "删除" not in page.split("</h1>")[-1]
        assert "别人的独家" not in page
    response = logged_in(editor).get(change_url(theirs))
    assert response.status_code == 403
    assert "尚未提交的草稿" in response.content.decode()
    # an article that does not exist is still "not found"
    gone = logged_in(reporter).get(reverse("admin:articles_article_change", args=[999999]))
    assert gone.status_code == 302


def test_the_workflow_log_names_people_not_logins(reporter, editor):
    editor.first_name = "李编辑"
    editor.save()
    article = own_story(reporter)
    services.article_submit(article=article, by=reporter)
    services.article_return(article=article, by=editor, note="请补充数据来源。")
    page = logged_in(reporter).get(change_url(article)).content.decode()
    log = page[page.index("流程记录") :]
    assert "李编辑" in log
    assert ">editor<" not in log


def test_a_return_note_is_dealt_with_once_the_story_is_filed_again(reporter, editor, chief):
    article = own_story(reporter)
    services.article_submit(article=article, by=reporter)
    services.article_return(article=article, by=editor, note="请补充采访对象的全名。")
    mine = reverse("admin:articles_mystory_changelist")
    client = logged_in(reporter)
    assert "编辑意见：请补充采访对象的全名。" in client.get(change_url(article)).content.decode()
    assert "已按意见修改重交" not in client.get(mine).content.decode()

    services.article_submit(article=article, by=reporter)
    listed = client.get(mine).content.decode()
    assert "已按意见修改重交：请补充采访对象的全名。" in listed
    reviewing = logged_in(editor).get(change_url(article)).content.decode()
    assert "编辑意见：" not in reviewing
    assert "上次退回意见（已修改并重新提交）：请补充采访对象的全名。" in reviewing

    services.article_approve(article=article, by=editor)
    services.article_publish(article=article, by=chief)
    published = logged_in(chief).get(change_url(article)).content.decode()
    assert "请补充采访对象的全名。" not in published.split("流程记录")[0]
