"""Users in the newsroom's roles, as the groups from the migrations make them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from people import roles
from people.models import Reporter

PASSWORD = "correct-horse-battery"


def make_user(role: str | None, username: str, *, reporter: bool = True):
    """A staff user in ``role`` (a group name).

    Reporters and photographers also get the Reporter profile their bylines use.
    """
    user = get_user_model().objects.create_user(
        username, password=PASSWORD, is_staff=True, first_name=username
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    if reporter and role in (roles.REPORTER, roles.PHOTOGRAPHER):
        kind = Reporter.Kind.PHOTOGRAPHER if role == roles.PHOTOGRAPHER else Reporter.Kind.STAFF
        Reporter.objects.create(name=f"{username}名", slug=username, kind=kind, user=user)
    return user
