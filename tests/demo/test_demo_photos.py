"""The demo edition's photos are ready to show as soon as loaddemo ends."""

import io

import pytest
from django.core.management import call_command

from media_library.models import Photo
from media_library.renditions import jobs_for
from tests.media_library.inspect import stored_files

pytestmark = pytest.mark.django_db


@pytest.mark.slow  # runs loaddemo twice
def test_demo_photos_have_every_rendition_and_a_second_run_writes_none():
    call_command("loaddemo", "--no-accounts", stdout=io.StringIO())
    photos = list(Photo.objects.prefetch_related("renditions"))
    assert len(photos) == 4
    for photo in photos:
        expected = {job.key for job in jobs_for(photo)}
        assert len(expected) == 16  # 1600×1067: every spec
        assert {r.spec for r in photo.renditions.all()} == expected
    files = stored_files()
    call_command("loaddemo", "--no-accounts", stdout=io.StringIO())
    assert stored_files() == files
