"""schema.org JSON-LD and Open Graph on article and event pages."""

import datetime
import json
import re
from urllib.parse import unquote

import pytest
from django.utils import timezone

from articles.models import Byline, Kind
from tests.articles.factories import (
    ArticleFactory,
    BylineFactory,
    CorrectionFactory,
    EventFactory,
    PlacementFactory,
)
from tests.media_library.factories import PhotoFactory
from tests.paper.factories import PageFactory
from tests.people.factories import ReporterFactory

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html: str) -> dict:
    (block,) = JSON_LD.findall(html)
    return json.loads(block)


def meta(html: str, name: str) -> list[str]:
    return re.findall(rf'<meta property="{re.escape(name)}" content="([^"]*)">', html)


@pytest.fixture
def story():
    page = PageFactory(number=5, name="高新区新闻")
    article = ArticleFactory(
        live=True,
        issue=page.issue,
        kicker="齐心协力 常抓不懈",
        headline="高新区安排当前疫情防控工作",
        dateline="本报讯",
        body="<p>11月20日上午，高新区召开会议。</p>",
    )
    PlacementFactory(page=page, article=article)
    BylineFactory(article=article, reporter=ReporterFactory(name="高轶鹏"), position=0)
    BylineFactory(
        article=article,
        reporter=ReporterFactory(name="张晓旭", kind="correspondent"),
        role=Byline.Role.CORRESPONDENT,
        position=1,
    )
    photographer = ReporterFactory(name="郑喜艳", kind="photographer")
    BylineFactory(
        article=article, reporter=photographer, role=Byline.Role.PHOTOGRAPHER, position=2
    )
    # One at a time with their positions: add(a, b) inserts in set order.
    article.photos.add(
        PhotoFactory(title="会议现场", credit_reporter=photographer, renditions=True),
        through_defaults={"position": 0},
    )
    article.photos.add(
        PhotoFactory(title="新华社图", credit_text="新华社发", renditions=True),
        through_defaults={"position": 1},
    )
    article.tags.add("疫情防控")
    CorrectionFactory(
        article=article,
        text="原稿日期有误。",
        published_at=timezone.now() + datetime.timedelta(minutes=5),
    )
    return article


def test_news_article_credits_everyone_in_their_role(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    data = json_ld(html)
    url = f"http://testserver{story.get_absolute_url()}"
    assert data["@type"] == "NewsArticle"
    assert data["mainEntityOfPage"]["@id"] == data["url"] == url
    assert data["headline"] == "高新区安排当前疫情防控工作"
    assert data["alternativeHeadline"] == "齐心协力 常抓不懈"
    assert [a["name"] for a in data["author"]] == ["高轶鹏", "张晓旭"]
    assert unquote(data["author"][0]["url"]) == "http://testserver/reporters/高轶鹏/"
    (contributor,) = data["contributor"]
    assert contributor["roleName"] == "摄影"
    assert contributor["contributor"]["name"] == "郑喜艳"
    assert [i["creditText"] for i in data["image"]] == ["郑喜艳 摄", "新华社发"]
    assert data["image"][0]["creator"]["name"] == "郑喜艳"
    assert data["datePublished"] == story.publish_at.isoformat()
    assert data["dateModified"] > story.updated_at.isoformat()  # the correction came later
    assert data["correction"][0]["text"] == "原稿日期有误。"
    assert data["printPage"] == "5" and data["printSection"] == "高新区新闻"
    assert data["keywords"] == ["疫情防控"]
    assert data["publisher"]["@type"] == "NewsMediaOrganization"


def test_photo_news_credits_its_photographer_as_author(client):
    item = ArticleFactory(live=True, kind=Kind.PHOTO, headline="冬季健步走")
    BylineFactory(
        article=item, reporter=ReporterFactory(name="郑喜艳"), role=Byline.Role.PHOTOGRAPHER
    )
    data = json_ld(client.get(item.get_absolute_url()).content.decode())
    assert [a["name"] for a in data["author"]] == ["郑喜艳"]
    assert "contributor" not in data


def test_json_ld_cannot_close_its_script(client):
    article = ArticleFactory(live=True, headline="</script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    block = JSON_LD.findall(html)[0]
    assert "</script>" not in block and "<script>" not in block
    assert json.loads(block)["headline"] == "</script><script>alert(1)</script>"


def test_open_graph_and_canonical(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    url = f"http://testserver{story.get_absolute_url()}"
    assert meta(html, "og:type") == ["article"]
    assert meta(html, "og:url") == [url]
    assert meta(html, "og:title") == ["高新区安排当前疫情防控工作"]
    assert meta(html, "og:description") == ["11月20日上午，高新区召开会议。"]
    (image,) = meta(html, "og:image")
    assert image.startswith("http://testserver/media/photos/")
    # readers, crawlers and JSON-LD get renditions; the original is for staff
    # (this test photo is 800 wide: its largest rendition stands in for w1200)
    assert image.endswith("/w800.jpg") and "original." not in html
    assert meta(html, "article:tag") == ["疫情防控"]
    assert meta(html, "article:published_time") == [
        timezone.localtime(story.publish_at).isoformat()
    ]


def test_event_page_describes_the_event(client):
    event = EventFactory(
        title="冬季健步走",
        start=timezone.make_aware(datetime.datetime(2021, 11, 24, 12, 0)),
        place="进化店镇",
        organiser="进化店镇政府",
        announced=True,
    )
    data = json_ld(client.get(event.get_absolute_url()).content.decode())
    assert data["@type"] == "Event"
    assert data["name"] == "冬季健步走"
    assert data["startDate"] == "2021-11-24T12:00:00+08:00"
    assert data["location"]["name"] == "进化店镇"
    assert data["organizer"]["name"] == "进化店镇政府"
