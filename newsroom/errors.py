"""One way to say why a service refused, in the admin and in commands alike."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def error_text(error: Exception) -> str:
    """The refusal's Chinese message(s): a ``ValidationError``'s joined, else its text."""
    if isinstance(error, ValidationError):
        return "；".join(error.messages)
    return str(error) or _("你没有权限执行这个操作。")
