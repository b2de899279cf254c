"""Markup typed into every text field staff fill, and no public page, feed,
sitemap or structured-data block carrying it live.

``plant()`` saves ``tests.support.markup.PAYLOAD`` into each plain-text
field a reporter or photographer fills (and those the desk fills that
readers see: reporters' names and bios, sections, page names, corrections),
and some markup into an article body, which is sanitized HTML. ``check()``
crawls the public site as an anonymous reader - every page, feed, sitemap,
robots.txt and a search - and returns every place the markup is live: an
element or event handler in a page (parsed as a browser would), a feed
field a reader renders as HTML, an XML element, structured data that is no
longer one JSON value. The same check runs on PostgreSQL in the test suite
and on SQLite in a process of its own.
"""

import sys

from django.test import Client
from django.test.utils import setup_test_environment
from django.utils.html import escape

from articles.models import Byline
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
from tests.support.markup import (
    WORD,
    live_in_feed,
    live_markup,
    payload,
    xml_elements_with_marker,
)

#: The body is HTML from the editor, sanitized when saved: what a hostile
#: request could send instead of the editor's output, and text that merely
#: looks like markup.
BODY = (
    f"<p>正文{escape(payload())}</p>"
    f"<p onclick='{WORD}()'>段落<script>{WORD}()</script>"
    f'<a href="javascript:{WORD}()">链接</a><img src=x onerror={WORD}()></p>'
    f"<h2>小标题{escape(payload())}</h2>"
)


def plant() -> dict:
    """A live story, its photo, event, tags and correction, markup everywhere."""
    section = SectionFactory(name=payload("栏", 40), slug="lan", description=payload("栏目介绍"))
    issue = IssueFactory()
    page = PageFactory(issue=issue, number=1, name=payload("版", 40))
    reporter = ReporterFactory(name=payload("记者", 40), slug="jizhe", bio=payload("简介"))
    photographer = ReporterFactory(name=payload("摄影", 40), slug="sheying", kind="photographer")
    article = ArticleFactory(
        live=True,
        section=section,
        issue=issue,
        kicker=payload("引题"),
        headline=payload("主题"),
        subheadline=payload("副题"),
        dateline=payload("讯", 40),
        summary=payload("摘要"),
        body=BODY,
    )
    PlacementFactory(page=page, article=article, position=0)
    BylineFactory(article=article, reporter=reporter)
    BylineFactory(article=article, reporter=photographer, role=Byline.Role.PHOTOGRAPHER)
    article.tags.add(payload("标签", 100))
    photo = PhotoFactory(
        renditions=True,
        title=payload("图题"),
        caption=payload("说明"),
        alt_text=payload("替代"),
        credit_reporter=None,
        credit_text=payload("来源"),
        rights=payload("版权"),
        taken_place=payload("地点"),
    )
    credited = PhotoFactory(renditions=True, credit_reporter=photographer, credit_text="")
    article.photos.add(photo, credited)
    event = EventFactory(
        title=payload("活动"),
        description=payload("活动介绍"),
        place=payload("地点"),
        organiser=payload("主办"),
        announced=True,
    )
    event.articles.add(article)
    event.photos.add(photo)
    CorrectionFactory(article=article, text=payload("更正"))
    # A photo-news item: its photographers are credited under it ("XXX 摄").
    photo_news = ArticleFactory(live=True, section=section, kind="photo", headline="图片新闻")
    BylineFactory(article=photo_news, reporter=photographer, role=Byline.Role.PHOTOGRAPHER)
    photo_news.photos.add(photo)
    # A story without a dateline ends with its signature (本报记者 …).
    BylineFactory(article=ArticleFactory(live=True, section=section), reporter=reporter)
    return {"article": article, "event": event, "photo": photo, "section": section}


def check(client) -> tuple[int, list[str]]:
    """Crawl as a reader: ``(responses read, findings)``."""
    site = crawl(
        client,
        extra=[*ENTRY_POINTS, f"/search/?q={WORD}", "/sections/lan/rss/", "/sections/lan/atom/"],
    )
    findings, escaped_somewhere = [], False
    for url, response in site.items():
        kind = response.get("Content-Type", "")
        content = body(response)
        if WORD.encode() in content:
            escaped_somewhere = True
        if "text/html" in kind:
            findings += [f"{url}: {found}" for found in live_markup(content.decode())]
        elif "xml" in kind:
            findings += [f"{url}: <{tag}>" for tag in xml_elements_with_marker(content)]
            if b"<rss" in content[:200] or b"<feed" in content[:300]:
                findings += [f"{url}: {found}" for found in live_in_feed(content)]
    if not escaped_somewhere:
        findings.append("the markup was nowhere: the check saw nothing of it")
    return len(site), findings


def main() -> None:
    """Plant and check on whatever database the settings name (SQLite)."""
    setup_test_environment()
    plant()
    count, findings = check(Client())
    for finding in findings:
        print(f"LIVE {finding}")
    print(f"crawled {count} responses, {len(findings)} with live markup")
    sys.exit(1 if findings else 0)
