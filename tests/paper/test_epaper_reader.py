"""The e-paper as readers get it: the printed page, every live story a link on it."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Hotspot, Status
from articles.services import article_withdraw, hotspots_set
from demo import edition
from paper.models import Page
from paper.rendering import SPECS
from paper.services import page_file_attach
from tests.articles.factories import ArticleFactory, PlacementFactory
from tests.paper.factories import IssueFactory, PageFactory
from tests.support.images import image_bytes

pytestmark = pytest.mark.django_db

HEADLINES = ["头版头条新闻稿件", "第二篇印在版上的稿件", "第三篇还没画热区的稿件"]


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def epaper(django_capture_on_commit_callbacks):
    """A released issue's page 5 with three live stories, its image, two stories drawn."""
    issue = IssueFactory()
    PageFactory(issue=issue, number=4)
    page = PageFactory(issue=issue, number=5, name="高新区新闻")
    placements = [
        PlacementFactory(
            page=page, article=ArticleFactory(live=True, issue=issue, headline=h), position=n
        )
        for n, h in enumerate(HEADLINES)
    ]
    with django_capture_on_commit_callbacks(execute=True):  # the rendering
        page_file_attach(page=page, data=image_bytes(size=(700, 990)), name="p5.jpg", by=None)
    first, second, _third = placements
    hotspots_set(
        page=page,
        # Drawn in another order than printed: the page follows print order.
        regions=[
            (second.pk, (0.5, 0.1, 0.4, 0.3)),
            (first.pk, (0.05, 0.1, 0.4, 0.2)),
            (first.pk, (0.05, 0.3, 0.2, 0.2)),
        ],
        by=None,
    )
    return page, placements


def hotspot_links(html: str) -> list[tuple[str, str]]:
    return re.findall(
        r'<a class="hotspot" id="story-\d+" href="([^"]+)" aria-label="([^"]+)"', html
    )


def test_every_drawn_live_story_is_one_link_on_the_page_in_print_order(client, epaper):
    page, placements = epaper
    html = client.get(page.get_absolute_url()).content.decode()
    articles = [p.article for p in placements]
    assert hotspot_links(html) == [(a.get_absolute_url(), a.headline) for a in articles[:2]]
    # The first story's two regions are one link, its headline its accessible name.
    assert html.count("<rect ") == 3
    assert '<rect x="50" y="100" width="400" height="200"/>' in html
    # 版面导航 lists every live story, in print order, before the image (phones).
    index = html.index('id="page-stories-title"')
    assert index < html.index("epaper__image") < html.index('class="hotspot"')
    positions = [html.index(f">{headline}</a></li>", index) for headline in HEADLINES]
    assert positions == sorted(positions)
    # The story with no region is still a target for 在版面中查看.
    assert f'<li id="story-{articles[2].pk}">' in html
    for each in ("上一版：第4版", "已是最后一版", "往期回顾", "放大", "查看版面原图"):
        assert each in html, each
    image = re.search(r'<img class="epaper__image" src="([^"]+)"', html).group(1)
    response = client.get(image)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"


def test_zoom_works_without_javascript(client, epaper):
    page, _placements = epaper
    html = client.get(page.get_absolute_url() + "?zoom=1").content.decode()
    assert "/image/zoom.webp" in html and "/image/zoom.jpg" in html and "缩小" in html
    assert "/image/reading.jpg" not in html.split("</head>")[1]  # (og:image keeps it)
    assert client.get(page.get_absolute_url() + "?zoom=9").status_code == 404


def test_the_issue_shows_thumbnails_and_the_article_links_to_its_place(client, epaper):
    page, placements = epaper
    html = client.get(page.issue.get_absolute_url()).content.decode()
    assert reverse("page_image", args=[page.issue.date, 5, "thumb.jpg"]) in html
    assert reverse("page_image", args=[page.issue.date, 4, "thumb.jpg"]) not in html
    article = placements[0].article
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{page.get_absolute_url()}#story-{article.pk}">在版面中查看</a>' in html


def test_a_page_with_a_story_not_live_keeps_its_print_to_itself(client, epaper, chief):
    page, placements = epaper
    files = [reverse("page_image", args=[page.issue.date, 5, spec]) for spec in SPECS]
    files.append(reverse("page_print", args=[page.issue.date, 5]))
    assert all(client.get(url).status_code == 200 for url in files)
    article_withdraw(article=placements[1].article, by=chief, reason="事实有误")
    html = client.get(page.get_absolute_url()).content.decode()
    assert "hotspot" not in html and "epaper__image" not in html and "查看版面原样" not in html
    assert HEADLINES[1] not in html
    assert [client.get(url).status_code for url in files] == [404] * len(files)


def test_nothing_of_an_unreleased_issue_is_served(client, django_capture_on_commit_callbacks):
    issue = IssueFactory(unreleased=True)
    page = PageFactory(issue=issue, number=1)
    PlacementFactory(
        page=page, article=ArticleFactory(status=Status.PUBLISHED, issue=issue, live=True)
    )
    with django_capture_on_commit_callbacks(execute=True):
        page_file_attach(page=page, data=image_bytes(size=(700, 990)), name="p1.jpg", by=None)
    assert page.images.count() == len(SPECS)
    for spec in SPECS:
        assert client.get(reverse("page_image", args=[issue.date, 1, spec])).status_code == 404
    assert client.get(reverse("page_print", args=[issue.date, 1])).status_code == 404
    assert client.get(reverse("page_image", args=[issue.date, 1, "p1.jpg"])).status_code == 404


# Commits for real: the site cache hears of a change once it commits.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("site_cache", ["locmem"], indirect=True)
def test_new_hotspots_and_a_new_file_drop_the_cached_page(client, site_cache, epaper):
    page, placements = epaper
    url = page.get_absolute_url()
    assert len(hotspot_links(client.get(url).content.decode())) == 2
    assert len(hotspot_links(client.get(url).content.decode())) == 2  # from the cache
    hotspots_set(page=page, regions=[(placements[2].pk, (0.1, 0.6, 0.8, 0.3))], by=None)
    assert [h for _u, h in hotspot_links(client.get(url).content.decode())] == [HEADLINES[2]]
    issue_html = client.get(page.issue.get_absolute_url()).content.decode()
    page_file_attach(page=page, data=image_bytes(size=(720, 1000)), name="p5.jpg", by=None)
    page.refresh_from_db()
    assert page.print_hash[:12] in client.get(url).content.decode()
    assert client.get(page.issue.get_absolute_url()).content.decode() != issue_html


@pytest.mark.django_db(transaction=True)
def test_the_demo_page_is_a_printed_page_with_every_story_a_link(client):
    out = io.StringIO()
    call_command("loaddemo", "--no-accounts", stdout=out)
    assert "10 篇稿件：找到 10 篇，新加热区 10 个，未找到 0 篇" in out.getvalue()
    page = Page.objects.get(issue__date=edition.ISSUE_DATE, number=edition.PAGE_NUMBER)
    html = client.get(page.get_absolute_url()).content.decode()
    placements = page.placements.select_related("article").order_by("position")
    assert [h for _url, h in hotspot_links(html)] == [p.article.headline for p in placements]
    assert "下载本版 PDF" in html
    # Again: the page keeps its file and hotspots, nothing is added.
    call_command("loaddemo", "--no-accounts", stdout=io.StringIO())
    assert Hotspot.objects.filter(placement__page=page).count() == 10


def test_a_printed_page_previews_as_its_own_image(client, epaper):
    """Shared links to an e-paper page show the page, not the site image."""
    page, _placements = epaper
    html = client.get(page.get_absolute_url()).content.decode()
    images = re.findall(r'<meta property="og:image" content="([^"]+)"', html)
    assert len(images) == 1 and "/image/reading.jpg?v=" in images[0], images
    path = images[0].removeprefix("http://testserver")
    assert client.get(path).status_code == 200
