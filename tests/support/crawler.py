"""Follow links like a reader does - and like a feed reader or a search engine's
crawler does - with Django's test client.

HTML pages are followed by their ``href``/``src``/``srcset`` links; feeds and
sitemaps (XML) by their ``<loc>``, ``<link>``, ``<id>`` and ``href``/``url``
attributes; ``robots.txt`` by its ``Sitemap:`` lines. Everything else (photo
files) is fetched and kept, not parsed.
"""

import re
from collections import deque
from html import unescape
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

#: Where an anonymous crawler starts besides the home page: what robots.txt,
#: feed readers and search engines are told about.
ENTRY_POINTS = (
    "/",
    "/robots.txt",
    "/sitemap.xml",
    "/news-sitemap.xml",
    "/feeds/rss/",
    "/feeds/atom/",
)

_XML_LINKS = re.compile(
    r"<(?:loc|link|id|guid)>\s*([^<\s]+)\s*</|\s(?:href|url)=\"([^\"]+)\"", re.IGNORECASE
)
_ROBOTS_SITEMAP = re.compile(r"^Sitemap:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])
        if attrs.get("srcset"):
            self.links += [part.strip().split(" ")[0] for part in attrs["srcset"].split(",")]

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(html: str) -> tuple[list[str], str]:
    page = _Page()
    page.feed(html)
    return page.links, unescape("".join(page.text))


def body(response) -> bytes:
    """The bytes of any response, streamed (files) or not; read once, kept."""
    if not hasattr(response, "crawled_body"):
        if response.streaming:
            response.crawled_body = b"".join(response.streaming_content)
        else:
            response.crawled_body = response.content
    return response.crawled_body


def links_of(response) -> list[str]:
    content_type = response.get("Content-Type", "")
    if "text/html" in content_type:
        return parse(body(response).decode())[0]
    if "xml" in content_type:
        text = body(response).decode()
        return [unescape(a or b) for a, b in _XML_LINKS.findall(text)]
    if content_type.startswith("text/plain"):
        return _ROBOTS_SITEMAP.findall(body(response).decode())
    return []


def crawl(client, start="/", *, extra=(), skip=("/admin/", "/static/"), limit=2000):
    """Visit every internal URL reachable from ``start`` and ``extra``.

    Returns ``{url: response}`` for every URL fetched, including media and
    other non-HTML links, which are fetched but not followed.
    """
    seen: dict[str, object] = {}
    queue = deque([start, *extra])
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url, follow=True)
        seen[url] = response
        body(response)
        for link in links_of(response):
            parts = urlsplit(urljoin(url, link))
            if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
                continue
            target = unquote(parts.path) + (f"?{parts.query}" if parts.query else "")
            if target.startswith(skip) or target in seen:
                continue
            queue.append(target)
    return seen


def page_text(response) -> str:
    return parse(body(response).decode())[1]
