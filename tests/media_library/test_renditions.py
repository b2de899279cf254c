"""Renditions: a fixed set of specs, made once, crops that keep the focal point,
files shared by identical content, and a command to make what is missing."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from media_library import specs
from media_library.models import Photo, Rendition, hash_file
from media_library.renditions import renditions_generate
from tests.media_library.admin_forms import change_form_data
from tests.media_library.factories import PhotoFactory
from tests.media_library.inspect import stored_files
from tests.support.images import image_bytes, red_in, with_red_corner

pytestmark = pytest.mark.django_db


def crops(photo):
    return [r for r in photo.renditions.all() if r.spec.startswith(("card", "sq"))]


@pytest.mark.parametrize(
    ("size", "focal"),
    [((1600, 800), (0.9, 0.1)), ((800, 1600), (0.1, 0.95)), ((1000, 1000), (0.0, 1.0))],
)
def test_a_crop_box_always_holds_the_focal_point(size, focal):
    for ratio in ((3, 2), (1, 1), (400, 267)):
        left, top, right, bottom = specs.crop_box(*size, *ratio, focal)
        assert 0 <= left < right <= size[0] and 0 <= top < bottom <= size[1]
        assert left <= focal[0] * size[0] <= right and top <= focal[1] * size[1] <= bottom
        assert abs((right - left) / (bottom - top) - ratio[0] / ratio[1]) < 0.01


def test_widths_are_never_upscaled_and_crops_need_enough_pixels():
    assert specs.SPECS_BY_NAME["w1600"].size_for(1200, 800) is None
    assert specs.SPECS_BY_NAME["w800"].size_for(1200, 800) == (800, 533)
    assert specs.SPECS_BY_NAME["card800"].size_for(700, 700) is None
    assert specs.SPECS_BY_NAME["card400"].size_for(400, 400) == (400, 267)


def test_crops_keep_the_focal_point_in_frame():
    photo = PhotoFactory(file=ContentFile(with_red_corner(), name="corner.png"))
    renditions_generate(photo=photo)
    assert crops(photo) and not any(red_in(r) for r in crops(photo))  # centred: cut off

    photo.focal_x, photo.focal_y = 1490 / 1600, 100 / 800
    photo.save()
    renditions_generate(photo=photo)
    assert all(red_in(r) for r in crops(photo))


def test_moving_the_focal_point_in_the_admin_remakes_only_the_crops(
    admin_client, django_capture_on_commit_callbacks
):
    photo = PhotoFactory(file=ContentFile(with_red_corner(), name="corner.png"), renditions=True)
    before = {r.spec: r.file.name for r in photo.renditions.all()}
    url = reverse("admin:media_library_photo_change", args=[photo.pk])
    page = admin_client.get(url)
    assert b"data-focal-point" in page.content
    assert b"media_library/focal_point.js" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, change_form_data(page, focal_x="0.931", focal_y="0.125"))
    assert response.status_code == 302, response.context["adminform"].form.errors

    after = {r.spec: r.file.name for r in photo.renditions.all()}
    assert after.keys() == before.keys()
    for spec, name in after.items():
        if spec.startswith(("card", "sq")):
            assert name != before[spec]
            assert not default_storage.exists(before[spec])  # the old crop is gone
        else:
            assert name == before[spec]
    assert all(red_in(r) for r in crops(photo))


def test_identical_content_shares_files_and_deletion_keeps_shared_ones():
    first = PhotoFactory(renditions=True)
    second = PhotoFactory(renditions=True)
    assert first.content_hash == second.content_hash
    names = set(first.renditions.values_list("file", flat=True))
    assert names == set(second.renditions.values_list("file", flat=True))

    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        first.delete()
    assert all(default_storage.exists(name) for name in names)
    with TestCase.captureOnCommitCallbacks(execute=True):
        second.delete()
    assert not any(default_storage.exists(name) for name in names)


def bench_like_photos(rows_per_file=4, pool=3) -> list[Photo]:
    """Like bench/archive.py: bulk-created rows sharing a pool of files."""
    files = []
    for index in range(pool):
        data = image_bytes(size=(1000, 700), color=(40 * index, 90, 30))
        name = default_storage.save(f"photos/pool-{index}.jpg", ContentFile(data))
        files.append((name, len(data), hash_file(ContentFile(data))))
    return Photo.objects.bulk_create(
        [
            Photo(
                file=name,
                width=1000,
                height=700,
                file_size=size,
                content_hash=digest,
                title=f"档案图片{n}",
            )
            for n in range(rows_per_file * pool)
            for name, size, digest in [files[n % pool]]
        ]
    )


def test_the_command_makes_what_is_missing_once_per_image():
    photos = bench_like_photos()
    before = stored_files()
    out = io.StringIO()
    call_command("renditions", "--no-progress", stdout=out)
    per_photo = 12  # w400, w800, card400, card800, sq160, sq320 as WebP and JPEG
    assert Rendition.objects.count() == len(photos) * per_photo
    written = stored_files() - before
    assert len(written) == 3 * per_photo
    assert f"写入文件 {3 * per_photo} 个" in out.getvalue()

    out = io.StringIO()
    call_command("renditions", "--no-progress", stdout=out)
    assert "写入文件 0 个" in out.getvalue()
    assert stored_files() - before == written

    out = io.StringIO()
    call_command("renditions", "--all", "--no-progress", stdout=out)
    assert f"写入文件 {3 * per_photo} 个" in out.getvalue()
    assert stored_files() - before == written
    assert Rendition.objects.count() == len(photos) * per_photo


def test_the_command_shows_a_progress_bar(capfd):
    bench_like_photos(rows_per_file=1, pool=2)
    call_command("renditions", stdout=io.StringIO())
    assert "规格图" in capfd.readouterr().err


def test_the_command_goes_on_past_a_broken_file():
    good, broken = bench_like_photos(rows_per_file=1, pool=2)
    default_storage.delete(broken.file.name)
    out, err = io.StringIO(), io.StringIO()
    call_command("renditions", "--no-progress", stdout=out, stderr=err)
    assert good.renditions.count() == 12 and not broken.renditions.exists()
    assert "失败 1 张" in out.getvalue()
    assert f"图片 {broken.pk} 失败" in err.getvalue()


def test_credit_and_focal_point_are_constrained_in_the_database():
    from people.models import Reporter

    photo = PhotoFactory()
    photo.credit_reporter = Reporter.objects.create(name="张振成", slug="zzc")
    with (
        pytest.raises(IntegrityError, match="photo_credit_reporter_or_text"),
        transaction.atomic(),
    ):
        Photo.objects.filter(pk=photo.pk).update(credit_reporter=photo.credit_reporter)
    with pytest.raises(IntegrityError, match="photo_focal_point_inside"), transaction.atomic():
        Photo.objects.filter(pk=photo.pk).update(focal_x=1.5)
