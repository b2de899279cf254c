"""Each photo shows where it is used; a photo in use cannot be deleted; the
publishing rule for photos, for the workflow and enforced where the library can."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles.models import Status
from media_library.models import Photo
from media_library.rules import photo_publishable_errors
from media_library.services import photo_delete
from tests.articles.factories import ArticleFactory
from tests.media_library.admin_forms import change_form_data
from tests.media_library.factories import PhotoFactory
from tests.people.factories import ReporterFactory

pytestmark = pytest.mark.django_db


def change_url(photo):
    return reverse("admin:media_library_photo_change", args=[photo.pk])


def test_the_change_page_lists_every_article_using_the_photo(admin_client):
    photo = PhotoFactory(renditions=True)
    draft = ArticleFactory(headline="还在写的稿子")
    live = ArticleFactory(live=True, headline="已经见报的稿子")
    draft.photos.add(photo)
    live.photos.add(photo)
    html = admin_client.get(change_url(photo)).content.decode()
    for article, state in ((draft, "草稿"), (live, "已签发")):
        link = reverse("admin:articles_article_change", args=[article.pk])
        assert f'<a href="{link}">《{article.headline}》</a>（{state}' in html
    unused = PhotoFactory()
    assert "尚未被稿件使用" in admin_client.get(change_url(unused)).content.decode()


def test_the_changelist_shows_use_count_readiness_and_thumbnails(admin_client):
    used = PhotoFactory(renditions=True, title="有稿件用的图")
    ArticleFactory().photos.add(used)
    PhotoFactory(title="没说明的图", caption="")
    html = admin_client.get(reverse("admin:media_library_photo_changelist")).content.decode()
    assert "批量上传图片" in html
    assert f"/media/photos/{used.pk}/sq160.jpg" in html
    assert "规格图生成中" in html  # the second photo has none yet
    assert 'alt="False"' in html and 'alt="True"' in html  # publishable icons


def test_deleting_a_photo_in_use_is_refused_with_the_articles(admin_client):
    photo = PhotoFactory(renditions=True)
    article = ArticleFactory(headline="冬季健步走")
    article.photos.add(photo)
    url = reverse("admin:media_library_photo_delete", args=[photo.pk])

    page = admin_client.get(url).content.decode()
    assert "《冬季健步走》" in page
    assert reverse("admin:articles_article_change", args=[article.pk]) in page
    assert 'name="post"' not in page  # no form to confirm with
    admin_client.post(url, {"post": "yes"})
    assert Photo.objects.filter(pk=photo.pk).exists()

    changelist = reverse("admin:media_library_photo_changelist")
    bulk = admin_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [photo.pk], "post": "yes"}
    )
    assert "《冬季健步走》" in bulk.content.decode()
    assert Photo.objects.filter(pk=photo.pk).exists()

    with pytest.raises(ValidationError, match="正被以下稿件使用，不能删除：《冬季健步走》"):
        photo_delete(photo=photo)


def test_an_unused_photo_is_deleted_with_its_files(admin_client):
    from django.core.files.base import ContentFile

    from tests.support.images import image_bytes

    photo = PhotoFactory(
        renditions=True, file=ContentFile(image_bytes(color=(1, 99, 3)), name="own.jpg")
    )
    names = [photo.file.name, *photo.renditions.values_list("file", flat=True)]
    storage = photo.file.storage
    assert all(storage.exists(name) for name in names)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = admin_client.post(
            reverse("admin:media_library_photo_delete", args=[photo.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert not any(storage.exists(name) for name in names)


def test_what_a_photo_needs_before_it_can_be_published():
    reporter = ReporterFactory(name="郑喜艳")
    ready = PhotoFactory(credit_reporter=reporter, credit_text="")
    assert photo_publishable_errors(ready) == []

    bare = PhotoFactory(title="冬季健步走", caption=" ", alt_text="", credit_text="")
    (error,) = photo_publishable_errors(bare)
    assert error == (
        "图片《冬季健步走》缺少图片说明、替代文字、署名（摄影记者或来源），补齐后才能随稿件发布。"
    )

    ready.usage_expires = timezone.localdate() - datetime.timedelta(days=1)
    assert "使用期限已于" in photo_publishable_errors(ready)[0]


def test_a_published_photo_cannot_lose_its_caption_or_credit(admin_client):
    photo = PhotoFactory(renditions=True)
    ArticleFactory(status=Status.PUBLISHED, publish_at=timezone.now()).photos.add(photo)
    page = admin_client.get(change_url(photo))
    response = admin_client.post(
        change_url(photo), change_form_data(page, caption="", credit_text="")
    )
    assert response.status_code == 200
    assert "缺少图片说明、署名（摄影记者或来源）" in response.content.decode()
    photo.refresh_from_db()
    assert photo.caption == "图片说明"

    draft_only = PhotoFactory(renditions=True)
    ArticleFactory().photos.add(draft_only)
    page = admin_client.get(change_url(draft_only))
    response = admin_client.post(change_url(draft_only), change_form_data(page, caption=""))
    assert response.status_code == 302  # allowed, with a warning to finish it
    assert any("缺少图片说明" in str(m) for m in response.wsgi_request._messages)


def test_credit_is_a_reporter_or_free_text_not_both(admin_client):
    photo = PhotoFactory(renditions=True)
    page = admin_client.get(change_url(photo))
    reporter = ReporterFactory()
    response = admin_client.post(
        change_url(photo), change_form_data(page, credit_reporter=reporter.pk)
    )
    assert "署名只填一项" in response.content.decode()
