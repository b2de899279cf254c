"""In a real browser: an editor draws a hotspot on the page image and saves it."""

import pytest
from django.urls import reverse

from articles.models import Hotspot
from articles.services import hotspots_set
from paper.services import page_file_attach
from tests.articles.factories import ArticleFactory, PlacementFactory
from tests.paper.factories import IssueFactory, PageFactory
from tests.support.images import image_bytes
from tests.support.roles import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) =>
  console.log(`CSP-VIOLATION ${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`));
"""


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_an_editor_draws_moves_and_saves_a_hotspot(live_server, editor, browser):
    page = PageFactory(issue__unreleased=True, number=5)
    first, second = (
        PlacementFactory(
            page=page, article=ArticleFactory(headline=h, issue=page.issue), position=n
        )
        for n, h in enumerate(["第一篇稿件的标题", "第二篇稿件的标题"])
    )
    page_file_attach(page=page, data=image_bytes(size=(1000, 1414)), name="p5.jpg", by=None)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(CSP_VIOLATIONS)
    tab = context.new_page()
    problems = []
    tab.on("console", lambda m: m.text.startswith("CSP-VIOLATION") and problems.append(m.text))
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.goto(live_server.url + "/admin/login/")
    tab.fill("#id_username", editor.username)
    tab.fill("#id_password", PASSWORD)
    tab.click("input[type=submit]")
    tab.wait_for_selector("#user-tools")
    tab.goto(live_server.url + reverse("admin:paper_page_epaper", args=[page.pk]))
    sheet = tab.locator("#epaper-map").bounding_box()

    # Draw the second story's region: from 10 %, 20 % to 50 %, 40 % of the page.
    tab.select_option("#epaper-story", str(second.pk))
    tab.mouse.move(sheet["x"] + sheet["width"] * 0.1, sheet["y"] + sheet["height"] * 0.2)
    tab.mouse.down()
    tab.mouse.move(sheet["x"] + sheet["width"] * 0.3, sheet["y"] + sheet["height"] * 0.3, steps=4)
    tab.mouse.move(sheet["x"] + sheet["width"] * 0.5, sheet["y"] + sheet["height"] * 0.4, steps=4)
    tab.mouse.up()
    assert tab.locator("#epaper-map rect").count() == 1
    # Move it 10 % to the right.
    tab.mouse.move(sheet["x"] + sheet["width"] * 0.3, sheet["y"] + sheet["height"] * 0.3)
    tab.mouse.down()
    tab.mouse.move(sheet["x"] + sheet["width"] * 0.4, sheet["y"] + sheet["height"] * 0.3, steps=4)
    tab.mouse.up()
    tab.click("#epaper-save")
    tab.wait_for_selector("text=已保存 1 个热区")

    hotspot = Hotspot.objects.get()
    assert hotspot.placement_id == second.pk
    assert hotspot.x == pytest.approx(0.2, abs=0.01)
    assert hotspot.y == pytest.approx(0.2, abs=0.01)
    assert hotspot.width == pytest.approx(0.4, abs=0.01)
    assert hotspot.height == pytest.approx(0.2, abs=0.01)
    # The story still without a region is listed as such.
    assert "1. 第一篇稿件的标题" in tab.locator(".epaper-admin__undrawn").inner_text()
    assert first.pk != second.pk
    context.close()
    assert problems == []


def test_a_reader_tabs_through_the_stories_on_the_printed_page(live_server, browser):
    issue = IssueFactory()
    page = PageFactory(issue=issue, number=5)
    placements = [
        PlacementFactory(
            page=page, article=ArticleFactory(live=True, issue=issue, headline=h), position=n
        )
        for n, h in enumerate(["头版头条新闻稿件", "第二篇印在版上的稿件"])
    ]
    page_file_attach(page=page, data=image_bytes(size=(1000, 1414)), name="p5.jpg", by=None)
    hotspots_set(
        page=page,
        regions=[(p.pk, (0.1, 0.1 + 0.4 * n, 0.5, 0.3)) for n, p in enumerate(placements)],
        by=None,
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(live_server.url + page.get_absolute_url())
    focused = []
    for _ in range(60):
        tab.keyboard.press("Tab")
        label = tab.evaluate(
            "document.activeElement.matches('a.hotspot')"
            " ? document.activeElement.getAttribute('aria-label') : null"
        )
        if label:
            stroke = tab.evaluate(
                "getComputedStyle(document.activeElement.querySelector('rect')).stroke"
            )
            focused.append((label, stroke))
        if len(focused) == 2:
            break
    # Both reached by the keyboard, in print order, each visibly outlined.
    assert [label for label, _stroke in focused] == ["头版头条新闻稿件", "第二篇印在版上的稿件"]
    assert all(stroke not in ("none", "rgba(0, 0, 0, 0)", "transparent") for _l, stroke in focused)
    # 在版面中查看: the page opens with the story's region picked out.
    tab.goto(live_server.url + page.get_absolute_url() + f"#story-{placements[1].article.pk}")
    fill = tab.evaluate(
        f"getComputedStyle(document.querySelector('#story-{placements[1].article.pk} rect')).fill"
    )
    assert fill not in ("none", "rgba(0, 0, 0, 0)", "transparent")
    context.close()
