"""What the desk's commands share: acting as a named user, and Chinese errors."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils import timezone


def acting_user(username: str):
    try:
        return get_user_model().objects.get(username=username, is_active=True)
    except get_user_model().DoesNotExist as error:
        raise CommandError(f"没有这个账号：{username}") from error


def local_datetime(value: str) -> datetime.datetime:
    """``2021-11-23 06:00`` (or ``T`` between), read as Beijing time."""
    try:
        naive = datetime.datetime.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"时间格式应为 YYYY-MM-DD HH:MM：{value}") from error
    return naive if timezone.is_aware(naive) else timezone.make_aware(naive)


def refused(error: Exception) -> CommandError:
    if isinstance(error, ValidationError):
        return CommandError("；".join(error.messages))
    return CommandError(str(error) or "没有权限。")
