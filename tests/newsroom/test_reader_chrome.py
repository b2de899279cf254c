"""What every public page carries for browsers, search engines and link
previews: a description, a favicon, an Open Graph image (the site's own
when the page or article has no photo)."""

import datetime
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest
from django.utils import timezone

from tests.articles.factories import (
    ArticleFactory,
    BylineFactory,
    CorrectionFactory,
    EventFactory,
    PlacementFactory,
)
from tests.media_library.factories import PhotoFactory
from tests.paper.factories import IssueFactory, PageFactory, SectionFactory
from tests.people.factories import ReporterFactory
from tests.support.crawler import ENTRY_POINTS, body, crawl

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
SITE_IMAGE = re.compile(r"^http://testserver/static/img/site(\.[0-9a-f]+)?\.png$")


class Head(HTMLParser):
    """The ``<meta>`` and ``<link>`` tags of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: list[dict] = []
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            self.meta.append(dict(attrs))
        elif tag == "link":
            self.links.append(dict(attrs))

    def named(self, key, value):
        return [m.get("content", "") for m in self.meta if m.get(key) == value]


def head(response) -> Head:
    parsed = Head()
    parsed.feed(body(response).decode())
    return parsed


@pytest.fixture
def site():
    """Something on every kind of public page, with a photo and without."""
    section = SectionFactory(name="要闻", slug="yaowen")
    issue = IssueFactory()
    page = PageFactory(issue=issue, number=1, name="要闻")
    reporter = ReporterFactory(name="高轶鹏", bio="")
    photographer = ReporterFactory(name="张振成", kind="photographer")
    plain = ArticleFactory(live=True, issue=issue, section=section, headline="没有图片的稿件")
    PlacementFactory(page=page, article=plain)
    BylineFactory(article=plain, reporter=reporter)
    plain.tags.add("乡村振兴")
    CorrectionFactory(article=plain)
    pictured = ArticleFactory(live=True, section=section, headline="有图片的稿件")
    photo = PhotoFactory(credit_reporter=photographer, renditions=True)
    pictured.photos.add(photo)
    event = EventFactory(title="冬季健步走", start=timezone.now() + DAY, announced=True)
    event.articles.add(plain)
    return {"plain": plain, "pictured": pictured, "photo": photo, "reporter": reporter}


def html_pages(client, site):
    extra = [*ENTRY_POINTS, "/search/?q=稿件", "/events/past/", "/no-such-page/"]
    pages = crawl(client, extra=extra)
    found = {
        url: response
        for url, response in pages.items()
        if "text/html" in response.get("Content-Type", "")
    }
    # the crawl reached every kind of page the fixture made
    for url in (
        "/",
        site["plain"].get_absolute_url(),
        site["reporter"].get_absolute_url(),
        site["photo"].get_absolute_url(),
        "/no-such-page/",
    ):
        assert unquote(url) in found, url
    assert any(re.fullmatch(r"/issues/\d{4}-\d\d-\d\d/1/", url) for url in found)
    return found


def test_every_public_page_has_one_description_and_an_og_image(client, site):
    for url, response in html_pages(client, site).items():
        parsed = head(response)
        descriptions = parsed.named("name", "description")
        assert len(descriptions) == 1 and descriptions[0].strip(), (url, descriptions)
        images = parsed.named("property", "og:image")
        assert len(images) == 1, (url, images)
        assert images[0].startswith("http://testserver/"), (url, images)
        # the image is there to fetch
        assert client.get(urlsplit(images[0]).path).status_code == 200, (url, images)
        icons = [link for link in parsed.links if "icon" in link.get("rel", "").split()]
        assert icons, url


def test_the_page_and_reporter_pages_describe_themselves(client, site):
    page = next(
        response
        for url, response in html_pages(client, site).items()
        if re.fullmatch(r"/issues/\d{4}-\d\d-\d\d/1/", url)
    )
    assert "没有图片的稿件" in head(page).named("name", "description")[0]
    reporter = head(client.get(site["reporter"].get_absolute_url()))
    assert "高轶鹏" in reporter.named("name", "description")[0]


def test_an_article_without_a_photo_shows_the_site_image_one_with_its_photo(client, site):
    plain = head(client.get(site["plain"].get_absolute_url()))
    assert not plain.named("property", "og:image:width")[1:]  # one set of image tags
    assert SITE_IMAGE.match(plain.named("property", "og:image")[0])
    pictured = head(client.get(site["pictured"].get_absolute_url()))
    image = pictured.named("property", "og:image")[0]
    assert not SITE_IMAGE.match(image) and "/photos/" in image


def test_favicon_ico_is_a_real_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    icon = client.get("/favicon.ico", follow=True)
    assert icon.status_code == 200
    assert body(icon)[:4] == b"\x00\x00\x01\x00"  # the ICO header
