"""Photos uploaded through the admin, one at a time or many: stored with clean
renditions, or refused with a reason and nothing stored."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags, Image

from media_library.models import Photo, Rendition
from tests.media_library.inspect import assert_clean_image, body, stored_files
from tests.people.factories import ReporterFactory
from tests.support.images import (
    GPS,
    HTML_PAGE,
    SVG_WITH_SCRIPT,
    bomb_png,
    camera_exif,
    camera_jpeg,
    image_bytes,
    truncated_jpeg,
)

pytestmark = pytest.mark.django_db

ADD = reverse("admin:media_library_photo_add")
UPLOAD = reverse("admin:media_library_photo_upload")

HOSTILE = [
    ("cut.jpg", truncated_jpeg(), "图片文件不完整或已损坏"),
    ("bomb.png", bomb_png(), "解压炸弹"),
    ("script.svg", SVG_WITH_SCRIPT, "不支持的文件类型“.svg”"),
    ("script.jpg", SVG_WITH_SCRIPT, "不是图片"),
    ("page.jpg", HTML_PAGE, "不是图片"),
    ("empty.jpg", b"", "文件是空的（0 字节）"),
    ("tiny.jpg", image_bytes(size=(300, 200)), "图片太小"),
    ("really-png.jpg", image_bytes("PNG", color=(1, 2, 3)), "内容却是 PNG 图片"),
]


def post_one(client, name, data, **fields):
    return client.post(ADD, {"file": SimpleUploadedFile(name, data), "_save": "1", **fields})


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_camera_jpeg_is_stored_upright_prefilled_and_served_without_gps(
    admin_client, client, django_capture_on_commit_callbacks
):
    photographer = ReporterFactory(name="张振成", kind="photographer")
    exif = camera_exif(
        orientation=6,  # shot with the camera turned: stored sideways
        artist="张振成",
        description="市中开公司组织管理骨干学习全会精神。",
        taken="2021:11:22 09:05:00",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post_one(admin_client, "管理骨干学习全会精神.jpg", camera_jpeg(exif=exif))
    assert response.status_code == 302, response.context["adminform"].form.errors

    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (800, 1200)
    assert photo.title == "管理骨干学习全会精神"
    assert photo.caption == "市中开公司组织管理骨干学习全会精神。"
    assert photo.credit_reporter == photographer
    assert photo.credit == "张振成 摄"
    assert photo.taken_at == timezone.make_aware(datetime.datetime(2021, 11, 22, 9, 5))

    specs = set(photo.renditions.values_list("spec", flat=True))
    assert specs == {
        f"{name}.{fmt}"
        for name in ("w400", "w800", "card400", "card800", "sq160", "sq320")
        for fmt in ("webp", "jpg")
    }  # w1200 and w1600 would be upscaled from 800 wide: not made

    # Photo news is public once its article is live: readers get renditions.
    from tests.articles.factories import ArticleFactory

    ArticleFactory(live=True).photos.add(photo)
    for rendition in photo.renditions.all():
        served = client.get(rendition.url)
        assert served.status_code == 200
        fmt = rendition.spec.rsplit(".", 1)[1]
        image = assert_clean_image(body(served), fmt, rendition.width, rendition.height)
        if rendition.spec.startswith("w"):
            # turned upright: the left (red) half of the sensor is now on top
            top = image.convert("RGB").getpixel((image.width // 2, 5))
            bottom = image.convert("RGB").getpixel((image.width // 2, image.height - 5))
            assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0], (top, bottom)

    # The original keeps everything, for staff only.
    assert client.get(photo.file_url).status_code == 404
    original = Image.open(__import__("io").BytesIO(body(admin_client.get(photo.file_url))))
    assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)[2] == GPS[2]


@pytest.mark.parametrize(("name", "fmt"), [("hafen.png", "PNG"), ("hafen.webp", "WEBP")])
def test_png_and_webp_are_stored_with_renditions(
    admin_client, django_capture_on_commit_callbacks, name, fmt
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_one(
            admin_client, name, image_bytes(fmt, size=(1700, 1000)), title="港口", alt_text="港口"
        )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.title, photo.width, photo.height) == ("港口", 1700, 1000)
    assert photo.renditions.filter(spec="w1600.webp", width=1600, height=941).exists()
    for rendition in photo.renditions.all():
        with rendition.file.open("rb") as handle:
            fmt = rendition.spec.rsplit(".", 1)[1]
            assert_clean_image(handle.read(), fmt, rendition.width, rendition.height)


@pytest.mark.parametrize(("name", "data", "reason"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_file_is_refused_with_its_reason_and_nothing_stored(
    admin_client, django_capture_on_commit_callbacks, name, data, reason
):
    before = stored_files()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_one(admin_client, name, data, title="标题")
    assert response.status_code == 200
    assert reason in response.context["adminform"].form.errors["file"][0]
    assert reason in response.content.decode()
    assert not Photo.objects.exists()
    assert not Rendition.objects.exists()
    assert stored_files() == before


def test_many_at_once_each_rejected_file_gets_its_own_message(
    admin_client, django_capture_on_commit_callbacks
):
    credit = ReporterFactory(name="许丹丹")
    before = stored_files()
    files = [SimpleUploadedFile(name, data) for name, data, _reason in HOSTILE]
    files += [
        SimpleUploadedFile("一.jpg", camera_jpeg(exif=camera_exif(orientation=1))),
        SimpleUploadedFile("二.png", image_bytes("PNG", size=(900, 600), color=(9, 9, 9))),
        SimpleUploadedFile("三.webp", image_bytes("WEBP", size=(900, 600), color=(7, 7, 7))),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            UPLOAD, {"files": files, "credit_reporter": credit.pk, "rights": "本报版权"}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:media_library_photo_changelist")

    texts = messages_of(response)
    for name, _data, reason in HOSTILE:
        assert any(f"「{name}」未上传" in t and reason in t for t in texts), (name, texts)
    assert any(t.startswith("已上传 3 张图片") for t in texts)

    photos = Photo.objects.order_by("title")
    assert [p.title for p in photos] == ["一", "三", "二"]
    assert all(p.credit_reporter == credit and p.rights == "本报版权" for p in photos)
    assert all(p.renditions.count() >= 12 for p in photos)
    # only the three photos' originals and renditions were written
    new = stored_files() - before
    assert len([f for f in new if f.startswith("photos/")]) == 3
    assert {f for f in new if f.startswith("renditions/")} == set(
        Rendition.objects.values_list("file", flat=True)
    )


def test_when_every_file_is_refused_the_form_comes_back_with_the_reasons(admin_client):
    response = admin_client.post(
        UPLOAD, {"files": [SimpleUploadedFile("page.jpg", HTML_PAGE)]}, follow=True
    )
    assert response.status_code == 200
    assert "「page.jpg」未上传" in response.content.decode()
    assert not Photo.objects.exists()


def test_upload_pages_need_the_add_permission(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x" * 12, is_staff=True)
    client.force_login(user)
    assert client.get(UPLOAD).status_code == 403
    assert client.get(ADD).status_code == 403


def test_iptc_from_an_agency_fills_the_blanks_but_not_what_was_typed(
    admin_client, django_capture_on_commit_callbacks
):
    iptc = {
        (2, 5): "冬季健步走",
        (2, 120): "11月20日，高新区干部职工参加冬季健步走活动。",
        (2, 80): "新华社记者 王某",
        (2, 116): "新华社",
        (2, 55): "20211120",
        (2, 60): "083000+0800",
        (2, 90): "济宁市",
    }
    data = camera_jpeg(exif=camera_exif(gps=False), iptc=iptc)
    with django_capture_on_commit_callbacks(execute=True):
        post_one(admin_client, "DSC_0042.jpg", data, caption="编辑写的说明")
    photo = Photo.objects.get()
    assert photo.title == "冬季健步走"
    assert photo.caption == "编辑写的说明"
    assert photo.credit_reporter is None and photo.credit_text == "新华社记者 王某"
    assert photo.rights == "新华社"
    assert photo.taken_place == "济宁市"
    assert photo.taken_at == datetime.datetime(
        2021, 11, 20, 8, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=8))
    )


def test_a_re_upload_warns_and_links_to_the_photo_already_there(
    admin_client, django_capture_on_commit_callbacks
):
    data = camera_jpeg()
    with django_capture_on_commit_callbacks(execute=True):
        post_one(admin_client, "first.jpg", data)
    first = Photo.objects.get()
    link = reverse("admin:media_library_photo_change", args=[first.pk])

    again = post_one(admin_client, "again.jpg", data)
    assert again.status_code == 200
    assert f'<a href="{link}">' in again.content.decode()
    assert "图库里已有同一张图片" in again.content.decode()
    assert Photo.objects.count() == 1

    many = admin_client.post(UPLOAD, {"files": [SimpleUploadedFile("again.jpg", data)]})
    assert any(f'<a href="{link}">' in t for t in messages_of(many))
    assert Photo.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        post_one(admin_client, "again.jpg", data, allow_duplicate="on")
    assert Photo.objects.count() == 2
    second = Photo.objects.exclude(pk=first.pk).get()
    # same content: the renditions' files are shared, not made twice
    assert set(second.renditions.values_list("file", flat=True)) == set(
        first.renditions.values_list("file", flat=True)
    )
