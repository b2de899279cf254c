"""导入版面文本 in a real browser, under the site's Content-Security-Policy: the
editor pastes a page, checks the preview, fixes one item and confirms; the
stories are drafts on that page, in print order.

With ``README_SCREENSHOTS=docs/screenshots`` the README's screenshot of the
preview is made too (``scripts/readme-screenshots``).
"""

import io
import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from articles.models import Status
from demo.edition import demo_password
from paper.services import issue_create_next
from tests.articles.test_browser_desk import REPORT_CSP_VIOLATIONS
from tests.newsroom.test_browser_admin_fit import SIDEWAYS
from tests.support.browser import ARTIFACTS, ROOT, small_png

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FRONT = (Path(__file__).parent / "pages" / "front.txt").read_text(encoding="utf-8")


@pytest.fixture
def tomorrow(settings):
    settings.DEMO_MODE = True
    call_command("loaddemo", stdout=io.StringIO())
    return issue_create_next(by=get_user_model().objects.get(username="bianji"))


def test_paste_preview_fix_confirm(live_server, tomorrow, browser):
    front_page = tomorrow.pages.get(number=1)
    context = browser.new_context(
        viewport={"width": 1280, "height": 860}, locale="zh-CN", timezone_id="Asia/Shanghai"
    )
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            message.text.startswith("CSP-VIOLATION") and violations.append(message.text)
        ),
    )
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "bianji")
    page.fill("#id_password", demo_password("bianji"))
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")

    page.goto(live_server.url + reverse("admin:paper_issue_plan", args=[tomorrow.pk]))
    page.click(f"a[href='{reverse('admin:articles_pageimport_page', args=[front_page.pk])}']")
    page.fill("#id_text", FRONT)
    page.click("button[name=read]")
    page.wait_for_selector(".import-item")
    assert page.locator(".import-item").count() == 4
    assert "粘贴的文本" in page.content()
    hotline = page.locator(".import-item").nth(3)
    assert "拆成了引题和主题" in hotline.inner_text()
    assert page.evaluate(SIDEWAYS) == []  # the preview fits a 1280 px screen
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "desk-editor-import.png", full_page=True)
    if readme := os.environ.get("README_SCREENSHOTS"):
        (ROOT / readme).mkdir(parents=True, exist_ok=True)
        small_png(page.screenshot(full_page=False), ROOT / readme / "desk-editor-import.png")

    # The flagged one-line headline is one headline: put the kicker back.
    page.fill("#item-3-kicker", "")
    page.fill("#item-3-headline", "市民热线 一周受理诉求1.2万件")
    # And the lead's second correspondent is a writer.
    page.select_option("select[name=item-0-credit-3-role]", "writer")
    page.click("button[value=refresh]")
    page.wait_for_selector(".import-item")
    assert page.input_value("#item-3-headline") == "市民热线 一周受理诉求1.2万件"
    page.click("button[value=confirm]")
    page.wait_for_selector(".messagelist .success")
    assert "已导入 4 条稿件" in page.content()
    context.close()

    placed = list(front_page.placements.order_by("position").select_related("article"))
    assert [p.article.headline for p in placed] == [
        "前三季度地区生产总值同比增长6.8%",
        "我市新增3所公办幼儿园",
        "全国冬小麦播种基本结束",
        "市民热线 一周受理诉求1.2万件",
    ]
    assert {p.article.status for p in placed} == {Status.DRAFT}
    assert placed[3].article.kicker == ""
    assert list(placed[0].article.bylines.values_list("reporter__name", "role")) == [
        ("李明", "reporter"),
        ("王芳", "reporter"),
        ("赵强", "correspondent"),
        ("孙丽", "writer"),
    ]
    assert violations == []
