"""A photo readers see with a published article changes only by whoever may
change that article once published (the chief editor), and every change is
logged; a reporter or photographer gets the reason, and loses nothing typed."""

import datetime
import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles.models import Status
from articles.services import photo_change
from media_library.models import Photo
from tests.articles.factories import ArticleFactory, BylineFactory
from tests.media_library.admin_forms import change_form_data
from tests.media_library.factories import PhotoFactory
from tests.people.factories import ReporterFactory

pytestmark = pytest.mark.django_db

REFUSAL = "只有能修改已签发稿件的总编可以改动"


def change_url(photo):
    return reverse("admin:media_library_photo_change", args=[photo.pk])


@pytest.fixture
def live_photo():
    """A photo out with another reporter's live story."""
    photo = PhotoFactory(renditions=True, caption="原来的说明")
    article = ArticleFactory(live=True, headline="别人的稿件")
    BylineFactory(article=article, reporter=ReporterFactory(name="另一位记者"))
    article.photos.add(photo)
    return photo


@pytest.fixture
def scheduled_photo():
    photo = PhotoFactory(renditions=True, caption="原来的说明")
    ArticleFactory(
        status=Status.PUBLISHED, publish_at=timezone.now() + datetime.timedelta(hours=3)
    ).photos.add(photo)
    return photo


@pytest.mark.parametrize("who", ["reporter", "photographer", "editor"])
@pytest.mark.parametrize("which", ["live_photo", "scheduled_photo"])
def test_only_the_chief_changes_a_published_photo_in_the_service(request, who, which):
    user, photo = request.getfixturevalue(who), request.getfixturevalue(which)
    for change in (
        {"caption": "改过的说明"},
        {"alt_text": "改过的描述"},
        {"credit_text": "别的来源"},
        {"focal_x": 0.9, "focal_y": 0.1},
        {"file": "photos/other.jpg"},
    ):
        with pytest.raises(PermissionDenied, match=REFUSAL):
            photo_change(photo=Photo.objects.get(pk=photo.pk), by=user, **change)
    assert Photo.objects.get(pk=photo.pk).caption == "原来的说明"


def test_the_chief_changes_it_and_the_change_is_logged(
    live_photo, chief, caplog, django_capture_on_commit_callbacks
):
    with (
        caplog.at_level(logging.INFO, logger="newsroom.workflow"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        photo_change(photo=live_photo, by=chief, caption="总编改的说明", focal_x=0.3)
    assert Photo.objects.get(pk=live_photo.pk).caption == "总编改的说明"
    [record] = [r for r in caplog.records if r.getMessage() == "photo.change"]
    assert record.by_username == "chief" and record.photo_id == live_photo.pk
    assert set(record.fields) == {"caption", "focal_x"}
    assert record.published_article_ids == [live_photo.articles.get().pk]
    assert record.at


def test_a_photo_only_drafts_use_is_the_photo_desks_to_describe(photographer):
    photo = PhotoFactory(renditions=True)
    ArticleFactory(status=Status.APPROVED).photos.add(photo)
    photo_change(photo=photo, by=photographer, caption="摄影记者补的说明")
    assert Photo.objects.get(pk=photo.pk).caption == "摄影记者补的说明"


def test_saving_nothing_changed_is_not_a_change(live_photo, reporter):
    photo_change(photo=live_photo, by=reporter)  # no refusal: nothing readers see moved


def test_the_admin_shows_a_live_photo_read_only_to_a_reporter(client, reporter, live_photo):
    client.force_login(reporter)
    response = client.get(change_url(live_photo))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="caption"' not in page and 'name="focal_x"' not in page
    assert REFUSAL in page and "原来的说明" in page


def test_a_reporters_post_is_refused_on_the_form_with_the_text_kept(
    client, reporter, chief, live_photo
):
    # The form as the chief sees it (editable), sent by the reporter: what a
    # page opened before the article was published would send.
    client.force_login(chief)
    data = change_form_data(client.get(change_url(live_photo)), caption="记者改的说明")
    client.force_login(reporter)
    response = client.post(change_url(live_photo), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert REFUSAL in page and "记者改的说明" in page  # refused, nothing typed lost
    assert Photo.objects.get(pk=live_photo.pk).caption == "原来的说明"


def test_the_chief_edits_a_live_photo_in_the_admin(client, chief, live_photo):
    client.force_login(chief)
    page = client.get(change_url(live_photo))
    assert 'name="caption"' in page.content.decode()
    response = client.post(change_url(live_photo), change_form_data(page, caption="新说明"))
    assert response.status_code == 302
    assert Photo.objects.get(pk=live_photo.pk).caption == "新说明"


def test_no_batch_path_changes_a_photo_in_use(client, reporter, live_photo):
    """The changelist has no bulk edit and no action but delete (refused for a
    photo in use); the batch upload only ever adds photos."""
    client.force_login(reporter)
    changelist = client.get(reverse("admin:media_library_photo_changelist"))
    assert changelist.status_code == 200
    assert not changelist.context["cl"].list_editable
    form = changelist.context["action_form"]  # None: this user has no action at all
    actions = {name for name, _label in form.fields["action"].choices} if form else set()
    assert actions <= {"", "delete_selected"}
