"""Object storage (S3) unreachable: uploads are refused with a clear message in
Chinese and nothing is half-stored — no photo row, no file left behind."""

import pytest
from botocore.exceptions import EndpointConnectionError
from django.core.exceptions import ValidationError
from django.core.files.storage import InMemoryStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from media_library.models import Photo
from media_library.services import STORAGE_UNAVAILABLE, photo_upload
from tests.support.images import image_bytes

pytestmark = pytest.mark.django_db

ADD = reverse("admin:media_library_photo_add")
UPLOAD = reverse("admin:media_library_photo_upload")


def unreachable(*args, **kwargs):
    raise EndpointConnectionError(endpoint_url="http://127.0.0.1:9000/newsroom-media")


class UnreachableStorage(InMemoryStorage):
    """S3 with the network gone: every call fails as botocore fails."""

    exists = _save = delete = unreachable


class FailsOnWriteStorage(InMemoryStorage):
    """Answers a probe, then fails on the write (the outage begins mid-upload)."""

    _save = unreachable


@pytest.fixture
def storage(settings):
    def use(backend):
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": f"{__name__}.{backend.__name__}"},
        }

    return use


def jpeg(name="outage.jpg"):
    return SimpleUploadedFile(name, image_bytes(size=(800, 600)), "image/jpeg")


def test_the_service_refuses_with_the_reason_and_stores_nothing(storage):
    storage(UnreachableStorage)
    with pytest.raises(ValidationError) as refused:
        photo_upload(file=jpeg(), title="停电中", alt_text="画面")
    assert refused.value.code == "storage"
    assert refused.value.messages == [STORAGE_UNAVAILABLE]
    assert not Photo.objects.exists()


def test_a_file_stored_for_a_photo_that_failed_to_save_is_removed(storage, monkeypatch):
    from django.core.files.storage import default_storage

    storage(InMemoryStorage)

    def database_refuses(self, *args, **kwargs):
        raise RuntimeError("the row could not be written")

    monkeypatch.setattr(Photo, "save", database_refuses)
    with pytest.raises(RuntimeError):
        photo_upload(file=jpeg(), title="半途", alt_text="画面")
    assert default_storage.listdir("photos") == ([], [])


def test_the_admin_form_comes_back_with_the_message(storage, admin_client):
    storage(UnreachableStorage)
    response = admin_client.post(ADD, {"file": jpeg(), "title": "停电中", "_save": "1"})
    assert response.status_code == 200
    assert STORAGE_UNAVAILABLE in response.content.decode()
    assert response.context["adminform"].form["title"].value() == "停电中"  # nothing typed lost
    assert not Photo.objects.exists()


def test_the_outage_beginning_after_the_form_check_is_still_a_message(storage, admin_client):
    storage(FailsOnWriteStorage)
    response = admin_client.post(ADD, {"file": jpeg(), "title": "停电中", "_save": "1"})
    assert response.status_code == 302 and response.url == ADD
    page = admin_client.get(ADD).content.decode()
    assert STORAGE_UNAVAILABLE in page
    assert not Photo.objects.exists()


def test_the_batch_upload_says_which_files_were_not_stored(storage, admin_client):
    storage(UnreachableStorage)
    response = admin_client.post(UPLOAD, {"files": [jpeg("一.jpg"), jpeg("二.jpg")]}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert f"「一.jpg」未上传：{STORAGE_UNAVAILABLE}" in page
    assert f"「二.jpg」未上传：{STORAGE_UNAVAILABLE}" in page
    assert not Photo.objects.exists()


def test_s3_gives_up_in_seconds_not_minutes():
    from tests.media_library.test_storage import settings_with

    storage = settings_with(MEDIA_S3_BUCKET="newsroom-media")[0]
    config = storage["OPTIONS"]["client_config"]
    assert config["connect_timeout"] <= 5 and config["read_timeout"] <= 5
    # One retry: a store that hangs costs the photographer about ten seconds.
    assert config["retries"] == {"total_max_attempts": 2, "mode": "standard"}
