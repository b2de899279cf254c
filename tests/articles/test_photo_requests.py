"""约图: a reporter asks the photo desk for a picture; the photographer answers
with one from the library; the reporter hears it arrived."""

import pytest
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import Notification, PhotoRequest, Status
from tests.articles.factories import ArticleFactory, BylineFactory
from tests.media_library.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def story(reporter, **fields):
    article = ArticleFactory(created_by=reporter, headline="大棚修复", **fields)
    BylineFactory(article=article, reporter=reporter.reporter)
    return article


def test_a_request_from_the_story_reaches_the_photo_desk_and_comes_back(
    reporter, photographer, django_capture_on_commit_callbacks
):
    article = story(reporter)
    ask = reverse("admin:articles_article_workflow", args=[article.pk, "request_photo"])
    mine = logged_in(reporter)
    assert (
        ask
        in mine.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    )
    mine.post(ask, {"note": "屈庄村大棚全景，明天上午。"})
    wanted = PhotoRequest.objects.get()
    assert wanted.requested_by == reporter and wanted.is_open
    form = mine.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "约图：屈庄村大棚全景，明天上午。" in form and "待交图" in form

    desk = logged_in(photographer)
    start = desk.get(reverse("admin:index")).content.decode()
    fulfil = reverse("admin:articles_photorequest_fulfil", args=[wanted.pk])
    assert "约图（1 件待交）" in start and fulfil in start
    photo = PhotoFactory(uploaded_by=photographer, title="屈庄村大棚")
    PhotoFactory(title="别人的图")
    page = desk.get(fulfil).content.decode()
    assert "屈庄村大棚" in page and "别人的图" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(fulfil, {"photo": photo.pk})
    assert response.status_code == 302
    wanted.refresh_from_db()
    assert wanted.photo == photo and wanted.fulfilled_by == photographer
    arrived = Notification.objects.get(recipient=reporter)
    assert arrived.kind == Notification.Kind.PHOTO_ARRIVED and arrived.photo == photo
    assert "你为《大棚修复》约的图到了：屈庄村大棚" in arrived.text
    assert "约图（0 件待交）" in desk.get(reverse("admin:index")).content.decode()


def test_a_request_is_answered_once(reporter, photographer, editor):
    wanted = services.photo_request_create(article=story(reporter), by=reporter, note="近景")
    first, second = PhotoFactory(uploaded_by=photographer), PhotoFactory(uploaded_by=editor)
    services.photo_request_fulfil(request=wanted, photo=first, by=photographer)
    response = logged_in(editor).post(
        reverse("admin:articles_photorequest_fulfil", args=[wanted.pk]),
        {"photo": second.pk},
        follow=True,
    )
    assert "已由photographer交过图" in response.content.decode()
    wanted.refresh_from_db()
    assert wanted.photo == first


def test_requests_are_refused_up_front(reporter, other_reporter, photographer, chief):
    published = story(reporter, live=True)
    url = reverse("admin:articles_article_workflow", args=[published.pk, "request_photo"])
    assert (
        url
        not in logged_in(reporter)
        .get(reverse("admin:articles_article_change", args=[published.pk]))
        .content.decode()
    )
    assert logged_in(reporter).get(url).status_code == 302  # back to the story, saying why
    theirs = story(other_reporter)
    other = reverse("admin:articles_article_workflow", args=[theirs.pk, "request_photo"])
    assert logged_in(reporter).get(other).status_code == 403
    draft = story(reporter)
    assert (
        logged_in(photographer)
        .get(reverse("admin:articles_article_workflow", args=[draft.pk, "request_photo"]))
        .status_code
        == 403
    )
    wanted = services.photo_request_create(article=draft, by=reporter, note="全景")
    fulfil = reverse("admin:articles_photorequest_fulfil", args=[wanted.pk])
    listing = logged_in(reporter).get(reverse("admin:articles_photorequest_changelist"))
    assert "全景" in listing.content.decode() and fulfil not in listing.content.decode()
    assert (
        fulfil
        in logged_in(photographer)
        .get(reverse("admin:articles_photorequest_changelist"))
        .content.decode()
    )
    with pytest.raises(Exception, match="请写明要拍什么"):
        services.photo_request_create(article=draft, by=reporter, note=" ")
    assert published.status == Status.PUBLISHED
