"""Each role's desk in a real browser, under the site's Content-Security-Policy.

The demo accounts of `make run` log in through the login form and open the
pages their work starts from. Every page must load with no CSP violation and
show what that role needs. Screenshots go to ``test-artifacts/screenshots/``;
with ``README_SCREENSHOTS=docs/screenshots`` the README's are made too
(``scripts/readme-screenshots``).
"""

import datetime
import io
import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.body import from_blocks
from articles.models import Article, Byline
from demo.edition import demo_password
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
def desk(settings):
    """The demo edition and accounts, and some work in every state."""
    settings.DEMO_MODE = True
    call_command("loaddemo", stdout=io.StringIO())
    User = get_user_model()
    reporter, editor, chief = (
        User.objects.get(username=name) for name in ("gaoyipeng", "bianji", "zongbian")
    )
    byline = Reporter.objects.get(name="高轶鹏")
    section = Section.objects.get(slug="gaoxin")

    def story(headline, text):
        article = Article(
            headline=headline,
            dateline="本报讯",
            body=from_blocks([("p", text)]),
            section=section,
        )
        services.article_save(article=article, by=reporter)
        Byline.objects.create(article=article, reporter=byline, role=Byline.Role.REPORTER)
        return article

    story("高新区启动冬季供暖", "11月15日起，高新区各小区陆续开始供暖。")
    waiting = story("屈庄村蔬菜大棚修复完成", "受损的500多座蔬菜大棚已全部修复。")
    services.article_submit(article=waiting, by=reporter)
    returned = story("开业补贴申领指南", "首次创业的大中专学生可以申领开业补贴。")
    services.article_submit(article=returned, by=reporter)
    services.article_return(article=returned, by=editor, note="请补充申领地点和截止时间。")
    approved = story("火炬园新增孵化企业", "火炬园本月新入驻科技型企业12家。")
    services.article_submit(article=approved, by=reporter)
    services.article_approve(article=approved, by=editor)
    issue = issue_create_next(by=editor)
    scheduled = story("冬季健步走活动报名开始", "活动面向全区机关干部。")
    services.article_submit(article=scheduled, by=reporter)
    services.article_approve(article=scheduled, by=editor)
    services.article_schedule(
        article=scheduled, by=chief, at=timezone.now() + datetime.timedelta(hours=3)
    )
    return {"issue": issue, "returned": returned}


def test_every_role_opens_its_desk(live_server, desk, browser):
    issue, returned = desk["issue"], desk["returned"]
    visits = {
        # (account, page, what it must show, screenshot name)
        "gaoyipeng": [
            (
                reverse("admin:articles_mystory_changelist"),
                "请补充申领地点和截止时间",
                "desk-reporter",
            ),
            (
                reverse("admin:articles_article_change", args=[returned.pk]),
                "开业补贴申领指南",
                "desk-reporter-edit",
            ),
        ],
        "bianji": [
            (
                reverse("admin:articles_reviewqueuearticle_changelist"),
                "屈庄村蔬菜大棚修复完成",
                "desk-editor-queue",
            ),
            (
                reverse("admin:paper_issue_plan", args=[issue.pk]),
                "火炬园新增孵化企业",
                "desk-editor-plan",
            ),
        ],
        "zhangzhencheng": [
            (reverse("admin:media_library_photo_changelist"), "冬季健步走", "desk-photographer"),
            (reverse("admin:media_library_photo_upload"), "批量上传图片", None),
        ],
        "zongbian": [
            (
                reverse("admin:articles_scheduledarticle_changelist"),
                "冬季健步走活动报名开始",
                "desk-chief-schedule",
            ),
        ],
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    readme = os.environ.get("README_SCREENSHOTS")
    violations = []
    for username, pages in visits.items():
        context = browser.new_context(
            viewport={"width": 1280, "height": 860}, locale="zh-CN", timezone_id="Asia/Shanghai"
        )
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        page = context.new_page()
        page.on(
            "console",
            lambda message, page=page: (
                message.text.startswith("CSP-VIOLATION")
                and violations.append(f"{page.url}: {message.text}")
            ),
        )
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", demo_password(username))
        page.click("input[type=submit]")
        page.wait_for_selector("#user-tools")
        for path, expected, shot in pages:
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            assert expected in page.content(), (username, path)
            if shot:
                page.screenshot(path=ARTIFACTS / f"{shot}.png", full_page=True)
                if readme:
                    (ROOT / readme).mkdir(parents=True, exist_ok=True)
                    small_png(page.screenshot(full_page=False), ROOT / readme / f"{shot}.png")
        context.close()
    assert violations == []
