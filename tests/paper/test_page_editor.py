"""A page's 责任编辑 is shown to readers by a person's name: the byline linked
to the login, else the full name; never the login nor a role's name."""

import pytest
from django.contrib.auth import get_user_model

from people.selectors import public_name
from tests.paper.factories import PageFactory
from tests.people.factories import ReporterFactory
from tests.support.crawler import page_text

pytestmark = pytest.mark.django_db


def editor(username="bianji", first_name=""):
    return get_user_model().objects.create_user(username, first_name=first_name, is_staff=True)


def shown(client, page):
    return page_text(client.get(page.get_absolute_url()))


def test_the_byline_linked_to_the_login_names_the_editor(client):
    user = editor(first_name="编辑")
    ReporterFactory(name="陈静", user=user)
    assert "责任编辑：陈静" in shown(client, PageFactory(editor=user))


def test_the_full_name_when_no_byline_is_linked(client):
    assert "责任编辑：李晓梅" in shown(client, PageFactory(editor=editor(first_name="李晓梅")))


@pytest.mark.parametrize("first_name", ["", "编辑", "总编", "bianji"])
def test_never_a_login_or_a_role_name(client, first_name):
    text = shown(client, PageFactory(editor=editor(first_name=first_name)))
    assert "责任编辑" not in text and "bianji" not in text


def test_public_name_of_nobody_is_empty():
    assert public_name(None) == ""
