"""The reader's site in a real browser (headless chromium, Playwright).

Screenshots of the home, issue, page and article views at phone and desktop
widths are kept under ``test-artifacts/screenshots/``; with
``README_SCREENSHOTS=docs/screenshots`` the README's small ones are made too
(``scripts/readme-screenshots``). A reader who only has a keyboard can leaf
through an issue: Tab to 下一版, Enter.
"""

import io
import os

import pytest
from django.core.management import call_command

from paper.models import Issue, Section
from people.models import Reporter
from tests.articles.factories import ArticleFactory, BylineFactory, PlacementFactory
from tests.paper.factories import PageFactory
from tests.support.browser import ARTIFACTS, ROOT, small_png

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
#: The README shows a few, viewport-sized: (view, width)
README_SHOTS = {("home", "desktop"), ("page", "desktop"), ("article", "phone"), ("issue", "phone")}


@pytest.fixture
def edition():
    """The demo edition, as `make run` serves it."""
    call_command("loaddemo", "--no-accounts", stdout=io.StringIO())
    issue = Issue.objects.get()
    feature = issue.articles.get(headline="做强创新主业 做好创新生态")
    return {
        "home": "/",
        "issue": issue.get_absolute_url(),
        "page": issue.pages.get(number=5).get_absolute_url(),
        "article": feature.get_absolute_url(),
    }


@pytest.fixture
def more_pages(edition):
    """Two more pages in the demo issue, to leaf through."""
    issue = Issue.objects.get()
    section = Section.objects.get(slug="gaoxin")
    reporter = Reporter.objects.get(name="高轶鹏")
    for number, name in ((6, "经济新闻"), (7, "文化新闻")):
        page = PageFactory(issue=issue, number=number, name=name)
        for position in range(3):
            article = ArticleFactory(
                live=True,
                issue=issue,
                section=section,
                publish_at=issue.publish_at,
                headline=f"{name}第{position + 1}条",
                dateline="本报讯",
                body="<p>正文第一段。</p><p>正文第二段。</p>",
            )
            PlacementFactory(page=page, article=article, position=position)
            BylineFactory(article=article, reporter=reporter)
    return edition


def show_everything(page):
    """Load lazy images too, so a full-page screenshot shows them."""
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading='eager')")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots_of_the_reading_path(live_server, edition, browser, width):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    readme = os.environ.get("README_SCREENSHOTS")
    context = browser.new_context(
        viewport=dict(zip(("width", "height"), WIDTHS[width], strict=True)),
        device_scale_factor=1,
        locale="zh-CN",
    )
    page = context.new_page()
    for name, path in edition.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        show_everything(page)
        # Nothing wider than the screen: the layout reflows, it does not scroll sideways.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (name, width, overflow)
        page.screenshot(path=ARTIFACTS / f"{name}-{width}.png", full_page=True)
        if readme and (name, width) in README_SHOTS:
            target = ROOT / readme
            target.mkdir(parents=True, exist_ok=True)
            small_png(page.screenshot(full_page=False), target / f"{name}-{width}.png")
        assert (ARTIFACTS / f"{name}-{width}.png").stat().st_size > 10_000
    context.close()


def test_a_keyboard_reader_leafs_through_the_issue(live_server, more_pages, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + more_pages["page"])

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "跳到正文"

    for number in (6, 7):
        for _ in range(80):
            page.keyboard.press("Tab")
            focused = page.evaluate("document.activeElement.textContent") or ""
            if focused.startswith("下一版"):
                break
        else:
            pytest.fail("下一版 cannot be reached with Tab")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(f"/issues/2021-11-25/{number}/"), page.url
        assert page.locator("h1").inner_text().startswith(f"第{number}版")
    # The last page offers no 下一版 link, only the notice.
    assert page.locator("a", has_text="下一版").count() == 0
    page.close()
