"""What the management commands share: acting as a named user, Beijing times,
refusals as Chinese errors, and a progress bar."""

import datetime
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils import timezone
from tqdm import tqdm

from newsroom.errors import error_text


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
    return CommandError(error_text(error))


class Progress:
    """A progress bar on stderr for long commands, fed ``(done, total)``.

    The one bar every command uses (tqdm); services take any callable of
    that shape, so they know nothing of terminals.
    """

    def __init__(self, label: str, *, unit: str = "", stream=None, disable: bool = False):
        self.label, self.unit, self.stream, self.disable = label, unit, stream, disable
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = tqdm(
                total=total,
                desc=self.label,
                unit=self.unit or "it",
                file=self.stream or sys.stderr,
                disable=self.disable,
            )
        self.bar.total = total
        self.bar.update(done - self.bar.n)
        if done >= total:
            self.bar.close()
