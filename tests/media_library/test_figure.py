"""Pages show photos as <figure>/<picture> with srcset from renditions: real
WebP and JPEG files of the sizes they claim, no GPS, and no extra query per photo."""

import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from articles.models import Kind
from media_library.services import photo_upload
from tests.articles.factories import ArticleFactory, PlacementFactory
from tests.media_library.factories import PhotoFactory
from tests.media_library.inspect import assert_clean_image, body
from tests.paper.factories import PageFactory
from tests.people.factories import ReporterFactory
from tests.support.images import camera_exif, camera_jpeg

pytestmark = pytest.mark.django_db


class Pictures(HTMLParser):
    """Every <picture>: its <source> and <img> attributes."""

    def __init__(self):
        super().__init__()
        self.pictures: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self.pictures.append({"sources": []})
        elif tag == "source" and self.pictures:
            self.pictures[-1]["sources"].append(attrs)
        elif tag == "img" and self.pictures:
            self.pictures[-1]["img"] = attrs


def pictures(html: str) -> list[dict]:
    parser = Pictures()
    parser.feed(html)
    return parser.pictures


def srcset(value: str) -> list[tuple[str, int]]:
    pairs = [part.strip().rsplit(" ", 1) for part in value.split(",")]
    return [(url, int(width.rstrip("w"))) for url, width in pairs]


def uploaded(name="photo.jpg", size=(1800, 1200), **fields):
    """A photo as a photographer uploads it: camera EXIF with GPS and serial number."""
    data = camera_jpeg(size, exif=camera_exif(artist="张振成", description="说明"))
    defaults = {"alt_text": "画面", "caption": "图片说明文字", "allow_duplicate": True}
    return photo_upload(file=SimpleUploadedFile(name, data), **{**defaults, **fields})


def test_article_page_serves_srcset_webp_and_jpeg_of_the_right_sizes_without_gps(
    client, django_capture_on_commit_callbacks
):
    reporter = ReporterFactory(name="张振成")
    with django_capture_on_commit_callbacks(execute=True):
        photos = [uploaded(f"p{n}.jpg", credit_reporter=reporter) for n in range(2)]
    article = ArticleFactory(live=True)
    for position, photo in enumerate(photos):
        article.article_photos.create(photo=photo, position=position)

    html = client.get(article.get_absolute_url()).content.decode()
    found = pictures(html)
    assert len(found) == 2
    for index, picture in enumerate(found):
        (webp,) = picture["sources"]
        img = picture["img"]
        assert webp["type"] == "image/webp" and webp["sizes"] == img["sizes"]
        assert (img["width"], img["height"]) == ("1600", "1067")  # no layout shift
        assert img["alt"] == "画面"
        assert ("loading" in img) == (index > 0)  # the lead photo is not lazy
        for attribute, fmt in ((webp["srcset"], "webp"), (img["srcset"], "jpg")):
            candidates = srcset(attribute)
            assert [w for _url, w in candidates] == [400, 800, 1200, 1600]
            for url, width in candidates:
                assert url.endswith(f".{fmt}")
                response = client.get(url)
                assert response.status_code == 200
                assert_clean_image(body(response), fmt, width, round(1200 * width / 1800))
        assert client.get(img["src"]).status_code == 200
    assert "张振成 摄" in html
    assert "original." not in html


def test_photo_page_and_listing_thumbnails_use_renditions(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        photo = uploaded(title="冬季健步走")
    page = PageFactory()
    # The page's first story leads with a full figure; the others get thumbnails.
    PlacementFactory(page=page, article=ArticleFactory(live=True, issue=page.issue))
    article = ArticleFactory(live=True, issue=page.issue, kind=Kind.PHOTO)
    PlacementFactory(page=page, article=article, position=1)
    article.photos.add(photo)

    # the photo page shows the photo once; the articles using it are listed
    # without repeating it
    (figure,) = pictures(client.get(photo.get_absolute_url()).content.decode())
    assert srcset(figure["img"]["srcset"])[-1][1] == 1600

    (thumb,) = pictures(client.get(page.get_absolute_url()).content.decode())
    assert [w for _url, w in srcset(thumb["img"]["srcset"])] == [400, 800]
    assert (thumb["img"]["width"], thumb["img"]["height"]) == ("800", "533")
    assert thumb["img"]["alt"] == "" and thumb["img"]["loading"] == "lazy"
    for url, width in srcset(thumb["img"]["srcset"]) + srcset(thumb["sources"][0]["srcset"]):
        fmt = url.rsplit(".", 1)[1]
        assert_clean_image(body(client.get(url)), fmt, width, {400: 267, 800: 533}[width])


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("where", ["article", "page"])
def test_twenty_photos_cost_the_same_queries_as_one(client, where):
    counts = []
    for size in (1, 20):
        page = PageFactory()
        article = ArticleFactory(live=True, issue=page.issue)
        PlacementFactory(page=page, article=article)
        for position in range(size):
            photo = PhotoFactory(
                renditions=True, credit_reporter=ReporterFactory(), credit_text=""
            )
            article.article_photos.create(photo=photo, position=position)
            if where == "page":  # twenty stories on the page, each with its own lead photo
                other = ArticleFactory(live=True, issue=page.issue)
                PlacementFactory(page=page, article=other)
                other.photos.add(photo)
        url = article.get_absolute_url() if where == "article" else page.get_absolute_url()
        html = client.get(url).content.decode()
        assert len(pictures(html)) >= size
        counts.append(queries(client, url))
    assert counts[0] == counts[1], counts


def test_a_photo_without_renditions_yet_shows_no_image_and_never_the_original(client):
    photo = PhotoFactory()  # like the bench archive: no renditions made yet
    article = ArticleFactory(live=True, kind=Kind.PHOTO)
    article.photos.add(photo)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<img" not in html and "original." not in html
    photo_page = client.get(photo.get_absolute_url()).content.decode()
    assert "<img" not in photo_page and photo.caption in photo_page


def render_figure(**context) -> str:
    return render_to_string("includes/figure.html", context)


def test_the_figure_include_prints_caption_and_credit_when_asked():
    reporter = ReporterFactory(name="郑喜艳")
    photo = PhotoFactory(
        renditions=True, credit_reporter=reporter, credit_text="", caption="冬季健步走活动现场"
    )
    html = render_figure(photo=photo, show_caption=True, lazy=True)
    assert re.search(
        r"<figcaption>冬季健步走活动现场 <span class=\"credit\">郑喜艳 摄</span>", html
    )
    assert 'loading="lazy"' in html
    assert "<figcaption>" not in render_figure(photo=photo)
    assert 'sizes="50vw"' in render_figure(photo=photo, sizes="50vw")
    assert render_figure(photo=None).strip() == ""


def test_an_expired_photo_is_left_out_of_the_page():
    import datetime

    from django.utils import timezone

    photo = PhotoFactory(
        renditions=True, usage_expires=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert render_figure(photo=photo, show_caption=True).strip() == ""
    assert render_to_string("includes/photo_thumbnail.html", {"photo": photo}).strip() == ""
