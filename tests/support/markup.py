"""Hostile markup typed into plain-text fields, and finding it live in what we serve.

``PAYLOAD`` is what a careless or hostile reporter might type: a script, an
image with an error handler, an element of our own invention with an event
handler, quotes and an entity. Escaped (``&lt;script&gt;``) it is harmless
text; ``live_markup`` finds any part of it that a browser would run or build
(and any ``javascript:`` link).

Feeds are read the way feed readers read them: a field a reader renders as
HTML (RSS ``title`` and ``description`` - feedparser guesses HTML there -
and Atom's ``type="html"`` fields) is decoded from the XML first and then
parsed as HTML.
"""

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

#: Every marker the checks look for contains this word.
WORD = "zqxlive"

PAYLOAD = (
    f"<script>{WORD}()</script><img src=x onerror={WORD}()><zqx-live onclick={WORD}()>\"'&amp;"
)
#: For short fields (names: 40 characters): an element with a handler.
SHORT_PAYLOAD = f"<zqx-live onclick={WORD}()>"


def payload(label: str = "", limit: int | None = None) -> str:
    """``label`` and the payload, within a field's ``limit`` of characters."""
    for markup in (PAYLOAD, SHORT_PAYLOAD):
        if limit is None or len(label) + len(markup) <= limit:
            return f"{label}{markup}"
    raise ValueError(f"no payload fits in {limit} characters after {label!r}")


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: list[str] | None = None
        self.scripts: list[tuple[dict, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "zqx-live":
            self.found.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…> event handler")
            if value and "javascript:" in value.replace(" ", "").lower():
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self._script = []
            self._attrs = dict(attrs)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            text = "".join(self._script)
            self.scripts.append((self._attrs, text))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)


def live_markup(html: str) -> list[str]:
    """What of ``PAYLOAD`` a browser would build or run from ``html``.

    Structured data (``application/ld+json``) must still be one JSON value:
    text that broke out of it would show as an element after it, or leave
    JSON behind that does not parse. Any other script holding the marker is
    live.
    """
    finder = _Finder()
    finder.feed(html)
    finder.close()
    found = list(finder.found)
    for attrs, text in finder.scripts:
        if attrs.get("type") == "application/ld+json":
            try:
                json.loads(text)
            except ValueError:
                found.append("structured data that is not JSON")
        elif WORD in text:
            found.append("<script> with the marker")
    return found


# --- feeds as feed readers read them ----------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"
RSS_HTML_FIELDS = ("title", "description")


def feed_html_fields(content: bytes) -> list[tuple[str, str]]:
    """``[(where, decoded html), …]``: every field of an RSS or Atom feed that a
    reader renders as HTML. Parsing also proves the XML itself well formed."""
    root = ET.fromstring(content)
    fields = []
    if root.tag == "rss":
        channel = root.find("channel")
        for name in RSS_HTML_FIELDS:
            fields.append((f"channel/{name}", channel.findtext(name, "")))
        for index, item in enumerate(channel.iter("item")):
            for name in RSS_HTML_FIELDS:
                fields.append((f"item[{index}]/{name}", item.findtext(name, "")))
    elif root.tag == f"{ATOM}feed":
        for element in root.iter():
            kind = element.get("type", "text")
            name = element.tag.removeprefix(ATOM)
            if kind == "html":
                fields.append((name, element.text or ""))
            elif kind == "xhtml":
                fields.append((name, ET.tostring(element, encoding="unicode")))
    else:
        raise AssertionError(f"not a feed: {root.tag}")
    return fields


def live_in_feed(content: bytes) -> list[str]:
    return [
        f"{where}: {finding}"
        for where, html in feed_html_fields(content)
        for finding in live_markup(html)
    ]


def xml_elements_with_marker(content: bytes) -> list[str]:
    """Elements or attributes of an XML document named after the marker: text
    that became markup in the XML itself (a sitemap, a feed)."""
    root = ET.fromstring(content)
    found = []
    for element in root.iter():
        names = [element.tag, *element.attrib]
        if any("zqx" in name or name.startswith("on") for name in names):
            found.append(element.tag)
    return found
