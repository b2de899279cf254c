"""Who may lay out an issue's pages."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def check_layout(user, issue) -> None:
    """Pages of a released issue are the chief editor's: editors plan, the chief signs."""
    if not user.is_active or not user.has_perm("paper.view_issue"):
        raise PermissionDenied(_("你没有查看期次的权限。"))
    if issue.released_at is not None and not user.has_perm("paper.release_issue"):
        raise PermissionDenied(_("%(issue)s 已签发，只有总编可以调整版面。") % {"issue": issue})
