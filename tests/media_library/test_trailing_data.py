"""No upload keeps bytes its image does not need: data appended after the end
of an image (a PHP or HTML payload) is cut off, in the single and the batch
upload; a phone's Multi-Picture JPEG keeps its pictures."""

import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from media_library.imageend import image_end
from media_library.models import Photo
from media_library.services import photo_upload
from media_library.validation import inspect_upload
from tests.support.images import camera_exif, camera_jpeg, image_bytes

pytestmark = pytest.mark.django_db

PAYLOAD = b"<?php system($_GET['c']); ?><html><script>alert(1)</script></html>"


def progressive_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (900, 600), (10, 120, 200)).save(out, "JPEG", progressive=True)
    return out.getvalue()


def restart_jpeg() -> bytes:
    """Restart markers inside the scan, as some cameras write."""
    out = io.BytesIO()
    noise = Image.effect_noise((800, 600), 60).convert("RGB")
    noise.save(out, "JPEG", restart_marker_blocks=4)
    return out.getvalue()


def mpo() -> bytes:
    """A phone's Multi-Picture JPEG: the photo, then a second picture (a depth map)."""
    out = io.BytesIO()
    first = Image.new("RGB", (900, 600), (200, 30, 30))
    first.save(out, "MPO", save_all=True, append_images=[Image.new("L", (450, 300), 128)])
    return out.getvalue()


IMAGES = {
    "camera.jpg": camera_jpeg(exif=camera_exif(orientation=6)),  # EXIF with a thumbnail inside
    "progressive.jpg": progressive_jpeg(),
    "restart.jpg": restart_jpeg(),
    "phone.jpg": mpo(),
    "a.png": image_bytes("PNG", size=(640, 480)),
    "a.webp": image_bytes("WEBP", size=(640, 480)),
    "a.gif": image_bytes("GIF", size=(640, 480)),
}


@pytest.mark.parametrize("name", IMAGES)
def test_a_clean_file_ends_where_it_ends(name):
    data = IMAGES[name]
    inspection = inspect_upload(SimpleUploadedFile(name, data))
    assert inspection.length == len(data)


@pytest.mark.parametrize("name", IMAGES)
def test_appended_data_is_found(name):
    data = IMAGES[name]
    inspection = inspect_upload(SimpleUploadedFile(name, data + PAYLOAD))
    assert inspection.length == len(data)
    assert inspection.trailing(len(data) + len(PAYLOAD)) == len(PAYLOAD)


def test_a_phones_multi_picture_jpeg_keeps_both_pictures():
    data = mpo()
    photo = photo_upload(file=SimpleUploadedFile("phone.jpg", data + PAYLOAD))
    stored = photo.file.open("rb").read()
    assert stored == data  # both pictures, nothing after them
    with Image.open(io.BytesIO(stored)) as image:
        assert image.n_frames == 2
    assert photo.trailing_bytes_removed == len(PAYLOAD)


def test_the_service_stores_the_image_without_what_follows_it():
    data = IMAGES["camera.jpg"]
    photo = photo_upload(file=SimpleUploadedFile("camera.jpg", data + PAYLOAD))
    stored = photo.file.open("rb").read()
    assert stored == data and PAYLOAD not in stored
    assert photo.file_size == len(data)
    assert photo.content_hash == hashlib.sha256(data).hexdigest()


def test_the_single_upload_in_the_admin_says_what_it_left_out(admin_client):
    data = IMAGES["progressive.jpg"]
    response = admin_client.post(
        reverse("admin:media_library_photo_add"),
        {"file": SimpleUploadedFile("x.jpg", data + PAYLOAD), "_save": "1", "title": "标题"},
        follow=True,
    )
    assert response.status_code == 200
    photo = Photo.objects.get()
    assert photo.file.open("rb").read() == data
    assert f"附带了 {len(PAYLOAD)} 字节的其他数据，已去除" in response.content.decode()


def test_the_batch_upload_strips_each_file(admin_client):
    files = [
        SimpleUploadedFile(name, data + PAYLOAD)
        for name, data in IMAGES.items()
        if name in ("camera.jpg", "a.png", "a.gif")
    ]
    response = admin_client.post(
        reverse("admin:media_library_photo_upload"), {"files": files}, follow=True
    )
    assert response.status_code == 200
    assert Photo.objects.count() == 3
    for photo in Photo.objects.all():
        stored = photo.file.open("rb").read()
        assert PAYLOAD not in stored and photo.file_size == len(stored)
    assert response.content.decode().count("已去除") == 3


def test_a_re_upload_of_the_same_photo_with_a_payload_is_a_duplicate(admin_client):
    data = IMAGES["camera.jpg"]
    first = photo_upload(file=SimpleUploadedFile("a.jpg", data))
    with pytest.raises(ValidationError) as refused:
        photo_upload(file=SimpleUploadedFile("b.jpg", data + PAYLOAD))
    assert f"编号 {first.pk}" in str(refused.value)


def test_a_jpeg_whose_structure_is_broken_is_refused():
    data = bytearray(IMAGES["progressive.jpg"])
    data[-2:] = b"\x00\x00"  # no End Of Image: Pillow pads, we cannot say where it ends
    with pytest.raises(ValidationError) as refused:
        inspect_upload(SimpleUploadedFile("x.jpg", bytes(data)))
    assert refused.value.code == "corrupt"


def test_image_end_reads_each_format_alone():
    for name, data in IMAGES.items():
        kind = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF"}[name.rsplit(".")[-1]]
        assert image_end(data + b"\x00" * 9, kind) == len(data), name
