"""Bylines rendered the way the paper prints them.

- after a dateline:  本报讯（记者 高轶鹏 通讯员 张晓旭）
- at the end of a feature without one:  （本报记者 高轶鹏）
- under a photo:  郑喜艳 摄

Each function takes the article's bylines in order (prefetched with their
reporters) so a page renders them without extra queries, and an optional
``name`` function that turns a reporter into text - the web pages use it to
link each name to the reporter's page.
"""

from collections.abc import Callable, Iterable

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from articles.models import Byline
from people.models import Reporter

Role = Byline.Role
NameFormat = Callable[[Reporter], str]

#: Roles credited in words before or after the text; photographers are
#: credited under the photos ("XXX 摄"), editors in the page's imprint.
TEXT_ROLES = (Role.REPORTER, Role.CORRESPONDENT, Role.WRITER)


def _plain(reporter: Reporter) -> str:
    return reporter.name


def _join(parts: Iterable[str], sep: str = " ") -> str:
    """Join plain strings, or escape-safe HTML when any part is HTML."""
    parts = list(parts)
    if any(hasattr(p, "__html__") for p in parts):
        return mark_safe(sep.join(conditional_escape(p) for p in parts))
    return sep.join(parts)


def _grouped(bylines: Iterable[Byline], roles) -> list[tuple[str, list[Reporter]]]:
    """``[(role, [reporter, …]), …]`` in the order roles first appear."""
    groups: dict[str, list[Reporter]] = {}
    for byline in bylines:
        if byline.role in roles:
            groups.setdefault(byline.role, []).append(byline.reporter)
    return list(groups.items())


def credit_line(
    bylines: Iterable[Byline], *, own_staff: bool = False, name: NameFormat = _plain
) -> str:
    """记者 高轶鹏 通讯员 张晓旭; with ``own_staff``, staff reporters print as 本报记者."""
    parts = []
    for role, reporters in _grouped(bylines, TEXT_ROLES):
        label = str(Role(role).label)
        staff = all(r.kind == Reporter.Kind.STAFF for r in reporters)
        if role == Role.REPORTER and own_staff and staff:
            label = "本报记者"
        parts.append(_join([label, *(name(r) for r in reporters)]))
    return _join(parts)


def dateline_credit(dateline: str, bylines: Iterable[Byline], *, name: NameFormat = _plain) -> str:
    """本报讯（记者 高轶鹏 通讯员 张晓旭）, or the bare dateline when no one is credited."""
    credit = credit_line(bylines, name=name)
    return _join([dateline, "（", credit, "）"], sep="") if credit else dateline


def signature(bylines: Iterable[Byline], *, name: NameFormat = _plain) -> str:
    """本报记者 高轶鹏: the end byline of an article without a dateline."""
    return credit_line(bylines, own_staff=True, name=name)


def photo_credit(bylines: Iterable[Byline], *, name: NameFormat = _plain) -> str:
    """郑喜艳 摄: the photographers of a photo-news item."""
    names = [name(r) for _role, rs in _grouped(bylines, (Role.PHOTOGRAPHER,)) for r in rs]
    return _join([*names, "摄"]) if names else ""
