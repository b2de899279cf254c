"""安排版面: each page's 字数 against its budget, the stories still waiting, and
the drag-and-drop script's posts (the same forms, answered in JSON)."""

import pytest
from django.test import Client
from django.urls import reverse

from articles import services
from articles.body import from_blocks
from articles.models import Status
from people import roles
from tests.articles.factories import ArticleFactory
from tests.paper.factories import IssueFactory, PageFactory
from tests.support.browser import ARTIFACTS
from tests.support.roles import PASSWORD, make_user

JSON = {"HTTP_ACCEPT": "application/json"}


def logged_in(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def headlines(page) -> list[str]:
    return list(page.placements.order_by("position").values_list("article__headline", flat=True))


@pytest.fixture
def plan(db):
    issue = IssueFactory(unreleased=True)
    one = PageFactory(issue=issue, number=1, name="要闻", word_budget=10)
    two = PageFactory(issue=issue, number=2, name="综合新闻")
    stories = {
        name: ArticleFactory(
            status=Status.APPROVED, headline=name, body=from_blocks([("p", "一二三四五六")])
        )
        for name in ("甲稿", "乙稿", "丙稿", "丁稿")
    }
    return issue, one, two, stories


@pytest.mark.django_db
def test_the_script_places_moves_and_takes_off_with_positions(plan, editor):
    issue, one, two, stories = plan
    client = logged_in(editor)
    url = reverse("admin:paper_issue_plan", args=[issue.pk])
    for name in ("甲稿", "乙稿"):
        answer = client.post(
            url, {"op": "place", "article": stories[name].pk, "page": one.pk}, **JSON
        )
        assert answer.status_code == 200 and answer.json()["ok"]
    # dropped at the top of page 1
    answer = client.post(
        url,
        {"op": "place", "article": stories["丙稿"].pk, "page": one.pk, "position": "0"},
        **JSON,
    )
    assert "已安排在" in answer.json()["message"]
    assert headlines(one) == ["丙稿", "甲稿", "乙稿"]
    # dragged down within the page, then to the top of page 2
    client.post(
        url,
        {
            "op": "move",
            "article": stories["丙稿"].pk,
            "page": one.pk,
            "to_page": one.pk,
            "position": "2",
        },
        **JSON,
    )
    assert headlines(one) == ["甲稿", "乙稿", "丙稿"]
    client.post(
        url,
        {
            "op": "move",
            "article": stories["乙稿"].pk,
            "page": one.pk,
            "to_page": two.pk,
            "position": "0",
        },
        **JSON,
    )
    assert headlines(one) == ["甲稿", "丙稿"] and headlines(two) == ["乙稿"]
    # junk for a position is the end of the page, not an error
    client.post(
        url,
        {"op": "place", "article": stories["丁稿"].pk, "page": two.pk, "position": "-1x"},
        **JSON,
    )
    assert headlines(two) == ["乙稿", "丁稿"]
    # back to 待上版
    client.post(url, {"op": "unplace", "article": stories["丁稿"].pk, "page": two.pk}, **JSON)
    assert headlines(two) == ["乙稿"]
    # a refusal is a message in JSON, with nothing changed
    refused = client.post(
        url, {"op": "place", "article": stories["甲稿"].pk, "page": one.pk}, **JSON
    )
    assert refused.status_code == 400 and "已经在" in refused.json()["message"]
    assert headlines(one) == ["甲稿", "丙稿"]


@pytest.mark.django_db
def test_each_page_shows_its_words_against_its_budget_and_what_waits(plan, editor):
    issue, one, _two, stories = plan
    client = logged_in(editor)
    url = reverse("admin:paper_issue_plan", args=[issue.pk])
    client.post(url, {"op": "place", "article": stories["甲稿"].pk, "page": one.pk})
    html = client.get(url).content.decode()
    assert "字数 6 / 10" in html and "（未设预算）" in html
    assert "待上版：审核通过、尚未安排的稿件（3 篇）" in html
    assert f'data-drop-page="{one.pk}"' in html and "plan.js" in html
    client.post(url, {"op": "place", "article": stories["乙稿"].pk, "page": one.pk})
    assert "字数 12 / 10（超出预算）" in client.get(url).content.decode()
    # whoever may not lay out gets neither the script nor draggable rows
    chief_only = IssueFactory()  # released: only the chief editor lays it out
    html = client.get(reverse("admin:paper_issue_plan", args=[chief_only.pk])).content.decode()
    assert "plan.js" not in html and 'draggable="true"' not in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_story_dragged_to_another_page_stays_there_after_a_reload(live_server, browser):
    editor = make_user(roles.EDITOR, "dragger")
    issue = IssueFactory(unreleased=True)
    one = PageFactory(issue=issue, number=1, name="要闻", word_budget=100)
    two = PageFactory(issue=issue, number=2, name="综合新闻", word_budget=100)
    first = ArticleFactory(
        status=Status.APPROVED, headline="拖动的稿件", body=from_blocks([("p", "一二三")])
    )
    second = ArticleFactory(
        status=Status.APPROVED, headline="留下的稿件", body=from_blocks([("p", "四五")])
    )
    waiting = ArticleFactory(status=Status.APPROVED, headline="待上版的稿件")
    services.article_place(article=first, page=one, by=editor)
    services.article_place(article=second, page=one, by=editor)

    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    url = live_server.url + reverse("admin:paper_issue_plan", args=[issue.pk])
    page.goto(url)

    row = page.locator(f'tr[data-article="{first.pk}"]')
    page.wait_for_function("() => document.querySelector('[data-plan-url]') !== null")
    row.drag_to(page.locator(f'tbody[data-drop-page="{two.pk}"]'))
    page.wait_for_function(
        "() => document.getElementById('plan-status').textContent.includes('已调整到')"
    )
    assert headlines(two) == ["拖动的稿件"] and headlines(one) == ["留下的稿件"]
    # redrawn without a reload: the 字数 moved with it
    assert (
        "字数 3 / 100"
        in page.locator(f'tbody[data-drop-page="{two.pk}"]')
        .locator("xpath=ancestor::section")
        .inner_text()
    )

    # the waiting story dragged above the one left on page 1
    page.locator(f'tr[data-article="{waiting.pk}"]').drag_to(
        page.locator(f'tr[data-article="{second.pk}"]'), target_position={"x": 20, "y": 2}
    )
    page.wait_for_function(
        "() => document.getElementById('plan-status').textContent.includes('已安排在')"
    )
    assert headlines(one) == ["待上版的稿件", "留下的稿件"]

    page.reload()
    two_rows = page.locator(f'tbody[data-drop-page="{two.pk}"] tr[data-article]')
    assert two_rows.all_inner_texts()[0].find("拖动的稿件") >= 0
    one_rows = page.locator(f'tbody[data-drop-page="{one.pk}"] tr[data-article]')
    assert "待上版的稿件" in one_rows.first.inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "desk-plan-drag.png"), full_page=True)
    assert not errors
    context.close()
