"""Staff accounts (员工账号): created, linked to a byline, deactivated and given a
new password by the chief editor, never beyond the chief editor's own reach.

Every change is checked here, whoever calls (the admin, a command, a test):
the acting user needs ``people``'s staff-account permissions, gives no role
above their own, never makes a superuser, and touches no account that
reaches higher than they do. Each change is logged (``newsroom.staff``).
"""

import logging

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from people import roles
from people.models import Reporter, StaffAccount

staff_log = logging.getLogger("newsroom.staff")


def rank_of(user) -> int:
    """How far ``user`` reaches: their highest role; a superuser reaches everything."""
    if user.is_superuser:
        return max(roles.RANK.values()) + 1
    names = user.groups.filter(name__in=roles.RANK).values_list("name", flat=True)
    return max((roles.RANK[name] for name in names), default=0)


def role_of(user) -> str:
    """The account's role (its highest group of the newsroom's), or ""."""
    names = list(user.groups.filter(name__in=roles.RANK).values_list("name", flat=True))
    return max(names, key=roles.RANK.__getitem__, default="")


def roles_grantable_by(by) -> list[str]:
    """The roles ``by`` may give: their own and those below it."""
    reach = rank_of(by)
    return [name for name in roles.ALL if roles.RANK[name] <= reach]


def _check(by, action: str) -> None:
    if not (by.is_active and by.has_perm(f"people.{action}_staffaccount")):
        raise PermissionDenied(_("只有总编可以管理员工账号。"))


def _check_role(by, role: str) -> None:
    if role not in roles.RANK:
        raise ValidationError(_("没有“%(role)s”这个角色。") % {"role": role})
    if role not in roles_grantable_by(by):
        raise PermissionDenied(_("不能授予高于自己的角色（%(role)s）。") % {"role": role})


def within_reach(by, user) -> bool:
    """Whether ``by`` may change ``user``: never a superuser, nobody above ``by``."""
    return not user.is_superuser and rank_of(user) <= rank_of(by)


def _check_reach(by, user) -> None:
    if not within_reach(by, user):
        raise PermissionDenied(_("不能修改比自己权限更高的账号（%(user)s）。") % {"user": user})


def _link(user, reporter: Reporter) -> None:
    if reporter.user_id not in (None, user.pk):
        raise ValidationError(
            _("作者“%(reporter)s”已关联账号 %(user)s。")
            % {"reporter": reporter, "user": reporter.user.get_username()}
        )
    Reporter.objects.filter(user=user).exclude(pk=reporter.pk).update(user=None)
    reporter.user = user
    reporter.save(update_fields=["user"])


def _log(event: str, *, user, by, **fields) -> None:
    extra = {
        "staff_user_id": user.pk,
        "staff_username": user.get_username(),
        "by_user_id": by.pk,
        "by_username": by.get_username(),
        **fields,
    }
    transaction.on_commit(lambda: staff_log.info(f"staff.{event}", extra=extra))


@transaction.atomic
def staff_create(
    *,
    username: str,
    role: str,
    by,
    full_name: str = "",
    password: str | None = None,
    reporter: Reporter | None = None,
    new_reporter_kind: str | None = None,
) -> StaffAccount:
    """A staff login in ``role``, credited as ``reporter`` (an existing byline)
    or as a new Reporter of ``new_reporter_kind`` named ``full_name``.

    Without a password the account cannot log in until one is set.
    """
    _check(by, "add")
    _check_role(by, role)
    user = StaffAccount(username=username, first_name=full_name, is_staff=True)
    user.is_superuser = False
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    if reporter is not None:
        _link(user, reporter)
    elif new_reporter_kind:
        if not full_name:
            raise ValidationError(_("新建作者需要填写姓名。"))
        byline = Reporter(name=full_name, kind=new_reporter_kind, user=user)
        byline.full_clean(exclude=["slug"])
        byline.save()
    _log("create", user=user, by=by, role=role)
    return user


@transaction.atomic
def staff_update(
    *, user, by, role: str, full_name: str, reporter: Reporter | None = None
) -> StaffAccount:
    """A new role, name or byline for an account within ``by``'s reach."""
    _check(by, "change")
    _check_reach(by, user)
    _check_role(by, role)
    if user.pk == by.pk and roles.RANK[role] < rank_of(by):
        raise ValidationError(_("不能降低自己的角色。"))
    user.first_name = full_name
    user.save(update_fields=["first_name"])
    user.groups.remove(*Group.objects.filter(name__in=roles.RANK).exclude(name=role))
    user.groups.add(Group.objects.get(name=role))
    if reporter is not None:
        _link(user, reporter)
    _log("update", user=user, by=by, role=role)
    return user


@transaction.atomic
def staff_set_active(*, user, by, active: bool) -> StaffAccount:
    """Deactivate (no login, the history and bylines stay) or reactivate an account."""
    _check(by, "change")
    _check_reach(by, user)
    if user.pk == by.pk and not active:
        raise ValidationError(_("不能停用自己的账号。"))
    user.is_active = active
    user.save(update_fields=["is_active"])
    _log("activate" if active else "deactivate", user=user, by=by)
    return user


@transaction.atomic
def staff_set_password(*, user, by, password: str) -> StaffAccount:
    """A new password, e.g. for a colleague who forgot theirs (told to them in person)."""
    _check(by, "change")
    _check_reach(by, user)
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    _log("password", user=user, by=by)
    return user
