"""Follow links like a reader does, from the home page, with Django's test client."""

from collections import deque
from html import unescape
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit


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


def crawl(client, start="/", *, skip=("/admin/", "/static/"), limit=2000):
    """Visit every internal page reachable from ``start``.

    Returns ``{path: response}`` for every URL fetched, including media and
    other non-HTML links, which are fetched but not parsed.
    """
    seen: dict[str, object] = {}
    queue = deque([start])
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url, follow=True)
        seen[url] = response
        if "text/html" not in response.get("Content-Type", ""):
            continue
        links, _text = parse(response.content.decode())
        for link in links:
            parts = urlsplit(urljoin(url, link))
            if parts.netloc not in ("", "testserver"):
                continue
            target = unquote(parts.path) + (f"?{parts.query}" if parts.query else "")
            if target.startswith(skip) or target in seen:
                continue
            queue.append(target)
    return seen


def page_text(response) -> str:
    return parse(response.content.decode())[1]
