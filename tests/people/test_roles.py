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


@pytest.mark.parametrize("role", [roles.REPORTER, roles.PHOTOGRAPHER])
def test_tags_in_the_admin_are_the_desks(client, django_user_model, role):
    """A reporter tags their own articles on the article form; the tag admin,
    which lists every article carrying a tag, drafts included, is the desk's."""
    from taggit.models import Tag

    tag = Tag.objects.create(name="别人草稿里的标签")
    user = django_user_model.objects.create_user("u", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    for url in (f"/admin/taggit/tag/{tag.pk}/change/", "/admin/taggit/tag/"):
        assert client.get(url).status_code == 403, url
    assert client.get("/admin/tag-suggestions/?q=别人").status_code == 200


def test_editors_still_keep_the_tags(client, django_user_model):
    from taggit.models import Tag

    tag = Tag.objects.create(name="标签")
    user = django_user_model.objects.create_user("u", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.EDITOR))
    client.force_login(user)
    assert client.get(f"/admin/taggit/tag/{tag.pk}/change/").status_code == 200
