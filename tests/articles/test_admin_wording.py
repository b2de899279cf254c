"""The desk's forms in the newsroom's words: no stock phrasing, no internals.

(That they fit the screen and show no English is the browser's to check:
tests/newsroom/test_browser_admin_fit.py.)
"""

import html
import json
import re

import pytest
from django.urls import reverse

from articles.body import word_count
from articles.selectors.versions import version_number
from tests.articles.factories import ArticleFactory, BylineFactory
from tests.articles.test_admin_desk import (
    ADD,
    byline_row,
    change_url,
    file_story,
    logged_in,
    submitted,
)
from tests.media_library.factories import PhotoFactory
from tests.people.factories import ReporterFactory
from tests.support.forms import form_data

pytestmark = pytest.mark.django_db


def test_titles_and_buttons_read_as_chinese_not_as_a_translation(reporter):
    client = logged_in(reporter)
    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "选择" not in listing and "来修改" not in listing
    assert "<h1>稿件</h1>" in listing
    form = client.get(ADD).content.decode()
    assert "<h1>添加稿件</h1>" in form
    found = re.findall(r'data-inline-formset="([^"]+)"', form)
    formsets = [json.loads(html.unescape(attribute)) for attribute in found]
    assert {f["options"]["addText"] for f in formsets} == {"添加署名", "添加稿件图片"}


def test_bylines_print_in_the_order_listed_with_no_order_box(reporter):
    form = logged_in(reporter).get(ADD).content.decode()
    assert "bylines-0-position" not in form and "顺序" not in form
    correspondent = ReporterFactory(name="张晓旭")
    article, _client = file_story(
        reporter,
        **{"bylines-TOTAL_FORMS": "2", **byline_row(correspondent, 1, "correspondent")},
    )
    bylines = list(article.bylines.all())
    assert [(b.reporter, b.position) for b in bylines] == [
        (reporter.reporter, 0),
        (correspondent, 1),
    ]


def test_the_web_address_is_the_desks_business(reporter, editor):
    article, client = file_story(reporter)
    assert 'name="slug"' not in client.get(change_url(article)).content.decode()
    assert 'name="slug"' in logged_in(editor).get(ADD).content.decode()
    slug = article.slug
    # Saving without the field keeps the address made from the headline.
    data = form_data(client.get(change_url(article)), "article_form")
    data["headline"] = "改过的标题"
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.headline == "改过的标题" and article.slug == slug


def test_one_history_the_versions(reporter):
    article, client = file_story(reporter)
    history = reverse("admin:articles_article_history", args=[article.pk])
    response = client.get(history)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_versions", args=[article.pk])


def test_the_photo_page_speaks_to_the_desk(photographer):
    photo = PhotoFactory(uploaded_by=photographer)
    photographer.first_name, photographer.last_name = "振成", "张"
    photographer.save()
    page = (
        logged_in(photographer)
        .get(reverse("admin:media_library_photo_change", args=[photo.pk]))
        .content.decode()
    )
    assert photo.content_hash not in page  # a duplicate check, not for reading
    assert re.search(r"文件大小.*?\d+(\.\d)?\s?KB", page, re.S)
    assert photographer.get_full_name() in page


def test_logins_read_as_their_people(editor):
    editor.first_name, editor.last_name = "明", "李"
    editor.save()
    assert str(editor) == editor.get_full_name()
    editor.first_name = editor.last_name = ""
    assert str(editor) == editor.username


def test_the_editor_toolbar_has_chinese_names(reporter):
    client = logged_in(reporter)
    form = client.get(ADD).content.decode()
    assert "articles/admin/editor-zh.js" in form
    script = client.get(reverse("admin:jsi18n")).content.decode()
    names = {"heading 2": "小标题", "bold": "加粗", "insert link": "插入链接"}
    for english, chinese in names.items():
        assert f"{json.dumps(english)}: {json.dumps(chinese)}" in script


def test_the_summary_box_is_smaller_than_the_body(reporter):
    form = logged_in(reporter).get(ADD).content.decode()
    assert 'name="summary" cols="40" rows="3"' in form


# --- one count for each thing ------------------------------------------------------


def test_word_count_is_the_same_in_the_queue_the_step_pages_and_the_plan(reporter, editor):
    body = "<p>高新区 启动供暖。</p><h2>小标题</h2><p>一二三</p>"
    assert word_count(body) == 14  # no spaces, no line breaks between blocks
    article = submitted(reporter, "字数一致", 1, body=body)
    client = logged_in(editor)
    queue = client.get(reverse("admin:articles_reviewqueuearticle_changelist")).content.decode()
    assert 'field-length">14<' in queue
    approve = reverse("admin:articles_article_workflow", args=[article.pk, "approve"])
    assert "正文 14 字" in client.get(approve).content.decode()


def test_the_form_and_the_versions_page_name_the_same_version(reporter):
    article, client = file_story(reporter, _submit_for_review="1")  # saved and submitted at once
    article.refresh_from_db()
    assert article.version == 2  # the lock's counter: two writes …
    assert version_number(article) == 1  # … one version kept
    form = client.get(change_url(article)).content.decode()
    assert "第 1 版" in form
    versions_url = reverse("admin:articles_article_versions", args=[article.pk])
    listing = client.get(versions_url).content.decode()
    assert "第 1 版" in listing and "第 2 版" not in listing


def test_an_article_with_no_version_kept_does_not_claim_one(reporter):
    article = ArticleFactory(created_by=reporter)  # written without the services
    BylineFactory(article=article, reporter=reporter.reporter)
    form = logged_in(reporter).get(change_url(article)).content.decode()
    assert "尚未留存版本" in form and "第 1 版" not in form


def test_tags_are_renamed_and_found_here_not_merged_in_english(editor):
    listing = logged_in(editor).get(reverse("admin:taggit_tag_changelist")).content.decode()
    assert "Merge" not in listing
