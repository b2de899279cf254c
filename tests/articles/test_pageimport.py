"""Confirming a page import, and the importpage command: drafts on the page in
print order, in one transaction, never twice for the same text."""

import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from articles.body import blocks
from articles.models import Article, Byline, Kind, PageImport, Status, Transition
from articles.pageimport import read_page
from articles.services import page_import_confirm
from demo.seed import SEED_PATH
from people.models import Reporter
from tests.articles.factories import ArticleFactory, PlacementFactory
from tests.paper.factories import IssueFactory, PageFactory, SectionFactory
from tests.people.factories import ReporterFactory

pytestmark = pytest.mark.django_db

SEED = SEED_PATH.read_text(encoding="utf-8")
SHORT = "我市新增3所公办幼儿园\n\n本报讯（记者 陈静 通讯员 吴敏）11月1日，3所公办幼儿园开园。\n"


@pytest.fixture
def page():
    return PageFactory(issue=IssueFactory(unreleased=True), number=5, name="高新区新闻")


@pytest.fixture
def sections():
    return SectionFactory(slug="gaoxin", name="高新区"), SectionFactory(
        slug="photos", name="图片新闻"
    )


def confirm(page, text, by, sections, **kwargs):
    story, photo = sections
    return page_import_confirm(
        page=page,
        text=text,
        items=read_page(text),
        by=by,
        section=story,
        photo_section=photo,
        **kwargs,
    )


def test_the_seed_page_becomes_drafts_on_the_page_in_print_order(page, editor, sections):
    ReporterFactory(name="高轶鹏")
    articles = confirm(page, SEED, editor, sections, encoding="UTF-8")
    assert len(articles) == 10
    placed = list(
        page.placements.order_by("position").values_list("article__headline", "position")
    )
    assert [h for h, _p in placed] == [a.headline for a in articles]
    assert [p for _h, p in placed] == list(range(10))
    assert set(Article.objects.values_list("status", flat=True)) == {Status.DRAFT}
    assert {a.issue_id for a in articles} == {page.issue_id}

    feature = articles[0]
    assert feature.kicker == "加快形成创新高地 构建创新体系"
    assert feature.subheadline == "——高新区以科技创新驱动高质量发展综述"
    assert next(t for tag, t in blocks(feature.body) if tag == "h2") == "积极培育创新创造生力军"
    assert feature.section.slug == "gaoxin"
    photo = articles[3]
    assert photo.kind == Kind.PHOTO and photo.section.slug == "photos"
    assert blocks(photo.body)[0][1].startswith("11月24日中午")
    assert list(photo.bylines.values_list("reporter__name", "role")) == [
        ("郑喜艳", Byline.Role.PHOTOGRAPHER)
    ]
    story = articles[6]
    assert story.dateline == "本报讯"
    assert list(story.bylines.values_list("reporter__name", "role", "position")) == [
        ("高轶鹏", Byline.Role.REPORTER, 0),
        ("郑喜艳", Byline.Role.CORRESPONDENT, 1),
    ]
    # matched, not duplicated: one 高轶鹏, one 郑喜艳 in two roles
    assert (
        Byline.objects.filter(reporter__name="高轶鹏").values("reporter").distinct().count() == 1
    )
    assert Reporter.objects.filter(name="郑喜艳").count() == 1
    assert Reporter.objects.get(name="张晓旭").kind == Reporter.Kind.CORRESPONDENT

    # the column banner over the 六中全会 story becomes its tag
    assert list(articles[7].tags.names()) == ["学习贯彻党的十九届六中全会精神"]
    assert not articles[6].tags.exists()

    log = Transition.objects.get(article=story)
    assert log.action == Transition.Action.IMPORT and log.by == editor
    assert log.note == f"来自版面导入，由 {editor.username} 确认。"
    record = PageImport.objects.get()
    assert (record.page, record.items, record.encoding, record.by) == (page, 10, "UTF-8", editor)


def test_the_same_text_is_never_imported_twice(page, editor, sections):
    confirm(page, SHORT, editor, sections)
    other = PageFactory(issue=page.issue, number=6)
    respaced = SHORT.replace("\n\n", "\n\n\n").replace("我市", "　我市")
    with pytest.raises(ValidationError, match="不能重复导入"):
        confirm(other, respaced, editor, sections)
    assert Article.objects.count() == 1


def test_a_page_with_items_needs_add_or_replace(page, editor, sections, chief):
    kept = ArticleFactory(issue=page.issue, status=Status.APPROVED, headline="已通过的稿件")
    draft = ArticleFactory(issue=page.issue, headline="旧草稿", created_by=editor)
    PlacementFactory(page=page, article=kept, position=0)
    PlacementFactory(page=page, article=draft, position=1)
    with pytest.raises(ValidationError, match="已有 2 条稿件"):
        confirm(page, SHORT, editor, sections)
    assert Article.objects.count() == 2

    confirm(page, SHORT, editor, sections, mode="replace")
    assert list(
        page.placements.order_by("position").values_list("article__headline", flat=True)
    ) == [
        "已通过的稿件",
        "我市新增3所公办幼儿园",
    ]
    draft.refresh_from_db()
    assert draft.issue is None  # taken off the page, not deleted

    confirm(page, SHORT.replace("3所", "4所"), editor, sections, mode="add")
    assert page.placements.count() == 3


def test_reporters_and_photographers_may_not_import(page, reporter, photographer, sections):
    for user in (reporter, photographer):
        with pytest.raises(PermissionDenied, match="只有编辑和总编"):
            confirm(page, SHORT, user, sections)
    assert not Article.objects.exists()


def test_chief_editor_imports_too(page, chief, sections):
    assert len(confirm(page, SHORT, chief, sections)) == 1


def test_nothing_is_created_unless_every_item_is_good(page, editor, sections):
    items = read_page(SEED)
    items[5].headline = ""
    with pytest.raises(ValidationError, match="第 6 条没有主题"):
        page_import_confirm(page=page, text=SEED, items=items, by=editor, section=sections[0])
    assert not Article.objects.exists()
    assert not PageImport.objects.exists()
    assert not page.placements.exists()


def test_a_failure_halfway_rolls_everything_back(page, editor, sections):
    items = read_page(SEED)
    items[7].headline = "长" * 200  # longer than the field: refused when its turn comes
    with pytest.raises(ValidationError):
        page_import_confirm(page=page, text=SEED, items=items, by=editor, section=sections[0])
    assert not Article.objects.exists() and not Byline.objects.exists()


# --- the command --------------------------------------------------------------


def test_importpage_dry_run_json_has_the_shape_and_writes_nothing(tmp_path, page):
    path = tmp_path / "5.txt"
    path.write_bytes(SEED.encode("gb18030"))
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "importpage",
        str(path),
        "--date",
        str(page.issue.date),
        "--page",
        "5",
        "--dry-run",
        "--json",
        stdout=out,
        stderr=err,
    )
    data = json.loads(out.getvalue())
    assert list(data) == ["items"]
    assert len(data["items"]) == 10
    first = data["items"][0]
    assert set(first) == {
        "kicker",
        "headline",
        "subheadline",
        "dateline",
        "credits",
        "blocks",
        "photos",
        "mended",
        "unsure",
    }
    assert first["credits"] == [{"name": "高轶鹏", "role": "reporter"}]
    assert first["blocks"][0][0] == "p" and ["h2", "积极培育创新创造生力军"] in first["blocks"]
    assert data["items"][3]["photos"] == [
        {
            "caption": data["items"][3]["photos"][0]["caption"],
            "credits": [{"name": "郑喜艳", "role": "photographer"}],
        }
    ]
    assert data["items"][3]["blocks"] == []
    assert not Article.objects.exists()


def test_importpage_confirms_onto_a_page_it_creates(tmp_path, editor, sections):
    issue = IssueFactory(unreleased=True)
    path = tmp_path / "5.txt"
    path.write_text(SEED, encoding="utf-8")
    err = io.StringIO()
    call_command(
        "importpage",
        str(path),
        "--date",
        str(issue.date),
        "--page",
        "7",
        "--name",
        "高新区新闻",
        "--user",
        editor.username,
        stdout=io.StringIO(),
        stderr=err,
    )
    page = issue.pages.get(number=7)
    assert page.name == "高新区新闻" and page.placements.count() == 10
    assert "UTF-8" in err.getvalue() and "10 条" in err.getvalue()
    with pytest.raises(CommandError, match="不能重复导入"):
        call_command(
            "importpage",
            str(path),
            "--date",
            str(issue.date),
            "--page",
            "7",
            "--user",
            editor.username,
            "--mode",
            "add",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "空的"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"\x80\x81\xff" * 5, "无法识别文字编码"),
    ],
)
def test_importpage_refuses_bad_files_in_chinese(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command(
            "importpage",
            str(path),
            "--date",
            "2021-11-25",
            "--page",
            "5",
            "--dry-run",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )


def test_importpage_needs_the_issue_and_a_user(tmp_path, editor):
    path = tmp_path / "5.txt"
    path.write_text(SHORT, encoding="utf-8")
    with pytest.raises(CommandError, match="--user"):
        call_command(
            "importpage",
            str(path),
            "--date",
            "2021-11-25",
            "--page",
            "5",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    with pytest.raises(CommandError, match="没有 2021-11-25 的期次"):
        call_command(
            "importpage",
            str(path),
            "--date",
            "2021-11-25",
            "--page",
            "5",
            "--user",
            editor.username,
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )


def test_a_released_issue_is_the_chief_editors(editor, chief, sections):
    page = PageFactory(issue=IssueFactory(), number=5)
    with pytest.raises(PermissionDenied, match="只有总编"):
        confirm(page, SHORT, editor, sections)
    assert len(confirm(page, SHORT, chief, sections)) == 1
