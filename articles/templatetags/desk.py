"""Small helpers for the desk's admin templates."""

from django import template
from django.utils import timezone

from articles.models import Status
from articles.selectors import dashboard, versions
from people.selectors import user_label

register = template.Library()


@register.filter
def who(user) -> str:
    """A user as the desk names them: full name, else login; 系统 if gone."""
    return user_label(user)


@register.filter
def version_number(article) -> int:
    """第 N 版, counted as everywhere on the desk (the versions kept)."""
    return versions.version_number(article)


@register.inclusion_tag("admin/desk/start.html", takes_context=True)
def start_screen(context):
    """Each desk person's start screen: their notifications and their role's panels."""
    user = context["request"].user
    roles = dashboard.roles_of(user)
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "inbox": dashboard.inbox(context["request"]),
        "reporter": dashboard.reporter_desk(user) if "reporter" in roles else None,
        "photos": dashboard.photo_desk(user) if "photographer" in roles else None,
        "editor": dashboard.editor_desk(user) if "editor" in roles else None,
        "chief": dashboard.chief_desk(user) if "chief" in roles else None,
        "states": Status.choices,
        "now": timezone.now(),
    }


@register.filter
def count_for(counts: dict, status: str) -> int:
    return counts.get(status, 0)


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The header's unread count on every desk page: a story that came back
    reaches its reporter wherever they are working (one indexed count)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return dashboard.unread_count(request)
