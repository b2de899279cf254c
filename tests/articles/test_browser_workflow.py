"""The whole desk in a real browser (headless chromium through Playwright).

A reporter files a story with two bylines and a photo and submits it; the
editor returns it with a note; the reporter fixes and resubmits; the editor
approves it and places it on page 1 of tomorrow's issue; the chief editor
releases the issue for five minutes ahead. A reader gets a 404 before that
time and the article after it: the test moves the clock, it never waits.
"""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, Status
from paper.models import Issue
from people import roles
from people.models import Reporter
from tests.media_library.factories import PhotoFactory
from tests.paper.factories import SectionFactory
from tests.support.roles import PASSWORD, make_user

EDITOR = "div.ProseMirror[contenteditable=true]"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def clock(monkeypatch):
    """``timezone.now`` for the test and the live server thread, moved by hand."""
    real_now = timezone.now
    offset = {"delta": datetime.timedelta()}
    monkeypatch.setattr(timezone, "now", lambda: real_now() + offset["delta"])

    def advance(delta):
        offset["delta"] += delta

    return advance


REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) =>
  console.log(`CSP-VIOLATION ${e.violatedDirective} ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
"""


@pytest.fixture(autouse=True)
def no_csp_violations():
    """Every page the desks open works under the site's Content-Security-Policy."""
    Desk.csp_violations = []
    yield
    assert Desk.csp_violations == []


class Desk:
    """One person at their own browser."""

    csp_violations: list[str] = []

    def __init__(self, browser, live_server, username=None):
        self.context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
        self.context.set_default_timeout(20_000)
        self.context.add_init_script(REPORT_CSP_VIOLATIONS)
        self.page = self.context.new_page()
        self.page.on(
            "console",
            lambda message: (
                message.text.startswith("CSP-VIOLATION")
                and Desk.csp_violations.append(f"{self.page.url}: {message.text}")
            ),
        )
        self.base = live_server.url
        if username:
            self.go("/admin/login/")
            self.page.fill("#id_username", username)
            self.page.fill("#id_password", PASSWORD)
            self.page.click("input[type=submit]")
            self.page.wait_for_selector("#user-tools")

    def go(self, path):
        return self.page.goto(self.base + path)

    def pick(self, select_id, text):
        """Choose ``text`` in a Django autocomplete (select2) field."""
        self.page.click(f"#{select_id} + .select2 .select2-selection")
        self.page.fill(".select2-container--open .select2-search__field", text)
        self.page.locator(".select2-results__option", has_text=text).first.click()

    def submit(self, selector):
        self.page.click(selector)
        self.page.wait_for_load_state()
        errors = self.page.locator(".errornote, .errorlist")
        assert errors.count() == 0, errors.first.inner_text()


def test_from_filing_to_a_reader_through_the_browser(browser, live_server, clock):
    reporter = make_user(roles.REPORTER, "gaoyipeng")
    Reporter.objects.filter(user=reporter).update(name="高轶鹏")
    make_user(roles.EDITOR, "bianji")
    make_user(roles.CHIEF_EDITOR, "zongbian")
    Reporter.objects.create(name="张晓旭", slug="zhangxiaoxu", kind=Reporter.Kind.CORRESPONDENT)
    SectionFactory(name="高新区", slug="gaoxin")
    PhotoFactory(title="大棚里的竹竿", renditions=True)

    # The reporter files the story with two bylines and a photo, and submits it;
    # the bylines keep the order they were added in (there is no 顺序 box).
    desk = Desk(browser, live_server, "gaoyipeng")
    desk.go("/admin/articles/article/add/")
    desk.page.fill("#id_headline", "2000多根竹竿解菜农之急")
    desk.page.fill("#id_dateline", "本报讯")
    desk.page.locator(EDITOR).click()
    desk.page.keyboard.type("11月6日、7日两天，高新区为菜农送去竹竿。")
    desk.pick("id_section", "高新区")
    desk.pick("id_bylines-0-reporter", "高轶鹏")
    desk.page.select_option("#id_bylines-0-role", "reporter")
    desk.page.locator("#bylines-group .add-row a").click()
    desk.pick("id_bylines-1-reporter", "张晓旭")
    desk.page.select_option("#id_bylines-1-role", "correspondent")
    desk.page.locator("#article_photos-group .add-row a").click()
    desk.pick("id_article_photos-0-photo", "大棚里的竹竿")
    desk.submit("input[name=_submit_for_review]")
    article = Article.objects.get()
    assert article.status == Status.SUBMITTED
    assert [b.reporter.name for b in article.bylines.all()] == ["高轶鹏", "张晓旭"]
    assert article.photos.get().title == "大棚里的竹竿"

    # The editor finds it in the review queue and returns it with a note.
    editor = Desk(browser, live_server, "bianji")
    editor.go("/admin/articles/reviewqueuearticle/")
    editor.page.click("text=2000多根竹竿解菜农之急")
    editor.page.click(".object-tools >> text=退回修改")
    editor.page.fill("#id_note", "请写明竹竿是哪家企业捐赠的。")
    editor.submit("input[name=_confirm]")
    assert Article.objects.get().status == Status.RETURNED

    # The reporter reads the note, fixes the story and submits it again.
    desk.go("/admin/articles/mystory/")
    assert "请写明竹竿是哪家企业捐赠的。" in desk.page.content()
    desk.page.click("text=2000多根竹竿解菜农之急")
    desk.page.locator(EDITOR).click()
    desk.page.keyboard.press("End")
    desk.page.keyboard.type("竹竿由本地一家农资企业捐赠。")
    desk.submit("input[name=_submit_for_review]")
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    assert "农资企业捐赠" in article.body

    # The editor approves it and places it on page 1 of tomorrow's issue.
    editor.go(f"/admin/articles/article/{article.pk}/change/")
    editor.page.click(".object-tools >> text=审核通过")
    editor.submit("input[name=_confirm]")
    editor.go("/admin/paper/issue/")
    editor.page.click("text=创建明日期次")
    editor.submit("input[value=创建明日期次]")
    issue = Issue.objects.get()
    assert issue.date == timezone.localdate() + datetime.timedelta(days=1)
    page_one = issue.pages.get(number=1)
    editor.page.select_option(f"#place-{article.pk}", str(page_one.pk))
    editor.submit("button[name=place]")
    assert list(page_one.articles.all()) == [article]

    # The chief editor releases the issue to go live five minutes from now.
    chief = Desk(browser, live_server, "zongbian")
    chief.go(f"/admin/paper/issue/{issue.pk}/plan/")
    go_live = timezone.localtime(timezone.now() + datetime.timedelta(minutes=5))
    chief.page.fill("#id_publish_at", go_live.strftime("%Y-%m-%dT%H:%M"))
    chief.submit("button[name=release]")
    issue.refresh_from_db()
    assert issue.released_at is not None
    assert chief.page.locator(".messagelist .success").count() == 1

    # A reader: nothing before the time, the article after it.
    reader = Desk(browser, live_server)
    url = article.get_absolute_url()
    assert reader.go(url).status == 404
    assert reader.go(issue.get_absolute_url()).status == 404
    clock(datetime.timedelta(minutes=6))
    response = reader.go(url)
    assert response.status == 200
    assert reader.page.locator("h1.headline").inner_text() == "2000多根竹竿解菜农之急"
    assert "高轶鹏" in reader.page.content() and "张晓旭" in reader.page.content()
    assert reader.page.locator("figure img").count() == 1


def test_unsaved_text_is_offered_back_after_the_tab_is_closed(browser, live_server):
    make_user(roles.REPORTER, "jizhe")
    SectionFactory(name="要闻", slug="yaowen")
    desk = Desk(browser, live_server, "jizhe")
    desk.go("/admin/articles/article/add/")
    desk.page.fill("#id_headline", "写到一半的标题")
    desk.page.locator(EDITOR).click()
    desk.page.keyboard.type("写到一半的正文。")
    desk.page.wait_for_timeout(300)  # the input event has been handled
    desk.page.close()  # the tab is closed without saving

    desk.page = desk.context.new_page()
    desk.go("/admin/articles/article/add/")
    offer = desk.page.locator(".autosave-offer")
    assert "尚未保存到系统" in offer.inner_text()
    offer.locator("text=恢复这些内容").click()
    assert desk.page.input_value("#id_headline") == "写到一半的标题"
    assert "写到一半的正文。" in desk.page.locator(EDITOR).inner_text()

    # a successful save clears the browser's copy
    desk.pick("id_section", "要闻")
    desk.submit("input[name=_save]")
    desk.go("/admin/articles/article/add/")
    assert desk.page.locator(".autosave-offer").count() == 0
