"""The demo edition: the seed page, mended, loaded once however often it runs."""

import io
import os

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles.models import Article
from articles.pageimport import read_page
from demo.seed import SeedError, apply_edits, parse_seed, seed_text
from paper.models import Issue, PlannedPage
from people import roles
from people.models import Reporter

CAPTION_START = "11月22日上午9时，市中开"


def blocks_of(seed):
    """What readers read: a story's body, or a photo-news item's caption."""
    if seed.read.is_photo_news:
        return [("p", line) for line in seed.read.photos[0].caption.split("\n")]
    return seed.read.blocks


def credits_of(seed):
    people = [*seed.read.credits, *(c for p in seed.read.photos for c in p.credits)]
    return [(c.role, c.name) for c in people]


def test_seed_page_items_with_layout_faults_mended():
    items = {seed.item.headline: seed for seed in parse_seed()}
    assert len(items) == 10
    assert sum(seed.read.is_photo_news for seed in items.values()) == 4
    everything = "\n".join(text for seed in items.values() for _tag, text in blocks_of(seed))

    for mended in (
        "提质增效工程",
        "被中国科学院电工研究所授予",
        "战略科技人才",
        "上海及周边地区优势产业",
        "全员招商的工作思路",
        "解决在基层，把矛盾化解在萌芽状态",
        "11月6日、7日两天",
        "在周边买不到所需的大棚竹竿",
    ):
        assert mended in everything
    # the caption printed twice appears once, under its own photo
    assert everything.count(CAPTION_START) == 1
    assert CAPTION_START not in str(items["高新区认真学习贯彻党的十九届六中全会精神"].read.blocks)
    # the words the layout lost, restored by the editor's fix (demo.edition.EDITS)
    assert "市中开 该公司" not in everything
    assert "市中开公司组织管理骨干学习全会精神。该公司" in everything

    feature = items["做强创新主业 做好创新生态"]
    assert [t for tag, t in feature.read.blocks if tag == "h2"] == [
        "积极培育创新创造生力军",
        "大力建设研发平台创新载体",
        "对人才格外“高看一眼”",
    ]
    assert credits_of(feature) == [("reporter", "高轶鹏")]
    assert feature.read.dateline == ""
    assert credits_of(items["冬季健步走"]) == [("photographer", "郑喜艳")]
    assert credits_of(items["2000多根竹竿解菜农之急"]) == [
        ("reporter", "高轶鹏"),
        ("correspondent", "郑喜艳"),
    ]


def test_the_demo_data_must_match_what_the_importer_reads():
    text, _encoding = seed_text()
    with pytest.raises(SeedError, match="the importer read"):
        parse_seed(text.replace("发放开业补贴", "发放创业补贴"))
    items = read_page(text)
    with pytest.raises(SeedError, match="edit not applicable"):
        apply_edits(items, (("发放开业补贴", "没有印过的字", "x"),))


def snapshot():
    """Every row the demo touches, and every file it wrote."""
    out = io.StringIO()
    call_command(
        "dumpdata",
        "people",
        "paper",
        "articles",
        "media_library",
        "taggit",
        "auth.user",
        "auth.group",
        "reversion",  # the versions kept: a second run adds none
        stdout=out,
    )
    files = sorted(
        os.path.relpath(os.path.join(root, name), settings.MEDIA_ROOT)
        for root, _dirs, names in os.walk(settings.MEDIA_ROOT)
        for name in names
    )
    return out.getvalue(), files


@pytest.mark.slow  # runs loaddemo itself, seconds each
@pytest.mark.django_db
def test_loaddemo_twice_changes_nothing(settings):
    settings.DEMO_MODE = True
    call_command("loaddemo", stdout=io.StringIO())
    first = snapshot()
    out = io.StringIO()
    call_command("loaddemo", stdout=out)
    assert snapshot() == first
    assert "已是最新" in out.getvalue()


@pytest.mark.slow  # runs loaddemo itself, seconds each
@pytest.mark.django_db
def test_demo_accounts_one_per_role_with_printed_logins(settings):
    settings.DEMO_MODE = True
    out = io.StringIO()
    call_command("loaddemo", stdout=out)
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    for username, group in [
        ("zongbian", roles.CHIEF_EDITOR),
        ("bianji", roles.EDITOR),
        ("gaoyipeng", roles.REPORTER),
        ("zhangzhencheng", roles.PHOTOGRAPHER),
    ]:
        user = User.objects.get(username=username)
        assert user.is_staff and list(user.groups.values_list("name", flat=True)) == [group]
        assert user.check_password(f"{username}-demo-2021")
        assert f"{username}-demo-2021" in out.getvalue()
    assert Reporter.objects.get(name="高轶鹏").user.username == "gaoyipeng"
    assert Issue.objects.get().pages.get().editor.username == "bianji"
    # and of page 5 in every weekday's plan, so tomorrow's issue names them too
    planned = PlannedPage.objects.filter(number=5)
    assert planned.count() == 7 and {p.editor.username for p in planned} == {"bianji"}


@pytest.mark.slow  # runs loaddemo itself, seconds each
@pytest.mark.django_db
def test_demo_accounts_are_refused_outside_demo_mode_and_debug(settings):
    settings.DEBUG = False
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="--no-accounts"):
        call_command("loaddemo", stdout=io.StringIO())
    assert not get_user_model().objects.exists()
    assert not Article.objects.exists()

    call_command("loaddemo", "--no-accounts", stdout=io.StringIO())
    assert Article.objects.count() == 10
    assert not get_user_model().objects.exists()


@pytest.mark.slow  # runs loaddemo itself, seconds each
@pytest.mark.django_db
def test_the_demo_page_names_its_editor_as_a_person(settings, client):
    settings.DEMO_MODE = True
    call_command("loaddemo", stdout=io.StringIO())
    page = Issue.objects.get().pages.get()
    text = client.get(page.get_absolute_url()).content.decode()
    assert "责任编辑：陈静" in text


@pytest.mark.slow  # runs loaddemo itself, seconds each
@pytest.mark.django_db
def test_loaddemo_renames_an_account_an_older_demo_named_by_its_role(settings):
    settings.DEMO_MODE = True
    get_user_model().objects.create_user("bianji", first_name="编辑", is_staff=True)
    call_command("loaddemo", stdout=io.StringIO())
    assert get_user_model().objects.get(username="bianji").first_name == "陈静"
