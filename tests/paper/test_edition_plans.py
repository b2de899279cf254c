"""Edition plans (版面计划): the pages a new issue gets on each weekday."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from paper.models import EditionPlan, Issue, PlannedPage, Weekday
from paper.services import issue_create_next, next_issue_outline
from tests.paper.factories import IssueFactory, PageFactory
from tests.support.roles import PASSWORD

pytestmark = pytest.mark.django_db

USUAL = ["要闻", "综合新闻", "经济", "社会", "高新区新闻", "图片新闻"]


def next_weekday(weekday: int) -> datetime.date:
    day = timezone.localdate() + datetime.timedelta(days=1)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def logged_in(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_every_weekday_starts_with_the_usual_pages():
    assert list(EditionPlan.objects.values_list("weekday", flat=True)) == list(range(7))
    for plan in EditionPlan.objects.all():
        assert [p.name for p in plan.pages.order_by("number")] == USUAL
        assert [p.number for p in plan.pages.order_by("number")] == [1, 2, 3, 4, 5, 6]


def test_a_new_issue_gets_its_weekdays_pages_editors_and_budgets(editor, chief):
    sunday = EditionPlan.objects.get(weekday=Weekday.SUNDAY)
    sunday.pages.exclude(number__in=[1, 6]).delete()
    sunday.pages.filter(number=1).update(name="要闻·周末", editor=editor, word_budget=5200)
    PlannedPage.objects.create(plan=sunday, number=8, name="副刊", word_budget=7000)
    today = timezone.localdate()
    IssueFactory(
        date=today,
        number=4242,
        publish_at=timezone.make_aware(datetime.datetime.combine(today, datetime.time(5, 30))),
    )

    issue = issue_create_next(by=editor, date=next_weekday(Weekday.SUNDAY))
    assert issue.number == 4243
    assert timezone.localtime(issue.publish_at).time() == datetime.time(5, 30)
    assert issue.released_at is None
    pages = [(p.number, p.name, p.editor, p.word_budget) for p in issue.pages.order_by("number")]
    assert pages == [
        (1, "要闻·周末", editor, 5200),
        (6, "图片新闻", None, None),
        (8, "副刊", None, 7000),
    ]
    # Monday's plan was not touched.
    monday = issue_create_next(by=chief, date=next_weekday(Weekday.MONDAY))
    assert [p.name for p in monday.pages.order_by("number")] == USUAL


def test_the_preview_is_exactly_what_is_created(editor):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    plan = EditionPlan.objects.get(weekday=tomorrow.weekday())
    plan.pages.filter(number=3).update(name="财经", word_budget=6000, editor=editor)
    client = logged_in(editor)
    html = client.get(reverse("admin:paper_issue_next")).content.decode()
    outline = next_issue_outline()
    assert len(outline.pages) == 6
    assert "建 6 个版面" in html
    for page in outline.pages:
        assert f"<td>第{page.number}版</td><td>{page.name}</td>" in html
    assert "6000" in html and str(Weekday(tomorrow.weekday()).label) in html
    assert "<td>editor</td>" in html  # the editor in charge, by name
    assert Issue.objects.count() == 0  # the preview creates nothing

    client.post(reverse("admin:paper_issue_next"))
    issue = Issue.objects.get()
    created = [(p.number, p.name, p.editor_id, p.word_budget) for p in issue.pages.all()]
    assert created == [(p.number, p.name, p.editor_id, p.word_budget) for p in outline.pages]
    assert issue.number == outline.issue.number and issue.publish_at == outline.issue.publish_at


def test_a_weekday_without_pages_is_refused_with_a_message(editor):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    EditionPlan.objects.get(weekday=tomorrow.weekday()).pages.all().delete()
    weekday = str(Weekday(tomorrow.weekday()).label)
    with pytest.raises(ValidationError, match=f"版面计划里{weekday}没有版面"):
        issue_create_next(by=editor)
    client = logged_in(editor)
    html = client.get(reverse("admin:paper_issue_next")).content.decode()
    assert f"版面计划里{weekday}没有版面" in html and 'value="创建明日期次"' not in html
    response = client.post(reverse("admin:paper_issue_next"), follow=True)
    assert f"版面计划里{weekday}没有版面" in response.content.decode()
    assert not Issue.objects.exists()


def test_an_existing_date_is_refused(editor):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    IssueFactory(date=tomorrow)
    with pytest.raises(ValidationError, match="已经存在"):
        next_issue_outline()


def test_editors_edit_the_plans_reporters_do_not(editor, reporter):
    plan = EditionPlan.objects.get(weekday=Weekday.SATURDAY)
    url = reverse("admin:paper_editionplan_change", args=[plan.pk])
    assert logged_in(reporter).get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        issue_create_next(by=reporter)
    client = logged_in(editor)
    listing = client.get(reverse("admin:paper_editionplan_changelist")).content.decode()
    assert "高新区新闻" in listing
    # seven weekdays, seven plans: nothing to add
    assert client.get(reverse("admin:paper_editionplan_add")).status_code == 403
    pages = list(plan.pages.order_by("number"))
    data = {
        "pages-TOTAL_FORMS": str(len(pages)),
        "pages-INITIAL_FORMS": str(len(pages)),
        "pages-MIN_NUM_FORMS": "0",
        "pages-MAX_NUM_FORMS": "1000",
    }
    for i, page in enumerate(pages):
        data |= {
            f"pages-{i}-id": str(page.pk),
            f"pages-{i}-plan": str(plan.pk),
            f"pages-{i}-number": str(page.number),
            f"pages-{i}-name": page.name,
            f"pages-{i}-word_budget": "4800" if page.number == 2 else "",
        }
    data["pages-5-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert plan.pages.count() == 5
    assert plan.pages.get(number=2).word_budget == 4800


def test_page_numbers_are_unique_within_a_plan():
    plan = EditionPlan.objects.get(weekday=Weekday.MONDAY)
    with pytest.raises(IntegrityError):
        PlannedPage.objects.create(plan=plan, number=1, name="重复")


def test_pages_keep_a_budget_of_their_own(editor):
    page = PageFactory(word_budget=3000)
    page.refresh_from_db()
    assert page.word_budget == 3000
