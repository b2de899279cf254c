"""The page's e-paper screen: upload, suggestions accepted, hotspots fixed by hand."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Hotspot
from tests.articles.factories import ArticleFactory, PlacementFactory
from tests.paper.factories import PageFactory
from tests.paper.pdfs import printed_pdf, story

pytestmark = pytest.mark.django_db(transaction=True)

STORIES = [
    ("高新区召开全市领导干部大会", "会议要求各单位认真学习贯彻全会精神。"),
    ("科技企业孵化器新添十家入驻企业", "孵化器本月新入驻科技型企业十家。"),
]


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def page():
    page = PageFactory(issue__unreleased=True, number=5)
    for position, (headline, text) in enumerate(STORIES):
        article = ArticleFactory(headline=headline, body=f"<p>{text}</p>", issue=page.issue)
        PlacementFactory(page=page, article=article, position=position)
    PlacementFactory(
        page=page,
        article=ArticleFactory(headline="没有印出来的稿件", issue=page.issue),
        position=2,
    )
    return page


def url(page):
    return reverse("admin:paper_page_epaper", args=[page.pk])


def upload(client, page, data, name="p5.pdf", **extra):
    return client.post(
        url(page),
        {"action": "upload", "file": SimpleUploadedFile(name, data), **extra},
        follow=True,
    )


def test_an_editor_attaches_the_pdf_accepts_suggestions_and_fixes_one(client, editor, page):
    client.force_login(editor)
    plan = client.get(reverse("admin:paper_issue_plan", args=[page.issue.pk])).content.decode()
    assert f'href="{url(page)}">电子报：上传版面</a>' in plan
    response = upload(client, page, printed_pdf(*(story(h, t) for h, t in STORIES)))
    html = response.content.decode()
    assert "已附上版面 PDF（共 1 页）" in html
    assert reverse("admin:paper_page_epaper_image", args=[page.pk, "reading.jpg"]) in html
    image = client.get(reverse("admin:paper_page_epaper_image", args=[page.pk, "reading.jpg"]))
    assert image.status_code == 200 and "no-store" in image["Cache-Control"]

    html = client.get(url(page) + "?suggest=1").content.decode()
    assert "《没有印出来的稿件》：未找到" in html
    values = html.split('name="accept" value="')[1:]
    assert len(values) == 2
    accepted = [v.split('"')[0] for v in values]
    response = client.post(url(page), {"action": "accept", "accept": accepted}, follow=True)
    assert "已采纳 2 个建议热区" in response.content.decode()
    assert Hotspot.objects.filter(placement__page=page).count() == 2

    # By hand: move the first region, delete the second, draw the third story's.
    third = page.placements.get(position=2)
    first = Hotspot.objects.get(placement__position=0)
    rows = {
        "action": "save",
        "rows": "5",
        "h0-placement": first.placement_id,
        "h0-x": "10",
        "h0-y": "20",
        "h0-w": "30",
        "h0-h": "15",
        "h1-placement": page.placements.get(position=1).pk,
        "h1-x": "50",
        "h1-y": "10",
        "h1-w": "30",
        "h1-h": "20",
        "h1-delete": "on",
        "h2-placement": third.pk,
        "h2-x": "60",
        "h2-y": "60",
        "h2-w": "30",
        "h2-h": "30",
    }
    response = client.post(url(page), rows, follow=True)
    assert "已保存 2 个热区" in response.content.decode()
    saved = [
        (h.placement_id, h.x, h.y, h.width, h.height)
        for h in Hotspot.objects.order_by("placement__position")
    ]
    assert saved == [(first.placement_id, 0.1, 0.2, 0.3, 0.15), (third.pk, 0.6, 0.6, 0.3, 0.3)]
    assert "本版每篇稿件都已有热区" not in response.content.decode()  # the second has none


def test_bad_input_gets_a_chinese_message_and_loses_nothing(client, editor, page):
    client.force_login(editor)
    response = upload(client, page, b"%PDF-1.4 broken")
    assert "无法读取这个 PDF" in response.content.decode()
    page.refresh_from_db()
    assert not page.print_file
    upload(client, page, printed_pdf(story(*STORIES[0])))
    placement = page.placements.get(position=0)
    client.post(
        url(page),
        {
            "action": "save",
            "rows": "1",
            "h0-placement": placement.pk,
            "h0-x": "1",
            "h0-y": "1",
            "h0-w": "20",
            "h0-h": "20",
        },
    )
    response = client.post(
        url(page),
        {
            "action": "save",
            "rows": "1",
            "h0-placement": placement.pk,
            "h0-x": "十",
            "h0-y": "1",
            "h0-w": "20",
            "h0-h": "20",
        },
        follow=True,
    )
    assert "第 1 行：位置和大小须是 0 到 100 之间的数字" in response.content.decode()
    assert Hotspot.objects.get().x == 0.01


def test_only_the_desk_may_change_it(client, reporter, chief, editor, page):
    client.force_login(reporter)
    assert client.get(url(page)).status_code in (302, 403, 404)
    page.issue.released_at = page.issue.publish_at
    page.issue.save()
    client.force_login(editor)
    html = client.get(url(page)).content.decode()
    assert "只有总编可以修改电子报" in html and 'value="upload"' not in html
    assert client.post(url(page), {"action": "remove"}).status_code == 403
    client.force_login(chief)
    assert 'value="upload"' in client.get(url(page)).content.decode()
