"""Every desk list and form fits a laptop screen and speaks Chinese.

Each demo role opens the lists and forms it works in at 1280 and 1366 px
wide (the editor on tablets too). No page may scroll sideways, nor hide part
of a table behind a scrollbar of its own; and no English word may show, in
the text, the tooltips or what a screen reader reads, beyond the few names a Chinese
newsroom writes in Latin letters too (URL, PDF, JPEG …). Screenshots of every
page go to ``test-artifacts/screenshots/fit-*.png``.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import Article
from demo.edition import DEMO_ACCOUNTS, demo_password
from media_library.models import Photo
from paper.models import EditionPlan
from tests.articles.test_browser_desk import desk  # noqa: F401 (a fixture)
from tests.support.browser import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [(1280, 800), (1366, 768)]
#: Tablets, landscape and portrait: the editor's screens, who plans on one.
TABLETS = [(1024, 768), (800, 1280)]

#: What scrolls sideways: the page itself, or any box that scrolls its own
#: content (a table in an ``overflow-x: auto`` wrapper).
SIDEWAYS = """() => {
  const out = [];
  const page = document.scrollingElement;
  if (page.scrollWidth > innerWidth) out.push(`页面宽 ${page.scrollWidth} > ${innerWidth}`);
  for (const box of document.querySelectorAll("body *")) {
    const style = getComputedStyle(box);
    if (["auto", "scroll"].includes(style.overflowX) && box.scrollWidth > box.clientWidth + 1
        && box.checkVisibility()) {
      const name = `${box.tagName.toLowerCase()}.${box.className}`;
      out.push(`${name} 宽 ${box.scrollWidth} > ${box.clientWidth}`);
    }
  }
  return out;
}"""


#: The words a person reads: visible text (screen-reader-only text included,
#: as it is read out), tooltips and placeholders; not the ligature names that
#: draw the editor's icons, nor what was typed into the editor.
VISIBLE_WORDS = """() => {
  const words = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("script, style, template, .material-icons, .ProseMirror")) {
      continue;
    }
    if (!parent.checkVisibility() && !parent.closest(".visually-hidden")) continue;
    words.push(node.textContent);
  }
  for (const el of document.querySelectorAll("[title], [placeholder], [aria-label]")) {
    if (el.closest(".ProseMirror")) continue;
    words.push(el.title || "", el.placeholder || "", el.getAttribute("aria-label") || "");
  }
  return words.join(" ");
}"""

ENGLISH = re.compile(r"[A-Za-z]{2,}")
#: Names a Chinese newsroom writes in Latin letters too.
ALLOWED = {"URL", "PDF", "JPEG", "PNG", "WebP", "GIF", "HTML", "KB", "MB", "DEMO"}
#: Login names are Latin by nature; 员工账号 lists them (data, not the screen's words).
ALLOWED |= {account[0] for account in DEMO_ACCOUNTS}


def desk_pages(work):
    returned = work["returned"]
    issue = work["issue"]
    own = returned.pk
    published = Article.objects.filter(status="published").order_by("pk").first()
    photo = Photo.objects.order_by("pk").first()
    plan = EditionPlan.objects.order_by("weekday").first()
    staff = get_user_model().objects.get(username="gaoyipeng")
    return {
        "gaoyipeng": {
            "mystories": reverse("admin:articles_mystory_changelist"),
            "articles": reverse("admin:articles_article_changelist"),
            "article-add": reverse("admin:articles_article_add"),
            "article-edit": reverse("admin:articles_article_change", args=[own]),
            "versions": reverse("admin:articles_article_versions", args=[own]),
        },
        "bianji": {
            "queue": reverse("admin:articles_reviewqueuearticle_changelist"),
            "articles": reverse("admin:articles_article_changelist"),
            "article-edit": reverse("admin:articles_article_change", args=[published.pk]),
            "issues": reverse("admin:paper_issue_changelist"),
            "issue-edit": reverse("admin:paper_issue_change", args=[issue.pk]),
            "plan": reverse("admin:paper_issue_plan", args=[issue.pk]),
            "next-issue": reverse("admin:paper_issue_next"),
            "edition-plan": reverse("admin:paper_editionplan_change", args=[plan.pk]),
            "photos": reverse("admin:media_library_photo_changelist"),
        },
        "zongbian": {
            "schedule": reverse("admin:articles_scheduledarticle_changelist"),
            "articles": reverse("admin:articles_article_changelist"),
            "article-edit": reverse("admin:articles_article_change", args=[published.pk]),
            "issue-edit": reverse("admin:paper_issue_change", args=[issue.pk]),
            "staff": reverse("admin:people_staffaccount_changelist"),
            "staff-add": reverse("admin:people_staffaccount_add"),
            "staff-edit": reverse("admin:people_staffaccount_change", args=[staff.pk]),
            "events": reverse("admin:articles_event_changelist"),
            "reporters": reverse("admin:people_reporter_changelist"),
            "tags": reverse("admin:taggit_tag_changelist"),
        },
        "zhangzhencheng": {
            "photos": reverse("admin:media_library_photo_changelist"),
            "photo-edit": reverse("admin:media_library_photo_change", args=[photo.pk]),
            "photo-add": reverse("admin:media_library_photo_add"),
            "photo-upload": reverse("admin:media_library_photo_upload"),
        },
    }


def test_desk_screens_fit_and_speak_chinese(live_server, desk, browser):  # noqa: F811
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for username, pages in desk_pages(desk).items():
        for width, height in WIDTHS + (TABLETS if username == "bianji" else []):
            context = browser.new_context(
                viewport={"width": width, "height": height},
                locale="zh-CN",
                timezone_id="Asia/Shanghai",
            )
            page = context.new_page()
            page.set_default_timeout(60_000)  # a machine shared with other test runs
            page.goto(live_server.url + "/admin/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", demo_password(username))
            page.click("input[type=submit]")
            page.wait_for_selector("#user-tools")
            for name, path in pages.items():
                page.goto(live_server.url + path)
                page.wait_for_load_state("load")
                if page.locator(".prose-editor").count():
                    # The editor starts after "load"; its toolbar is named once it is there.
                    page.wait_for_selector(".prose-menubar [title]")
                    page.wait_for_timeout(200)
                where = f"{username} {width}px {name} ({path})"
                assert page.locator("#content").count(), where
                problems += [f"{where}: {p}" for p in page.evaluate(SIDEWAYS)]
                english = set(ENGLISH.findall(page.evaluate(VISIBLE_WORDS))) - ALLOWED
                if english:
                    problems.append(f"{where}: 英文 {sorted(english)}")
                page.screenshot(
                    path=ARTIFACTS / f"fit-{username}-{width}-{name}.png", full_page=True
                )
            context.close()
    assert not problems, "\n".join(problems)
