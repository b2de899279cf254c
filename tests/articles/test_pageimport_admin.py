"""导入版面文本 in the admin: paste or upload, preview, fix the split, confirm."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Byline, PageImport, Status, Transition
from demo.seed import SEED_PATH
from tests.articles.factories import ArticleFactory, PlacementFactory
from tests.paper.factories import IssueFactory, PageFactory, SectionFactory

pytestmark = pytest.mark.django_db

SEED = SEED_PATH.read_text(encoding="utf-8")
SHORT = (
    "我市新增3所公办幼儿园\n\n本报讯（记者 陈静）11月1日，3所公办幼儿园开园。\n\n"
    "小标题一行\n\n据介绍，幼儿园按省级示范园标准建设。\n"
)


@pytest.fixture
def page():
    SectionFactory(slug="gaoxin", name="高新区")
    SectionFactory(slug="photos", name="图片新闻")
    return PageFactory(issue=IssueFactory(unreleased=True), number=5, name="高新区新闻")


def url(page):
    return reverse("admin:articles_pageimport_page", args=[page.pk])


def state_of(response) -> str:
    return re.search(r'name="state" value="([^"]+)"', response.content.decode()).group(1)


def read(client, page, **data):
    return client.post(url(page), {"read": "1", **data})


def test_reporters_and_photographers_cannot_open_the_screen(client, page, reporter, photographer):
    for user in (reporter, photographer):
        client.force_login(user)
        assert client.get(url(page)).status_code == 403
        assert read(client, page, text=SHORT).status_code == 403
    assert not Article.objects.exists()


def test_the_plan_screen_links_each_page_to_the_import(client, page, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:paper_issue_plan", args=[page.issue_id]))
    assert url(page) in response.content.decode()
    assert "导入版面文本" in client.get(url(page)).content.decode()


def test_pasted_seed_is_previewed_with_every_field_and_note(client, page, editor):
    client.force_login(editor)
    response = read(client, page, text=SEED)
    html = response.content.decode()
    assert response.status_code == 200
    assert "读出 <strong>10</strong> 条稿件" in html
    assert 'value="加快形成创新高地 构建创新体系"' in html
    assert 'value="——高新区以科技创新驱动高质量发展综述"' in html
    assert "积极培育创新创造生力军" in html and "小标题" in html
    assert "郑喜艳 摄" in html
    assert "请核对：「时，市中开 该公司党支」中间有空格" in html
    assert "已修补：接上被版面切断的行" in html
    assert "新作者，确认时建档" in html
    assert 'name="item-7-column" id="item-7-column" value="学习贯彻党的十九届六中全会精神"' in html
    assert not Article.objects.exists()


def test_an_uploaded_gb18030_file_says_its_encoding(client, page, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("5.txt", SEED.encode("gb18030"), content_type="text/plain")
    html = read(client, page, file=upload).content.decode()
    assert "文字编码：<strong>GBK</strong>" in html or "文字编码：<strong>GB18030</strong>" in html
    assert "读出 <strong>10</strong> 条稿件" in html


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "空的"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG 图片"),
        (b"\x80\x81\xff" * 10, "无法识别文字编码"),
        ("一个版面".encode() * 100_000, "文件太大"),
    ],
)
def test_bad_uploads_get_a_chinese_message_and_create_nothing(
    client, page, editor, content, message
):
    client.force_login(editor)
    response = read(client, page, file=SimpleUploadedFile("x.txt", content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists() and not PageImport.objects.exists()


def test_empty_paste_is_refused(client, page, editor):
    client.force_login(editor)
    assert "文本是空的" in read(client, page, text="  \n ").content.decode()


def test_the_editor_fixes_the_split_then_confirms(client, page, editor):
    client.force_login(editor)
    response = read(client, page, text=SHORT)
    assert "读出 <strong>1</strong> 条稿件" in response.content.decode()
    # the intertitle was a second story: split there, its headline comes from the intertitle
    response = client.post(url(page), {"state": state_of(response), "op": "split:0:1"})
    html = response.content.decode()
    assert "读出 <strong>2</strong> 条稿件" in html
    assert 'value="小标题一行"' in html
    # turn a paragraph into a heading and back; change a credit's role; add a credit
    response = client.post(url(page), {"state": state_of(response), "op": "toggle:1:0"})
    assert "改为段落" in response.content.decode()
    response = client.post(url(page), {"state": state_of(response), "op": "toggle:1:0"})
    response = client.post(
        url(page),
        {
            "state": state_of(response),
            "item-0-headline": "我市新增3所公办幼儿园",
            "item-0-credit-0-name": "陈静",
            "item-0-credit-0-role": "correspondent",
            "item-1-credit-0-name": "吴敏",
            "item-1-credit-0-role": "writer",
            "op": "refresh",
        },
    )
    assert response.status_code == 200
    response = client.post(url(page), {"state": state_of(response), "op": "confirm"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:paper_issue_plan", args=[page.issue_id])
    first, second = (p.article for p in page.placements.order_by("position"))
    assert (first.headline, second.headline) == ("我市新增3所公办幼儿园", "小标题一行")
    assert {first.status, second.status} == {Status.DRAFT}
    assert list(first.bylines.values_list("reporter__name", "role")) == [
        ("陈静", Byline.Role.CORRESPONDENT)
    ]
    assert list(second.bylines.values_list("reporter__name", "role")) == [
        ("吴敏", Byline.Role.WRITER)
    ]
    assert Transition.objects.filter(
        article=first, action=Transition.Action.IMPORT, by=editor
    ).exists()

    # the same text again: refused at once
    html = read(client, page, text=SHORT).content.decode()
    assert "不能重复导入" in html
    assert Article.objects.count() == 2


def test_merge_and_remove(client, page, editor):
    client.force_login(editor)
    response = read(client, page, text=SEED)
    response = client.post(url(page), {"state": state_of(response), "op": "merge:0"})
    assert "读出 <strong>9</strong> 条稿件" in response.content.decode()
    response = client.post(url(page), {"state": state_of(response), "op": "remove:8"})
    html = response.content.decode()
    assert "读出 <strong>8</strong> 条稿件" in html and "发放开业补贴" not in html


def test_a_refused_confirm_keeps_the_editors_work(client, page, editor):
    kept = ArticleFactory(issue=page.issue, status=Status.APPROVED, headline="已通过的稿件")
    PlacementFactory(page=page, article=kept)
    client.force_login(editor)
    response = read(client, page, text=SHORT)
    assert "已通过的稿件" in response.content.decode()
    response = client.post(
        url(page),
        {"state": state_of(response), "item-0-headline": "改过的主题", "op": "confirm"},
    )
    html = response.content.decode()
    assert "已有 1 条稿件" in html and 'value="改过的主题"' in html
    assert Article.objects.count() == 1
    response = client.post(
        url(page), {"state": state_of(response), "mode": "add", "op": "confirm"}
    )
    assert response.status_code == 302
    assert list(
        page.placements.order_by("position").values_list("article__headline", flat=True)
    ) == ["已通过的稿件", "改过的主题"]


def test_a_tampered_state_is_refused(client, page, editor):
    client.force_login(editor)
    response = read(client, page, text=SHORT)
    state = state_of(response)
    bad = state[:-3] + ("AAA" if not state.endswith("AAA") else "BBB")
    html = client.post(url(page), {"state": bad, "op": "confirm"}).content.decode()
    assert "预览已失效" in html
    assert client.post(url(page), {"state": state, "op": "split:x:y"}).status_code == 200
    assert not Article.objects.exists()


def test_a_paste_of_megabytes_gets_a_chinese_message(client, page, editor, settings):
    client.force_login(editor)
    html = read(client, page, text="版面文字。" * 80_000).content.decode()
    assert "文本太大" in html
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    html = read(client, page, text="版面文字。" * 5_000).content.decode()
    assert "粘贴的文本太大" in html
    assert not Article.objects.exists()
