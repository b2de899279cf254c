"""What readers see of a reporter: only their public work."""

import pytest

from people.selectors import reporter_photos
from tests.articles.factories import ArticleFactory
from tests.media_library.factories import PhotoFactory
from tests.people.factories import ReporterFactory

pytestmark = pytest.mark.django_db


def test_a_reporters_public_photos(client):
    reporter = ReporterFactory(name="张振成")
    shown = PhotoFactory(renditions=True, credit_reporter=reporter, credit_text="")
    ArticleFactory(live=True).photos.add(shown)
    hidden = PhotoFactory(credit_reporter=reporter, credit_text="")
    ArticleFactory().photos.add(hidden)
    assert list(reporter_photos(reporter)) == [shown]
