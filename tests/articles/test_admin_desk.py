"""The desk through the admin, as people use it: forms posted, pages read."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version
from taggit.models import TaggedItem

from articles import services
from articles.models import Article, Status, Transition
from articles.services.editing import related_versions
from people import roles
from tests.articles.factories import ArticleFactory, BylineFactory
from tests.media_library.factories import PhotoFactory
from tests.paper.factories import IssueFactory, PageFactory, SectionFactory
from tests.people.factories import ReporterFactory
from tests.support.forms import form_data
from tests.support.roles import make_user

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def post_form(client, url, changes, *, form_id="article_form", follow=False):
    data = form_data(client.get(url), form_id)
    data.update(changes)
    return client.post(url, data, follow=follow)


def byline_row(reporter, n=0, role="reporter"):
    return {
        f"bylines-{n}-reporter": str(reporter.pk),
        f"bylines-{n}-role": role,
        f"bylines-{n}-position": str(n),
    }


def file_story(reporter_user, **changes):
    """A reporter fills in the add form and saves."""
    section = SectionFactory()
    client = logged_in(reporter_user)
    fields = {
        "headline": "竹竿解菜农之急",
        "body": "<p>第一段。</p>",
        "section": str(section.pk),
        "bylines-TOTAL_FORMS": "1",
        **byline_row(reporter_user.reporter),
        **changes,
    }
    response = post_form(client, ADD, fields)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Article.objects.latest("pk"), client


# --- filing ---------------------------------------------------------------------


def test_a_reporter_files_and_submits_through_the_admin(reporter):
    article, client = file_story(reporter)
    assert article.created_by == reporter and article.version == 1
    assert article.bylines.get().reporter == reporter.reporter
    assert Version.objects.get_for_object(article).get().revision.user == reporter

    response = post_form(client, change_url(article), {"_submit_for_review": "1"}, follow=True)
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    assert "已保存并提交审核" in response.content.decode()
    # submitted: the reporter can read it, not change it
    page = client.get(change_url(article)).content.decode()
    assert "保存并提交审核" not in page and 'name="headline"' not in page


def test_the_form_is_chinese_and_loads_autosave_as_a_file(reporter):
    client = logged_in(reporter)
    page = client.get(ADD).content.decode()
    for label in ("主题", "正文", "栏目", "署名", "保存并提交审核", "保存"):
        assert label in page
    assert "data-django-prose-editor" in page
    assert 'src="/static/articles/admin/autosave.js"' in page


# --- no lost work: two sessions ---------------------------------------------------------


def test_a_stale_save_is_refused_names_who_and_when_and_keeps_the_text(editor):
    colleague = make_user(roles.EDITOR, "wangbianji")
    colleague.first_name = "王编辑"
    colleague.save()
    article = ArticleFactory(status=Status.SUBMITTED, headline="原标题", body="<p>原文。</p>")
    mine, theirs = logged_in(editor), logged_in(colleague)
    url = change_url(article)
    my_form = form_data(mine.get(url), "article_form")
    their_form = form_data(theirs.get(url), "article_form")

    their_form.update(headline="王编辑改的标题", body="<p>王编辑改的正文。</p>")
    assert theirs.post(url, their_form).status_code == 302

    my_form.update(headline="我改的标题", body="<p>我写了很久的一大段正文。</p>")
    response = mine.post(url, my_form)
    page = response.content.decode()
    assert response.status_code == 200
    assert "没有保存" in page and "王编辑" in page
    saved_at = timezone.localtime(Article.objects.get(pk=article.pk).updated_at)
    assert saved_at.strftime("%Y-%m-%d %H:%M:%S") in page
    # my text is shown back to me, intact
    assert "我改的标题" in page and "我写了很久的一大段正文。" in page
    # and nothing of theirs was overwritten
    article.refresh_from_db()
    assert article.headline == "王编辑改的标题"
    assert article.body == "<p>王编辑改的正文。</p>"
    assert article.version == 2
    # saving the same stale form again is still refused
    assert mine.post(url, my_form).status_code == 200
    assert Article.objects.get(pk=article.pk).headline == "王编辑改的标题"


def test_a_form_opened_before_a_state_change_is_refused_with_the_text_not_a_403(reporter):
    article, first_tab = file_story(reporter)
    second_tab = logged_in(reporter)
    url = change_url(article)
    stale = form_data(first_tab.get(url), "article_form")
    post_form(second_tab, url, {"_submit_for_review": "1"})
    assert Article.objects.get(pk=article.pk).status == Status.SUBMITTED

    stale["body"] = "<p>提交之后才写完的一段。</p>"
    response = first_tab.post(url, stale)
    assert response.status_code == 200
    assert "提交之后才写完的一段。" in response.content.decode()
    assert "没有保存" in response.content.decode()
    assert "提交之后才写完的一段" not in Article.objects.get(pk=article.pk).body


# --- hostile HTML -----------------------------------------------------------------------

HOSTILE = (
    "<p>正文<script>alert('x')</script></p>"
    '<p><img src="x" onerror="alert(1)">图</p>'
    '<p><a href="javascript:alert(2)">点我</a></p>'
    '<p onclick="alert(3)"><a href="https://example.org/" onmouseover="alert(4)">正常链接</a></p>'
    "<iframe src='https://evil.example/'></iframe><style>body{}</style>"
)


def assert_harmless(html):
    lowered = html.lower()
    for bad in ("<script>alert", "onerror", "javascript:", "onclick", "onmouseover", "<iframe"):
        assert bad not in lowered, bad


def test_hostile_html_posted_to_the_admin_never_reaches_a_page(reporter, chief, client):
    article, _client = file_story(reporter, body=HOSTILE)
    article.refresh_from_db()
    assert_harmless(article.body)
    assert '<a href="https://example.org/">正常链接</a>' in article.body
    Article.objects.filter(pk=article.pk).update(status=Status.APPROVED)
    services.article_publish(article=article, by=chief)

    public = client.get(article.get_absolute_url())
    assert public.status_code == 200 and "正常链接" in public.content.decode()
    assert_harmless(public.content.decode())
    preview = logged_in(chief).get(reverse("preview_article", args=[article.pk]))
    assert_harmless(preview.content.decode())
    # the desk reads the published body as it prints, not as markup, and safely
    desk_view = logged_in(make_user(roles.EDITOR, "desk")).get(change_url(article))
    assert '<a href="https://example.org/">正常链接</a>' in desk_view.content.decode()
    assert_harmless(desk_view.content.decode())


# --- revisions --------------------------------------------------------------------------


def versions_of(article):
    return sorted(Version.objects.get_for_object(article), key=lambda v: v.pk)


def compare_page(client, article, older, newer) -> str:
    url = reverse("admin:articles_article_compare", args=[article.pk])
    return client.get(url, {"a": older.pk, "b": newer.pk}).content.decode()


def test_versions_are_listed_compared_and_restored_as_a_new_version(reporter):
    correspondent = ReporterFactory(name="张晓旭")
    article, client = file_story(
        reporter, headline="第一稿", body="<p>开头。</p><p>旧的第二段。</p>"
    )
    url = change_url(article)
    post_form(
        client,
        url,
        {
            "headline": "第二稿",
            "body": "<p>开头。</p><p>新的第二段。</p>",
            "bylines-TOTAL_FORMS": "2",
            **byline_row(correspondent, 1, "correspondent"),
        },
    )
    article.refresh_from_db()
    assert article.headline == "第二稿" and article.bylines.count() == 2

    versions_url = reverse("admin:articles_article_versions", args=[article.pk])
    listing = client.get(versions_url).content.decode()
    assert listing.count("恢复此版本") == 1  # not for the current version
    assert "reporter" in listing  # who saved
    first, second = versions_of(article)
    compare = compare_page(client, article, first, second)
    assert "<del>第一稿</del>" in compare and "<ins>第二稿</ins>" in compare
    assert "<del>旧的第二段。</del>" in compare and "<ins>新的第二段。</ins>" in compare
    assert "通讯员 张晓旭" in compare

    restore = reverse("admin:articles_article_restore", args=[article.pk, first.pk])
    response = client.post(restore, {"expected_version": article.version}, follow=True)
    assert "已恢复所选版本" in response.content.decode()
    article.refresh_from_db()
    assert article.headline == "第一稿"
    assert article.body == "<p>开头。</p><p>旧的第二段。</p>"
    assert [b.reporter for b in article.bylines.all()] == [reporter.reporter]
    assert article.version == 3
    assert Version.objects.get_for_object(article).count() == 3
    assert article.transitions.get().action == Transition.Action.RESTORE
    # the version restored from is still there, and so is the one restored over
    assert {first.pk, second.pk} <= set(
        Version.objects.get_for_object(article).values_list("pk", flat=True)
    )


def test_tags_are_kept_with_each_version_and_restored(reporter):
    article, client = file_story(reporter, tags="疫情，防控")
    assert sorted(article.tags.names()) == ["疫情", "防控"]
    post_form(client, change_url(article), {"tags": "疫情, 招商引资"})
    article.refresh_from_db()
    assert sorted(article.tags.names()) == ["招商引资", "疫情"]
    first, second = versions_of(article)
    compare = compare_page(client, article, first, second)
    assert "<del>疫情、防控</del>" in compare and "<ins>招商引资、疫情</ins>" in compare

    restore = reverse("admin:articles_article_restore", args=[article.pk, first.pk])
    client.post(restore, {"expected_version": article.version}, follow=True)
    article.refresh_from_db()
    assert sorted(article.tags.names()) == ["疫情", "防控"]
    # the restore is a version of its own, tags included
    latest = Version.objects.get_for_object(article).order_by("-pk").first()
    assert {v.field_dict["tag_id"] for v in related_versions(latest, TaggedItem)} == set(
        article.tags.values_list("pk", flat=True)
    )


def test_a_stale_restore_is_refused(reporter):
    article, client = file_story(reporter)
    post_form(client, change_url(article), {"headline": "改过"})
    first = Version.objects.get_for_object(article).order_by("pk").first()
    restore = reverse("admin:articles_article_restore", args=[article.pk, first.pk])
    response = client.post(restore, {"expected_version": 1}, follow=True)
    assert "没有保存" in response.content.decode()
    assert Article.objects.get(pk=article.pk).headline == "改过"


# --- desk lists -------------------------------------------------------------------------


def submitted(reporter_user, headline, hours_ago, body="<p>一二三四五</p>"):
    article = ArticleFactory(headline=headline, created_by=reporter_user, body=body)
    BylineFactory(article=article, reporter=reporter_user.reporter)
    services.article_submit(article=article, by=reporter_user)
    article.transitions.update(at=timezone.now() - datetime.timedelta(hours=hours_ago))
    return article


def test_the_review_queue_lists_submitted_articles_oldest_first(reporter, editor):
    submitted(reporter, "新近的稿", 1)
    submitted(reporter, "最早的稿", 30, body="<p>这是十个字的正文呀。</p>")
    submitted(reporter, "中间的稿", 5)
    ArticleFactory(headline="草稿不在队列", created_by=reporter)
    page = logged_in(editor).get(reverse("admin:articles_reviewqueuearticle_changelist"))
    html = page.content.decode()
    positions = [html.index(h) for h in ("最早的稿", "中间的稿", "新近的稿")]
    assert positions == sorted(positions)
    assert "草稿不在队列" not in html
    assert "reporter名" in html  # the reporter
    assert ">10<" in html  # length in characters
    assert 'field-waiting">1\xa0日，6\xa0小时<' in html  # waiting time
    assert (
        logged_in(reporter)
        .get(reverse("admin:articles_reviewqueuearticle_changelist"))
        .status_code
        == 403
    )


def test_my_stories_show_states_and_the_editors_note(reporter, other_reporter, editor):
    article = submitted(reporter, "我的稿", 2)
    services.article_return(article=article, by=editor, note="请补充采访对象的全名。")
    scheduled = ArticleFactory(
        headline="排期的稿",
        created_by=reporter,
        status=Status.PUBLISHED,
        publish_at=timezone.now() + datetime.timedelta(hours=3),
    )
    ArticleFactory(headline="别人的稿", created_by=other_reporter)
    client = logged_in(reporter)
    html = client.get(reverse("admin:articles_mystory_changelist")).content.decode()
    assert "我的稿" in html and "退回修改" in html and "请补充采访对象的全名。" in html
    assert "排期的稿" in html and "已排期" in html
    assert "别人的稿" not in html
    change = client.get(change_url(article)).content.decode()
    assert "编辑意见：请补充采访对象的全名。" in change
    assert (
        scheduled.get_state_display()
        in client.get(reverse("admin:articles_article_changelist")).content.decode()
    )


def test_workflow_pages_refuse_with_a_message_and_keep_the_state(reporter, editor):
    article = submitted(reporter, "待审稿", 1)
    client = logged_in(editor)
    url = reverse("admin:articles_article_workflow", args=[article.pk, "return"])
    response = client.post(url, {"note": ""})
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Status.SUBMITTED
    client.post(url, {"note": "数据来源请注明。"})
    assert Article.objects.get(pk=article.pk).status == Status.RETURNED
    # approving a returned article is refused, with the reason
    approve = reverse("admin:articles_article_workflow", args=[article.pk, "approve"])
    response = client.post(approve, {"note": ""}, follow=True)
    assert "只有待审的稿件可以通过" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Status.RETURNED


def test_schedule_through_the_admin_reads_beijing_time(chief):
    article = ArticleFactory(status=Status.APPROVED)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    url = reverse("admin:articles_article_workflow", args=[article.pk, "schedule"])
    logged_in(chief).post(url, {"at": f"{tomorrow.isoformat()}T06:00"})
    article.refresh_from_db()
    assert article.publish_at == datetime.datetime.combine(
        tomorrow, datetime.time(6, 0), tzinfo=datetime.timezone(datetime.timedelta(hours=8))
    )


def test_corrections_are_added_in_the_admin_after_publication(editor):
    live = ArticleFactory(live=True)
    draft = ArticleFactory(status=Status.SUBMITTED)
    client = logged_in(editor)
    add = reverse("admin:articles_correction_add")
    now = timezone.localtime()
    fields = {
        "published_at_0": now.strftime("%Y-%m-%d"),
        "published_at_1": now.strftime("%H:%M:%S"),
    }
    refused = post_form(
        client,
        add,
        {"article": str(draft.pk), "text": "更正", **fields},
        form_id="correction_form",
    )
    assert "只有已发表的稿件可以更正" in refused.content.decode()
    post_form(
        client,
        add,
        {"article": str(live.pk), "text": "人数应为 2000 人。", **fields},
        form_id="correction_form",
    )
    correction = live.corrections.get()
    assert correction.created_by == editor
    assert "人数应为 2000 人。" in client.get(change_url(live)).content.decode()


# --- issue planning ---------------------------------------------------------------------


def test_planning_an_issue_from_creation_to_release(editor, chief):
    client = logged_in(editor)
    response = client.post(reverse("admin:paper_issue_next"), follow=True)
    issue = IssueFactory._meta.model.objects.get()
    assert issue.date == timezone.localdate() + datetime.timedelta(days=1)
    assert "已创建" in response.content.decode()
    plan = reverse("admin:paper_issue_plan", args=[issue.pk])
    one, two = issue.pages.get(number=1), issue.pages.get(number=2)
    a = ArticleFactory(status=Status.APPROVED, headline="甲稿")
    b = ArticleFactory(status=Status.APPROVED, headline="乙稿")
    html = client.get(plan).content.decode()
    assert "待上版" in html and "甲稿" in html and "乙稿" in html

    for article in (a, b):
        client.post(plan, {"op": "place", "article": article.pk, "page": one.pk})
    client.post(plan, {"op": "up", "article": b.pk, "page": one.pk})
    assert list(one.placements.values_list("article__headline", flat=True)) == ["乙稿", "甲稿"]
    client.post(plan, {"op": "move", "article": a.pk, "page": one.pk, "to_page": two.pk})
    assert list(two.placements.values_list("article__headline", flat=True)) == ["甲稿"]
    html = client.get(plan).content.decode()
    assert reverse("preview_page", args=[issue.date, 1]) in html
    assert "签发本期" not in html  # editors do not release

    # a placed article that is not approved blocks the release, and is flagged
    c = ArticleFactory(status=Status.APPROVED, headline="丙稿")
    services.article_place(article=c, page=two, by=editor)
    Article.objects.filter(pk=c.pk).update(status=Status.SUBMITTED)
    chief_client = logged_in(chief)
    assert "尚未审核通过，本期不能签发" in chief_client.get(plan).content.decode()
    at = (timezone.localtime() + datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    response = chief_client.post(plan, {"op": "release", "publish_at": at}, follow=True)
    assert "以下稿件尚未审核通过" in response.content.decode()
    client.post(plan, {"op": "unplace", "article": c.pk, "page": two.pk})

    response = chief_client.post(plan, {"op": "release", "publish_at": at}, follow=True)
    assert "已签发，将于" in response.content.decode()
    issue.refresh_from_db()
    assert issue.released_by == chief
    assert timezone.localtime(issue.publish_at).strftime("%Y-%m-%dT%H:%M") == at
    assert set(Article.objects.filter(status=Status.PUBLISHED)) == {a, b}
    schedule = chief_client.get(reverse("admin:articles_scheduledarticle_changelist"))
    assert "甲稿" in schedule.content.decode() and "乙稿" in schedule.content.decode()


# --- preview ----------------------------------------------------------------------------


def test_preview_is_for_staff_and_404_for_everyone_else(reporter, other_reporter, editor, client):
    issue = IssueFactory(unreleased=True)
    page = PageFactory(issue=issue, number=1, name="要闻")
    article = ArticleFactory(status=Status.APPROVED, headline="明天见报的稿")
    services.article_place(article=article, page=page, by=editor)
    draft = ArticleFactory(headline="记者的草稿", created_by=reporter)
    urls = [
        reverse("preview_article", args=[article.pk]),
        reverse("preview_page", args=[issue.date, 1]),
        reverse("preview_issue", args=[issue.date]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404  # anonymous
        response = logged_in(editor).get(url)
        assert response.status_code == 200 and "明天见报的稿" in response.content.decode()
        assert "no-store" in response["Cache-Control"]
    # public URLs give readers nothing yet
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(page.get_absolute_url()).status_code == 404
    # a reader account, and another reporter, cannot preview what they may not see
    reader = make_user(None, "reader")
    reader.is_staff = False
    reader.save()
    assert logged_in(reader).get(urls[0]).status_code == 404
    draft_url = reverse("preview_article", args=[draft.pk])
    assert logged_in(other_reporter).get(draft_url).status_code == 404
    assert logged_in(reporter).get(draft_url).status_code == 200


def test_the_photo_desk_sees_which_articles_use_a_photo(photographer):
    photo = PhotoFactory(uploaded_by=photographer)
    ArticleFactory(headline="用了这张图的稿").article_photos.create(photo=photo)
    client = logged_in(photographer)
    html = client.get(
        reverse("admin:media_library_photo_change", args=[photo.pk])
    ).content.decode()
    assert "使用这张图片的稿件" in html and "用了这张图的稿" in html
    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "用了这张图的稿" in listing


def test_deleting_through_the_admin_follows_the_policy(reporter, chief):
    draft, client = file_story(reporter)
    delete = reverse("admin:articles_article_delete", args=[draft.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=draft.pk).exists()

    filed, client = file_story(reporter, headline="已提交的稿")
    services.article_submit(article=filed, by=reporter)
    delete = reverse("admin:articles_article_delete", args=[filed.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    # the chief may, log and credits going with it
    assert logged_in(chief).post(delete, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=filed.pk).exists()
    assert not Transition.objects.exists()


def test_the_article_editor_speaks_chinese(reporter):
    """django-prose-editor ships no Chinese; its dialogs read ours via window.gettext."""
    client = logged_in(reporter)
    form = client.get(ADD).content.decode()
    catalog = reverse("admin:jsi18n")
    assert f'src="{catalog}"' in form
    script = client.get(catalog).content.decode()
    for chinese in ("插入表格", "编辑链接", "图注"):
        assert json.dumps(chinese) in script  # the catalog is JSON, \u-escaped
