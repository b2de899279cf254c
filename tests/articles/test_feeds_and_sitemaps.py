"""For the ecosystem: RSS and Atom feeds, sitemaps, Google News, robots.txt."""

import datetime
import html
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from django.utils.html import escape

from articles.models import Article, Byline
from tests.articles.factories import ArticleFactory, BylineFactory, EventFactory
from tests.paper.factories import IssueFactory, SectionFactory
from tests.people.factories import ReporterFactory
from tests.support.markup import (
    PAYLOAD,
    feed_html_fields,
    live_in_feed,
    payload,
    xml_elements_with_marker,
)

pytestmark = pytest.mark.django_db

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content)


@pytest.fixture
def news():
    section = SectionFactory(name="高新区", slug="gaoxin")
    other = SectionFactory(name="要闻", slug="yaowen")
    article = ArticleFactory(live=True, section=section, headline="高新区集中部署重点工作")
    BylineFactory(article=article, reporter=ReporterFactory(name="高轶鹏"))
    BylineFactory(
        article=article,
        reporter=ReporterFactory(name="王刚", kind="correspondent"),
        role=Byline.Role.CORRESPONDENT,
    )
    article.tags.add("招商引资")
    ArticleFactory(live=True, section=other, headline="全市领导干部大会")
    ArticleFactory(
        live=True,
        section=section,
        headline="三天前的稿件",
        publish_at=timezone.now() - datetime.timedelta(days=3),
    )
    ArticleFactory(section=section, headline="草稿不进订阅")
    return article


def test_rss_lists_latest_live_articles_with_authors_and_categories(client, news):
    channel = xml(client, "/feeds/rss/").find("channel")
    titles = [item.findtext("title") for item in channel.iter("item")]
    assert titles[:2] == ["全市领导干部大会", "高新区集中部署重点工作"]
    assert "草稿不进订阅" not in titles
    item = next(i for i in channel.iter("item") if i.findtext("title") == news.headline)
    assert item.findtext("link") == f"http://testserver{news.get_absolute_url()}"
    assert "高轶鹏、王刚" in item.findtext("{http://purl.org/dc/elements/1.1/}creator", "") + (
        item.findtext("author") or ""
    )
    assert {c.text for c in item.iter("category")} == {"高新区", "招商引资"}
    assert channel.findtext("language") == "zh-CN"


def test_atom_and_section_feeds(client, news):
    feed = xml(client, "/feeds/atom/")
    assert len(feed.findall("atom:entry", NS)) == 3
    entry = feed.find("atom:entry[atom:title='高新区集中部署重点工作']", NS)
    assert entry.find("atom:updated", NS) is not None
    section = xml(client, "/sections/gaoxin/rss/").find("channel")
    assert [i.findtext("title") for i in section.iter("item")] == [
        "高新区集中部署重点工作",
        "三天前的稿件",
    ]
    section_atom = xml(client, "/sections/gaoxin/atom/")
    assert len(section_atom.findall("atom:entry", NS)) == 2
    assert client.get("/sections/nowhere/rss/").status_code == 404


def test_pages_link_their_feeds(client, news):
    home = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in home and 'href="/feeds/rss/"' in home
    assert 'href="/feeds/atom/"' in home
    section = client.get("/sections/gaoxin/").content.decode()
    assert 'href="/sections/gaoxin/rss/"' in section and 'href="/sections/gaoxin/atom/"' in section


def test_sitemaps_name_every_public_page_kind(client, news):
    IssueFactory()
    IssueFactory(unreleased=True)
    event = EventFactory(announced=True)
    EventFactory(title="未公开")
    index = xml(client, "/sitemap.xml")
    locations = [loc.text for loc in index.iterfind("sm:sitemap/sm:loc", NS)]
    for kind in ("sections", "issues", "articles", "reporters", "events"):
        assert f"http://testserver/sitemap-{kind}.xml" in locations, kind

    def urls(kind):
        return [
            loc.text for loc in xml(client, f"/sitemap-{kind}.xml").iterfind("sm:url/sm:loc", NS)
        ]

    assert f"http://testserver{news.get_absolute_url()}" in urls("articles")
    assert len(urls("articles")) == 3
    assert len(urls("issues")) == 1
    assert urls("events") == [f"http://testserver{event.get_absolute_url()}"]
    assert len(urls("reporters")) == 2
    assert "http://testserver/sections/gaoxin/" in urls("sections")


def test_google_news_sitemap_holds_the_last_two_days(client, news):
    sitemap = xml(client, "/news-sitemap.xml")
    titles = [t.text for t in sitemap.iterfind("sm:url/news:news/news:title", NS)]
    assert sorted(titles) == ["全市领导干部大会", "高新区集中部署重点工作"]
    assert sitemap.findtext("sm:url/news:news/news:publication/news:language", None, NS) == "zh-cn"


def test_robots_txt_names_the_sitemaps(client, news):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_site_url_setting_makes_canonical_addresses(client, news, settings):
    settings.NEWSROOM_SITE_URL = "https://news.example.cn"
    html = client.get(news.get_absolute_url()).content.decode()
    assert (
        f'<link rel="canonical" href="https://news.example.cn{news.get_absolute_url()}">' in html
    )
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://news.example.cn/sitemap.xml" in robots


def test_the_sitemap_index_dates_each_sitemap_without_reading_every_item(
    client, news, monkeypatch
):
    from articles.sitemaps import ArticleSitemap, IssueSitemap

    IssueFactory()
    read = []
    for sitemap in (ArticleSitemap, IssueSitemap):
        lastmod = sitemap.lastmod
        monkeypatch.setattr(
            sitemap, "lastmod", lambda self, item, f=lastmod: read.append(item) or f(self, item)
        )
    index = xml(client, "/sitemap.xml")
    assert not read  # the index took the newest date from one aggregate per sitemap
    newest = max(a.updated_at for a in Article.objects.live())
    articles = index.find("sm:sitemap[sm:loc='http://testserver/sitemap-articles.xml']", NS)
    assert datetime.datetime.fromisoformat(articles.findtext("sm:lastmod", None, NS)) == newest


# --- plain text stays text where readers render HTML ---------------------------------


@pytest.fixture
def hostile_news():
    """A live story whose every plain-text field holds markup a reporter typed."""
    section = SectionFactory(
        name=payload("高新", 40), slug="gaoxin", description=payload("栏目介绍")
    )
    article = ArticleFactory(
        live=True,
        section=section,
        headline=payload("主题"),
        summary=payload("摘要"),
    )
    BylineFactory(article=article, reporter=ReporterFactory(name=payload("记者", 40)))
    article.tags.add(payload("标签", 100))
    # No summary: the description is cut from the body's text, where the
    # reporter's "<script>" is an escaped entity that must stay one.
    ArticleFactory(
        live=True,
        section=section,
        headline="无摘要",
        summary="",
        body=f"<p>正文{escape(PAYLOAD)}</p>",
    )
    return article


@pytest.mark.parametrize(
    "url", ["/feeds/rss/", "/feeds/atom/", "/sections/gaoxin/rss/", "/sections/gaoxin/atom/"]
)
def test_feeds_carry_plain_text_escaped_into_their_html_fields(client, hostile_news, url):
    response = client.get(url)
    assert response.status_code == 200
    fields = dict(feed_html_fields(response.content))
    assert any("摘要" in html for html in fields.values()), fields  # the summary was checked
    assert not live_in_feed(response.content)
    assert not xml_elements_with_marker(response.content)


def test_feed_readers_show_the_text_as_typed(client, hostile_news):
    channel = xml(client, "/feeds/rss/").find("channel")
    item = next(i for i in channel.iter("item") if "主题" in i.findtext("title"))
    # RSS fields are HTML to a reader: decoding the HTML gives back the text.
    assert html.unescape(item.findtext("title")) == hostile_news.headline
    assert html.unescape(item.findtext("description")) == hostile_news.summary
    atom = xml(client, "/feeds/atom/")
    titles = [t.text for t in atom.iterfind("atom:entry/atom:title", NS)]
    assert hostile_news.headline in titles  # an Atom title is text (no type="html")
    summaries = [s.text for s in atom.iterfind("atom:entry/atom:summary[@type='html']", NS)]
    assert html.escape(hostile_news.summary) in summaries


def test_news_sitemap_titles_are_text(client, hostile_news):
    response = client.get("/news-sitemap.xml")
    assert not xml_elements_with_marker(response.content)
    sitemap = ET.fromstring(response.content)
    titles = [t.text for t in sitemap.iterfind("sm:url/news:news/news:title", NS)]
    assert hostile_news.headline in titles  # text, as Google News reads it
