"""Every page of the demo edition, checked for what a screen-reader or
keyboard user needs: language, landmarks, a skip link, one h1 and headings
in order, alt text on every image, no link without words."""

import itertools
from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.support.crawler import body, crawl

# Sweeps every page of the demo site.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LANDMARKS = {"header", "nav", "main", "footer"}


class Outline(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.tags: set[str] = set()
        self.headings: list[int] = []
        self.images_without_alt: list[str] = []
        self.skip_link = None
        self.empty_links: list[str] = []
        self.main_id = None
        self._link = None  # [href, text, hidden]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "img" and attrs.get("alt") is None:
            self.images_without_alt.append(attrs.get("src", ""))
        if tag == "img" and self._link is not None and attrs.get("alt"):
            self._link[1] += attrs["alt"]
        if tag == "a" and self.skip_link is None:
            self.skip_link = attrs.get("href")
        if tag == "a":
            hidden = attrs.get("aria-hidden") == "true" or attrs.get("aria-label")
            self._link = [attrs.get("href", ""), attrs.get("aria-label") or "", hidden]
        if tag == "main":
            self.main_id = attrs.get("id")

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data.strip()

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            href, text, hidden = self._link
            if not text and not hidden:
                self.empty_links.append(href)
            self._link = None


@pytest.fixture(scope="module")
def pages(demo_edition, django_db_blocker):
    """Every HTML page of the demo site, crawled once for these tests."""
    with django_db_blocker.unblock():
        site = crawl(Client())
    return {url: r for url, r in site.items() if "text/html" in r.get("Content-Type", "")}


def test_every_page_is_navigable_without_sight_or_mouse(pages):
    assert len(pages) > 30
    for url, response in pages.items():
        outline = Outline()
        outline.feed(body(response).decode())
        assert outline.lang == "zh-Hans", url
        assert outline.tags >= LANDMARKS, (url, LANDMARKS - outline.tags)
        assert outline.skip_link == f"#{outline.main_id}" == "#main", url
        assert outline.headings.count(1) == 1, (url, outline.headings)
        assert outline.headings[0] == 1, (url, outline.headings)
        levels = outline.headings
        jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        assert not jumps, (url, outline.headings)
        assert not outline.images_without_alt, (url, outline.images_without_alt)
        assert not outline.empty_links, (url, outline.empty_links)


def test_photos_describe_themselves(pages):
    """A photo's alt text is its description, not its file name."""
    article = next(r for u, r in pages.items() if u.startswith("/articles/") and "冬季健步走" in u)
    html = body(article).decode()
    assert 'alt="' in html
    assert 'alt=""' not in html.split('class="article')[1].split("</article>")[0]
