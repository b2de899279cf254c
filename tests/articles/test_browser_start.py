"""Each demo role logs in to its start screen; a returned story reaches its
reporter as an unread notification, read once opened. In a real browser,
under the site's Content-Security-Policy."""

import datetime
import io
import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from articles import services
from articles.body import from_blocks
from articles.models import Article, Byline, Notification
from demo.edition import demo_password
from media_library.models import Photo
from paper.models import Section
from paper.services import issue_create_next
from people.models import Reporter
from tests.support.browser import ARTIFACTS, ROOT, small_png

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) =>
  console.log(`CSP-VIOLATION ${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`));
"""


@pytest.fixture
def newsroom(settings):
    settings.DEMO_MODE = True
    call_command("loaddemo", stdout=io.StringIO())
    users = {u.username: u for u in get_user_model().objects.all()}
    byline = Reporter.objects.get(name="高轶鹏")
    section = Section.objects.get(slug="gaoxin")

    def story(headline):
        article = Article(
            headline=headline,
            dateline="本报讯",
            body=from_blocks([("p", f"{headline}。正文。")]),
            section=section,
        )
        services.article_save(article=article, by=users["gaoyipeng"])
        Byline.objects.create(article=article, reporter=byline, role=Byline.Role.REPORTER)
        return article

    story("冬季供暖草稿")
    waiting = story("蔬菜大棚修复完成")
    services.article_submit(article=waiting, by=users["gaoyipeng"])
    web = story("火炬园新增孵化企业")
    services.article_submit(article=web, by=users["gaoyipeng"])
    services.article_approve(article=web, by=users["bianji"])
    issue_create_next(by=users["bianji"])
    soon = story("健步走报名开始")
    services.article_submit(article=soon, by=users["gaoyipeng"])
    services.article_approve(article=soon, by=users["bianji"])
    services.article_schedule(
        article=soon, by=users["zongbian"], at=timezone.now() + datetime.timedelta(hours=3)
    )
    Photo.objects.filter(pk=Photo.objects.order_by("pk").first().pk).update(alt_text="")
    Photo.objects.update(uploaded_by=users["zhangzhencheng"])
    Notification.objects.all().delete()
    return {"waiting": waiting}


class Person:
    def __init__(self, browser, live_server, username, violations):
        self.context = browser.new_context(
            viewport={"width": 1280, "height": 860}, locale="zh-CN", timezone_id="Asia/Shanghai"
        )
        self.context.set_default_timeout(20_000)
        self.context.add_init_script(REPORT_CSP_VIOLATIONS)
        self.page = self.context.new_page()
        self.page.on(
            "console",
            lambda message: (
                message.text.startswith("CSP-VIOLATION")
                and violations.append(f"{self.page.url}: {message.text}")
            ),
        )
        self.base = live_server.url
        self.page.goto(self.base + "/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", demo_password(username))
        self.page.click("input[type=submit]")
        self.page.wait_for_selector("#user-tools")

    def text(self, selector) -> str:
        return self.page.locator(selector).inner_text()

    def fits(self) -> bool:
        """No sideways scrolling at the desk's common widths."""
        for width, height in ((1280, 800), (1366, 768)):
            self.page.set_viewport_size({"width": width, "height": height})
            wide = self.page.evaluate("document.scrollingElement.scrollWidth")
            if wide > self.page.evaluate("innerWidth"):
                return False
        self.page.set_viewport_size({"width": 1280, "height": 860})
        return True

    def shot(self, name):
        """Into test-artifacts/, and the README's with README_SCREENSHOTS=docs/screenshots."""
        self.page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
        if readme := os.environ.get("README_SCREENSHOTS"):
            (ROOT / readme).mkdir(parents=True, exist_ok=True)
            small_png(self.page.screenshot(full_page=False), ROOT / readme / f"{name}.png")


def test_each_role_lands_on_its_start_screen(live_server, newsroom, browser):
    violations = []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    reporter = Person(browser, live_server, "gaoyipeng", violations)
    assert reporter.page.url == live_server.url + "/admin/"
    mine = reporter.text("#my-stories")
    assert "1 草稿" in mine and "1 待审" in mine and "1 审核通过" in mine
    assert reporter.fits()
    reporter.shot("start-reporter")
    reporter.page.click("#my-stories >> text=待审")
    reporter.page.wait_for_load_state()
    assert "蔬菜大棚修复完成" in reporter.text("#result_list")
    assert "冬季供暖草稿" not in reporter.text("#result_list")
    reporter.context.close()

    photographer = Person(browser, live_server, "zhangzhencheng", violations)
    assert "1 张缺" in photographer.text("#my-photos")
    assert photographer.fits()
    photographer.shot("start-photographer")
    photographer.page.click("#my-photos >> text=张缺")
    photographer.page.wait_for_load_state()
    assert photographer.page.locator("#result_list tbody tr").count() == 1
    photographer.context.close()

    editor = Person(browser, live_server, "bianji", violations)
    assert "待审 1" in editor.text("#review")
    tomorrow = editor.text("#tomorrow")
    assert "第1版" in tomorrow and "安排版面" in tomorrow
    assert editor.fits()
    editor.shot("start-editor")
    editor.page.click("#review >> text=待审 1")
    editor.page.wait_for_load_state()
    assert "蔬菜大棚修复完成" in editor.text("#result_list")
    editor.context.close()

    chief = Person(browser, live_server, "zongbian", violations)
    sign_off = chief.text("#sign-off")
    assert "火炬园新增孵化企业" in sign_off and "健步走报名开始" in sign_off
    assert "尚未签发的期次" in sign_off
    assert chief.fits()
    chief.shot("start-chief")
    chief.page.click("summary:has-text('全部功能')")
    assert chief.page.locator("#apps .app-articles").is_visible()
    chief.context.close()
    assert violations == []


def test_a_returned_story_reaches_its_reporter_unread_until_opened(live_server, newsroom, browser):
    violations = []
    waiting = newsroom["waiting"]
    editor = Person(browser, live_server, "bianji", violations)
    editor.page.goto(f"{live_server.url}/admin/articles/article/{waiting.pk}/workflow/return/")
    editor.page.fill("#id_note", "请补充修复的大棚数量。")
    editor.page.click("input[name=_confirm]")
    editor.page.wait_for_load_state()
    editor.context.close()

    reporter = Person(browser, live_server, "gaoyipeng", violations)
    inbox = reporter.page.locator("#notifications")
    assert "1 条未读" in inbox.inner_text()
    assert inbox.locator(".desk-unread-row").count() == 1
    assert "请补充修复的大棚数量。" in inbox.inner_text()
    reporter.shot("start-notification")
    inbox.locator("a", has_text="请补充修复的大棚数量").click()
    reporter.page.wait_for_load_state()
    assert f"/admin/articles/article/{waiting.pk}/change/" in reporter.page.url
    assert "编辑意见：请补充修复的大棚数量。" in reporter.page.content()
    reporter.page.goto(live_server.url + "/admin/")
    assert "条未读" not in reporter.text("#notifications")
    assert reporter.page.locator("#notifications .desk-unread-row").count() == 0
    reporter.context.close()
    assert violations == []
