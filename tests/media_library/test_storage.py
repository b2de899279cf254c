"""Photo files go through Django's storage API only, so any backend works: tested
here with an in-memory storage standing in for S3, and the S3 settings themselves."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from media_library.services import photo_upload
from tests.articles.factories import ArticleFactory
from tests.media_library.inspect import assert_clean_image, body, stored_files
from tests.support.images import camera_jpeg

ROOT = Path(__file__).resolve().parent.parent.parent
pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_upload_renditions_and_serving_work_on_another_storage(
    settings, client, django_capture_on_commit_callbacks
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    before = stored_files()
    with django_capture_on_commit_callbacks(execute=True):
        photo = photo_upload(
            file=SimpleUploadedFile("remote.jpg", camera_jpeg()), alt_text="画面", caption="说明"
        )
    ArticleFactory(live=True).photos.add(photo)
    assert photo.renditions.count() == 14  # 1200 wide: no w1600
    assert stored_files() == before  # nothing went to MEDIA_ROOT
    for rendition in photo.renditions.all():
        response = client.get(rendition.url)
        fmt = rendition.spec.rsplit(".", 1)[1]
        assert_clean_image(body(response), fmt, rendition.width, rendition.height)


def settings_with(**env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("MEDIA_S3_", "TASKS_"))}
    code = (
        "import json, newsroom.settings as s;"
        "print(json.dumps([s.STORAGES['default'], s.TASKS, 'django_tasks_db' in s.INSTALLED_APPS,"
        " s.PHOTO_MAX_UPLOAD_SIZE, s.PHOTO_MAX_PIXELS, s.PHOTO_MIN_SIDE],"
        # botocore's client Config: its options, as set
        " default=lambda o: {k: v for k, v in vars(o).items() if not k.startswith('_')}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, "SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    import json

    return json.loads(result.stdout)


def test_local_files_immediate_tasks_and_default_limits_unless_configured():
    storage, tasks, db_queue, size, pixels, side = settings_with()
    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert tasks["default"]["BACKEND"].endswith("ImmediateBackend") and not db_queue
    assert (size, pixels, side) == (40 * 1024 * 1024, 80_000_000, 400)


def test_s3_storage_queue_and_limits_come_from_the_environment():
    storage, tasks, db_queue, size, pixels, side = settings_with(
        MEDIA_S3_BUCKET="newsroom-media",
        MEDIA_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        MEDIA_S3_PREFIX="media",
        TASKS_BACKEND="database",
        PHOTO_MAX_UPLOAD_MB="10",
        PHOTO_MAX_MEGAPIXELS="50",
        PHOTO_MIN_SIDE="600",
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "newsroom-media"
    assert options["endpoint_url"] == "http://127.0.0.1:9000"
    assert options["location"] == "media"
    assert options["default_acl"] == "private" and options["querystring_auth"] is True
    assert tasks["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend" and db_queue
    assert (size, pixels, side) == (10 * 1024 * 1024, 50_000_000, 600)


def test_the_s3_backend_is_installed():
    from storages.backends.s3 import S3Storage

    storage = S3Storage(bucket_name="newsroom-media", default_acl="private")
    assert storage.bucket_name == "newsroom-media"
