"""Renditions are made after the commit: right away by default, or by a worker
when a task queue is configured - never while a reader waits."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks import default_task_backend

from media_library.models import Rendition
from media_library.services import photo_upload
from media_library.tasks import photo_render
from tests.articles.factories import ArticleFactory
from tests.support.images import camera_jpeg

pytestmark = pytest.mark.django_db

QUEUE = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def upload():
    return photo_upload(
        file=SimpleUploadedFile("queued.jpg", camera_jpeg()), alt_text="画面", caption="说明"
    )


def test_nothing_is_made_before_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        photo = upload()
    assert not photo.renditions.exists()  # a rolled-back upload would leave no files
    for callback in callbacks:  # the renditions, and the site cache's generation
        callback()
    assert photo.renditions.count() == 14  # 1200 wide: no w1600


def test_with_a_queue_the_worker_makes_them_and_pages_wait_without_images(
    settings, client, django_capture_on_commit_callbacks
):
    settings.TASKS = QUEUE
    with django_capture_on_commit_callbacks(execute=True):
        photo = upload()
    (queued,) = default_task_backend.results
    assert queued.task.name == photo_render.name and queued.args[0] == photo.pk
    assert not photo.renditions.exists()

    article = ArticleFactory(live=True)
    article.photos.add(photo)
    waiting = client.get(article.get_absolute_url())
    assert waiting.status_code == 200
    assert "<img" not in waiting.content.decode()
    assert not Rendition.objects.exists()  # the page made nothing

    queued.task.call(*queued.args, **queued.kwargs)  # what db_worker does
    assert photo.renditions.count() == 14  # 1200 wide: no w1600
    assert "<picture>" in client.get(article.get_absolute_url()).content.decode()


def test_a_task_for_a_deleted_photo_does_nothing():
    assert photo_render.call(123456) == 0


def test_a_queue_that_fails_after_the_commit_leaves_the_upload_stored(
    monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import OperationalError

    class Down:
        def enqueue(self, *args, **kwargs):
            raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("media_library.tasks.photo_render", Down())
    with django_capture_on_commit_callbacks(execute=True):
        photo = upload()
    photo.refresh_from_db()  # stored, and the upload answered without an error
    assert photo.file and not photo.renditions.exists()
