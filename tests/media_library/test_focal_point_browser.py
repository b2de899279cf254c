"""In a real browser: clicking the photo in the admin sets its focal point, and
saving remakes the crops around it."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from media_library.specs import focal_key
from tests.media_library.factories import PhotoFactory
from tests.support.images import red_in, with_red_corner

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def page(live_server, admin_user, client, browser):
    client.force_login(admin_user)
    cookie = client.cookies["sessionid"]
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return context.new_page()


def test_clicking_the_photo_sets_the_focal_point_and_crops_follow(page, live_server):
    photo = PhotoFactory(file=ContentFile(with_red_corner(), name="corner.png"), renditions=True)
    assert not any(red_in(r) for r in photo.renditions.all() if r.spec.startswith("card"))

    page.goto(live_server.url + reverse("admin:media_library_photo_change", args=[photo.pk]))
    image = page.locator("[data-focal-point] img")
    image.wait_for()
    marker = page.locator(".focal-point__marker")
    assert marker.is_hidden()
    box = image.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.93, box["y"] + box["height"] * 0.125)
    assert marker.is_visible()
    assert page.input_value("#id_focal_x") == "0.930"
    assert page.input_value("#id_focal_y") == "0.125"

    page.click("input[name=_save]")
    page.wait_for_url("**/media_library/photo/")

    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y) == (0.93, 0.125)
    crops = [r for r in photo.renditions.all() if r.spec.startswith(("card", "sq"))]
    assert all(focal_key((0.93, 0.125)) in r.file.name for r in crops)
    assert all(red_in(r) for r in crops)
