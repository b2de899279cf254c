"""Small helpers for the desk's admin templates."""

from django import template

from people.selectors import user_label

register = template.Library()


@register.filter
def who(user) -> str:
    """A user as the desk names them: full name, else login; 系统 if gone."""
    return user_label(user)
