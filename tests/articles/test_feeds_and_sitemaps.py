"""For the ecosystem: RSS and Atom feeds, sitemaps, Google News, robots.txt."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles.models import Article, Byline
from tests.articles.factories import ArticleFactory, BylineFactory, EventFactory
from tests.paper.factories import IssueFactory, SectionFactory
from tests.people.factories import ReporterFactory

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
