"""A reader who follows links from the home page finds the whole seed page,
printed the way the paper printed it."""

import pytest
from django.test import Client

from tests.support.crawler import crawl, page_text

# Sweeps every page of the demo site.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

HEADINGS = [
    # kicker, headline, subheadline of every item
    "加快形成创新高地 构建创新体系",
    "做强创新主业 做好创新生态",
    "——高新区以科技创新驱动高质量发展综述",
    "齐心协力 常抓不懈",
    "高新区安排当前疫情防控工作",
    "区城管执法局和公安部门",
    "夜查整治渣土运输车辆",
    "冬季健步走",
    "成立驻上海招商处",
    "集中力量抓当前 承前启后谋明年",
    "高新区集中部署重点工作",
    "2000多根竹竿解菜农之急",
    "学在深处 谋在新处 干在实处",
    "高新区认真学习贯彻党的十九届六中全会精神",
    "管理骨干学习全会精神",
    "发放开业补贴",
]
INTERTITLES = ["积极培育创新创造生力军", "大力建设研发平台创新载体", "对人才格外“高看一眼”"]
BYLINES = [
    "（本报记者 高轶鹏）",
    "本报讯（记者 高轶鹏 通讯员 张晓旭）11月20日上午",
    "本报讯（记者 高轶鹏 通讯员 法源）11月18日晚",
    "本报讯（记者 高轶鹏 通讯员 王刚）11月15日",
    "本报讯（记者 高轶鹏 通讯员 郑喜艳）11月17日下午",
    "本报讯（记者 高轶鹏）连日来",
    "郑喜艳 摄",
    "张振成 摄",
    "许丹丹 摄",
    "郝森森 摄",
]
IMAGE_TYPES = ("image/webp", "image/jpeg")
MENDED = ["中国科学院电工研究所", "战略科技人才", "上海及周边地区优势产业", "11月6日、7日两天"]


@pytest.fixture(scope="module")
def site(demo_edition, django_db_blocker):
    """The whole site as a reader finds it from home, crawled once for these tests."""
    with django_db_blocker.unblock():
        return crawl(Client())


def test_every_heading_intertitle_and_byline_is_reachable_from_home(site):
    assert all(r.status_code == 200 for r in site.values()), [
        (url, r.status_code) for url, r in site.items() if r.status_code != 200
    ]
    text = "\n".join(page_text(r) for r in site.values() if "html" in r["Content-Type"])
    missing = [s for s in HEADINGS + INTERTITLES + BYLINES + MENDED if s not in text]
    assert not missing
    assert "市中开 该公司" not in text


def test_reading_path_covers_issue_page_articles_and_reporters(site):
    paths = set(site)
    assert "/issues/2021-11-25/" in paths
    assert "/issues/2021-11-25/5/" in paths
    assert sum(p.startswith("/articles/") for p in paths) >= 10
    assert "/reporters/郑喜艳/" in paths
    zheng = page_text(site["/reporters/郑喜艳/"])
    assert "2000多根竹竿解菜农之急" in zheng and "冬季健步走" in zheng


def test_demo_photos_are_served(site):
    media = [r for url, r in site.items() if url.startswith("/media/")]
    assert len(media) >= 4
    assert all(r.status_code == 200 and r["Content-Type"] in IMAGE_TYPES for r in media)
    assert {r["Content-Type"] for r in media} == set(IMAGE_TYPES)  # WebP, and JPEG fallbacks
