"""The photo library's invariants are enforced by the database, under their own names."""

import pytest

from media_library.models import Rendition
from tests.media_library.factories import PhotoFactory
from tests.support.db import violates

pytestmark = pytest.mark.django_db


def test_one_rendition_per_photo_and_spec():
    photo = PhotoFactory()
    Rendition.objects.create(photo=photo, spec="w640", file=photo.file.name)
    violates(
        "rendition_unique_photo_spec",
        lambda: Rendition.objects.create(photo=photo, spec="w640", file=photo.file.name),
    )
