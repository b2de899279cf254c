"""Hotspots: suggested from the page PDF's text layer (never invented), drawn by the desk."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from articles.hotspots import suggest
from articles.models import Article, Hotspot, Status
from articles.services import article_move, article_unplace, hotspots_add, hotspots_set
from paper.services import page_file_attach
from tests.articles.factories import ArticleFactory, PlacementFactory
from tests.paper.factories import PageFactory
from tests.paper.pdfs import picture_pdf, printed_pdf, story
from tests.support.images import image_bytes

pytestmark = pytest.mark.django_db

FIRST = "第一段写的是高新区召开全市领导干部大会的经过和要求。"
LAST = "最后一段说明下一步将继续抓好落实推动高质量发展。"


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def body(*paragraphs):
    return "".join(f"<p>{p}</p>" for p in paragraphs)


@pytest.fixture
def page():
    """A page with four stories placed: three printed on its PDF, one not."""
    page = PageFactory(issue__unreleased=True, number=5)
    stories = [
        ("高新区召开全市领导干部大会", "学习贯彻全会精神", [FIRST, "中间一段。" * 8, LAST]),
        (
            "科技企业孵化器新添十家入驻企业",
            "",
            ["本报讯 孵化器本月新入驻企业十家。", "都是科技型企业。"],
        ),
        ("渣土运输车辆夜查整治行动", "区城管执法局和公安部门", ["连续两晚开展夜查。"]),
        ("这篇稿件没有印在版面上", "", ["它的正文也不在。"]),
    ]
    for position, (headline, kicker, paragraphs) in enumerate(stories):
        article = ArticleFactory(
            headline=headline, kicker=kicker, body=body(*paragraphs), issue=page.issue
        )
        PlacementFactory(page=page, article=article, position=position)
    return page


def printed(*indexes):
    stories = [
        story(
            "高新区召开全市领导干部大会", FIRST, "中间一段。" * 8, LAST, kicker="学习贯彻全会精神"
        ),
        story(
            "科技企业孵化器新添十家入驻企业",
            "本报讯 孵化器本月新入驻企业十家。",
            "都是科技型企业。",
        ),
        story("区城管执法局和公安部门", "渣土运输车辆夜查整治行动".replace("行动", "") + "行动"),
        # Not a story of this page: its words must not make anyone's hotspot.
        story("另一版的稿件标题", "连续两晚开展夜查。"),
    ]
    return printed_pdf(*(stories[i] for i in indexes))


def test_every_story_whose_headline_is_printed_is_found_and_none_is_invented(page, editor):
    page_file_attach(page=page, data=printed(0, 1, 2, 3), name="p5.pdf", by=editor)
    found = {s.placement.article.headline: s for s in suggest(page)}
    assert found["这篇稿件没有印在版面上"].box is None
    for headline in ["高新区召开全市领导干部大会", "科技企业孵化器新添十家入驻企业"]:
        assert found[headline].box is not None, headline
    # Printed as a one-line heading 区城管执法局和公安部门 / 渣土…行动: found by its headline.
    assert found["渣土运输车辆夜查整治行动"].box is not None
    meeting = found["高新区召开全市领导干部大会"]
    assert meeting.matched == ["标题", "引题", "正文开头", "正文结尾"]
    x, y, w, h = meeting.box
    assert 0 <= x < 0.1 and 0.05 < y < 0.2 and 0.2 < w < 0.35 and h > 0.03
    # Three columns: the stories do not overlap.
    boxes = [s.box for s in found.values() if s.box]
    for a in boxes:
        for b in boxes:
            if a is not b:
                assert (
                    a[0] + a[2] <= b[0]
                    or b[0] + b[2] <= a[0]
                    or a[1] + a[3] <= b[1]
                    or b[1] + b[3] <= a[1]
                )


def test_the_command_attaches_suggests_and_says_what_it_could_not_find(page, tmp_path):
    pdf = tmp_path / "p5.pdf"
    pdf.write_bytes(printed(0, 1))
    out = io.StringIO()
    call_command("attachpage", str(page.issue.date), "5", str(pdf), "--suggest", stdout=out)
    text = out.getvalue()
    assert "✓ 《高新区召开全市领导干部大会》找到标题、引题、正文开头、正文结尾" in text
    assert "✗ 《这篇稿件没有印在版面上》未找到" in text
    assert "✗ 《渣土运输车辆夜查整治行动》未找到" in text
    assert "4 篇稿件：找到 2 篇，新加热区 2 个，未找到 2 篇" in text
    drawn = Hotspot.objects.filter(placement__page=page)
    assert sorted(h.placement.article.headline for h in drawn) == [
        "科技企业孵化器新添十家入驻企业",
        "高新区召开全市领导干部大会",
    ]
    # Run again: the stories already drawn keep their hotspots.
    out = io.StringIO()
    call_command("attachpage", str(page.issue.date), "5", str(pdf), "--suggest", stdout=out)
    assert "已有热区，未改动" in out.getvalue() and drawn.count() == 2


def test_the_command_refuses_in_chinese(page, tmp_path):
    bad = tmp_path / "p5.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(CommandError, match="无法读取这个 PDF"):
        call_command("attachpage", str(page.issue.date), "5", str(bad))
    with pytest.raises(CommandError, match="没有第9版"):
        call_command("attachpage", str(page.issue.date), "9", str(bad))
    with pytest.raises(CommandError, match="无法读取文件"):
        call_command("attachpage", str(page.issue.date), "5", str(tmp_path / "none.pdf"))


@pytest.mark.parametrize(
    "data, name", [(picture_pdf(), "p5.pdf"), (image_bytes(size=(1000, 1414)), "p5.jpg")]
)
def test_a_page_without_text_gets_no_suggestions_and_manual_hotspots_work(
    page, editor, data, name
):
    page_file_attach(page=page, data=data, name=name, by=editor)
    suggestions = suggest(page)
    assert len(suggestions) == 4 and all(s.box is None for s in suggestions)
    first, second = page.placements.order_by("position")[:2]
    hotspots_set(
        page=page,
        regions=[
            (first.pk, (0.1, 0.1, 0.3, 0.2)),
            (first.pk, (0.1, 0.3, 0.15, 0.2)),
            (second.pk, (0.5, 0.1, 0.6, 0.2)),
        ],
        by=editor,
    )
    regions = [(h.placement_id, h.position, h.x, h.width) for h in Hotspot.objects.order_by("pk")]
    # The third ran off the page's right edge: clipped to it.
    assert regions == [(first.pk, 0, 0.1, 0.3), (first.pk, 1, 0.1, 0.15), (second.pk, 0, 0.5, 0.5)]


def test_hotspots_are_checked(page, editor, reporter):
    placement = page.placements.first()
    other = PlacementFactory()
    for regions, message in [
        ([(other.pk, (0.1, 0.1, 0.2, 0.2))], "不在本版"),
        ([(placement.pk, (1.2, 0.1, 0.2, 0.2))], "太小或在版面之外"),
        ([(placement.pk, (0.1, 0.1, 0.001, 0.2))], "太小"),
        ([(placement.pk, ("x", 0.1, 0.2, 0.2))], "必须是数字"),
        ([(placement.pk, (float("nan"), 0.1, 0.2, 0.2))], "必须是数字"),
    ]:
        with pytest.raises(ValidationError, match=message):
            hotspots_set(page=page, regions=regions, by=editor)
    with pytest.raises(PermissionDenied):
        hotspots_add(page=page, regions=[(placement.pk, (0.1, 0.1, 0.2, 0.2))], by=reporter)
    assert not Hotspot.objects.exists()


def test_a_story_moved_or_taken_off_the_page_leaves_its_regions_behind(page, editor):
    first, second = page.placements.order_by("position")[:2]
    hotspots_set(
        page=page,
        regions=[(first.pk, (0.1, 0.1, 0.2, 0.2)), (second.pk, (0.5, 0.1, 0.2, 0.2))],
        by=editor,
    )
    other = PageFactory(issue=page.issue, number=6)
    Article.objects.filter(placements__page=page).update(status=Status.APPROVED)
    article_move(article=first.article, page=page, to_page=other, by=editor)
    assert list(Hotspot.objects.values_list("placement_id", flat=True)) == [second.pk]
    article_unplace(article=second.article, page=page, by=editor)
    assert not Hotspot.objects.exists()
