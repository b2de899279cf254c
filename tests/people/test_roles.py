import pytest
from django.contrib.auth.models import Group

from people import roles

pytestmark = pytest.mark.django_db


def test_migrations_create_one_group_per_role():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL)


@pytest.mark.parametrize(
    "role, granted, refused",
    [
        (roles.REPORTER, {"articles.add_article"}, {"articles.publish_article"}),
        (roles.PHOTOGRAPHER, {"media_library.add_photo"}, {"articles.change_article"}),
        (roles.EDITOR, {"articles.review_article"}, {"paper.release_issue"}),
        (
            roles.CHIEF_EDITOR,
            {"articles.publish_article", "articles.withdraw_article", "paper.release_issue"},
            set(),
        ),
    ],
)
def test_role_permissions(django_user_model, role, granted, refused):
    user = django_user_model.objects.create_user("u", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    assert all(user.has_perm(p) for p in granted)
    assert not any(user.has_perm(p) for p in refused)
