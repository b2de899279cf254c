"""A hostile-request sweep: every URL pattern of the site, admin included, asked
with malformed, huge, negative and overflowing path parameters and query
strings. Any answer is fine but a server error.

The URLconf is walked recursively, so a pattern added tomorrow is swept
tomorrow. Each parameter in turn gets every hostile value of its kind while
the others keep a plausible one (an object that exists), and each pattern,
filled plausibly, gets every hostile query string. The same sweep runs on
PostgreSQL in the test suite and on SQLite in a process of its own
(``python manage.py shell -c "from tests.support.hostile import main; main()"``).
"""

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Model
from django.test import Client
from django.test.utils import setup_test_environment
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from reversion.models import Version

from articles.models import Article, Event
from media_library.models import Photo
from paper.models import Issue, Section
from people import roles
from people.models import Reporter

MAX_ID = 2**63 - 1

#: For integer parameters: out of range both ways, past 64 bits, past
#: Python's 4,300-digit limit for int(), other digits, a NUL byte.
HOSTILE_NUMBERS = [
    "0",
    "-1",
    str(MAX_ID + 1),
    "99999999999999999999",
    "9" * 10_240,
    "１２",
    "1e3",
    "1%00",
]
#: For text parameters (slugs, names, paths): NUL bytes, broken %-encoding,
#: invalid UTF-8 (a lone surrogate), odd Unicode, 10 KB, traversal, markup.
HOSTILE_TEXT = [
    "a" * 10_240,
    "a%00b",
    "%ff%fe",
    "%zz%",
    "%ed%a0%80",
    "\u202e\ufeff𝕏",
    "..%2f..%2fetc%2fpasswd",
    "<script>x</script>",
]
HOSTILE_DATES = ["2021-02-30", "0000-00-00", "9999-99-99", "99999-01-01", "2021-1-1"]
#: Query strings for pages without parameters (lists, searches, the admin's
#: changelists and its own views): page numbers, searches, dates, filters.
HOSTILE_QUERIES = [
    "p=0",
    f"p={MAX_ID + 1}",
    "p=" + "9" * 5_000,
    "p=-1%00",
    "q=" + "字" * 10_240,
    "q=%00%ff%fe%ed%a0%80&section=%00&reporter=%00",
    "q=<script>&start=2021-02-30&end=0000-00-00",
    "start=99999-01-01&end=9999-99-99&section=" + "a" * 10_240,
    "o=99.-99.abc&_to_field=password&_popup=1",
    "id__exact=99999999999999999999&section__id__exact=99999999999999999999",
    "issue__id__exact=-1&pk__in=1,abc&created_at__year=99999999999999999999",
    "term=%00&app_label=media_library&model_name=photo&field_name=credit_reporter",
    "term=" + "a" * 10_240 + "&app_label=articles&model_name=article&field_name=photos",
    "app_label=%00&model_name=..&field_name=password&next=%00",
    "&&&=&=%=",
]
#: What an admin add form is prefilled with, for every field of its model.
HOSTILE_INITIAL = ["%00", "99999999999999999999", "-1,abc"]
#: Fewer for pages about one object: what such views read from the query.
HOSTILE_OBJECT_QUERIES = [
    f"p={MAX_ID + 1}&q=%00%ff",
    "a=99999999999999999999&b=-1",
    "a=%00&b=1e3",
    "_changelist_filters=" + "%25" * 3_000 + "&_to_field=password&_popup=1",
]

#: The URLconf in groups the size of one test each (so the sweep spreads over
#: the test workers): public pages, previews, the admin by app.
GROUPS = {
    "public": lambda t: not t.startswith(("admin/", "preview/")),
    "preview": lambda t: t.startswith("preview/"),
    "admin-site": lambda t: (
        t.startswith("admin/")
        and not t.startswith(
            tuple(f"admin/{app}/" for app in ("articles", "paper", "media_library"))
        )
    ),
    "admin-articles": lambda t: t.startswith("admin/articles/"),
    "admin-paper": lambda t: t.startswith("admin/paper/"),
    "admin-media": lambda t: t.startswith("admin/media_library/"),
}
#: Who sweeps what: readers and the chief editor everything, a superuser
#: what the chief editor may not open (users, groups).
PLAN = [
    *(("anonymous", group) for group in GROUPS),
    *(("chief", group) for group in GROUPS),
    ("superuser", "admin-site"),
]


def in_group(group: str):
    return lambda route: GROUPS[group](route.template)


_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^)]*)\)")


@dataclass(frozen=True)
class Route:
    """One URL pattern: literal text and ``(name, kind)`` parameters in order."""

    parts: tuple
    name: str | None

    @property
    def template(self) -> str:
        return "".join(p if isinstance(p, str) else f"<{p[1]}:{p[0]}>" for p in self.parts)

    @property
    def params(self) -> list[tuple[str, str]]:
        return [p for p in self.parts if not isinstance(p, str)]

    def fill(self, values: dict[str, str]) -> str:
        return "/" + "".join(p if isinstance(p, str) else values[p[0]] for p in self.parts)


def _parts(pattern) -> list:
    if isinstance(pattern, RoutePattern):
        route, parts, end = str(pattern), [], 0
        for match in _PARAMETER.finditer(route):
            parts.append(route[end : match.start()])
            parts.append((match["name"], match["converter"] or "str"))
            end = match.end()
        parts.append(route[end:])
        return [p for p in parts if p != ""]
    if isinstance(pattern, RegexPattern):
        regex, parts, end = str(pattern).lstrip("^").rstrip("$"), [], 0
        for match in _GROUP.finditer(regex):
            parts.append(regex[end : match.start()])
            # An alternation's first choice is its plausible value.
            parts.append((match["name"], "choice:" + match["body"].split("|")[0]))
            end = match.end()
        parts.append(regex[end:])
        return [p for p in parts if p != ""]
    raise TypeError(pattern)


def routes(resolver=None, prefix=()) -> Iterator[Route]:
    """Every URL pattern of the URLconf, recursively."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        parts = (*prefix, *_parts(entry.pattern))
        if isinstance(entry, URLResolver):
            yield from routes(entry, parts)
        elif isinstance(entry, URLPattern):
            yield Route(parts, entry.name)


def admin_model(route: Route) -> type[Model] | None:
    """The model an admin URL is about, from its name (``articles_article_…``)."""
    name = route.name or ""
    found = None
    for model in admin.site._registry:
        key = f"{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(key) and (found is None or len(key) > len(found[0])):
            found = (key, model)
    if found is None and route.template.startswith("admin/"):
        # Django's own unnamed "<object_id>/" redirect: the model from the path.
        literal = [p for p in route.parts if isinstance(p, str)]
        bits = "".join(literal).split("/")
        for model in admin.site._registry:
            if bits[1:3] == [model._meta.app_label, model._meta.model_name]:
                return model
    return found[1] if found else None


def hostile_values(kind: str) -> list[str]:
    if kind in ("id", "int"):
        return HOSTILE_NUMBERS
    if kind == "isodate":
        return HOSTILE_DATES + HOSTILE_NUMBERS[:3]
    if kind == "path":  # the admin's object ids: numbers, and text where one is due
        return HOSTILE_NUMBERS + HOSTILE_TEXT[:3]
    return HOSTILE_TEXT + HOSTILE_NUMBERS


@dataclass
class Plausible:
    """Values that find something: a live article, its issue and page, …"""

    values: dict[str, str]

    def for_route(self, route: Route) -> dict[str, str]:
        model = admin_model(route)
        filled = {}
        for name, kind in route.params:
            if kind.startswith("choice:"):
                filled[name] = kind.removeprefix("choice:") or "x"
            elif name == "object_id" and model is not None:
                first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
                filled[name] = str(first or 1)
            elif f"{route.name}.{name}" in self.values:
                filled[name] = self.values[f"{route.name}.{name}"]
            else:
                filled[name] = self.values.get(name, "1")
        return filled


def requests(plausible: Plausible, only=None) -> Iterator[str]:
    """Every hostile URL: each parameter of each pattern in turn, then each query."""
    for route in routes():
        if only is not None and not only(route):
            continue
        base = plausible.for_route(route)
        for name, kind in route.params:
            for value in hostile_values(kind):
                yield route.fill({**base, name: value})
        url = route.fill(base)
        about_one = any(not kind.startswith("choice:") for _name, kind in route.params)
        for query in HOSTILE_OBJECT_QUERIES if about_one else HOSTILE_QUERIES:
            yield f"{url}?{query}"
        model = admin_model(route)
        if model is not None and (route.name or "").endswith("_add"):
            # The admin prefills an add form from the query: every field, junk.
            names = [f.name for f in model._meta.get_fields() if f.concrete or f.many_to_many]
            for value in HOSTILE_INITIAL:
                yield f"{url}?" + "&".join(f"{name}={value}" for name in names)


@dataclass
class Failure:
    url: str
    status: int | None
    error: str = ""

    def __str__(self):
        shown = self.url if len(self.url) < 160 else f"{self.url[:150]}…({len(self.url)})"
        return f"{self.status or 'exception'} {shown} {self.error}".strip()


def sweep(client, plausible: Plausible, only=None) -> tuple[int, list[Failure]]:
    """GET every hostile URL with ``client``; ``(requests made, failures)``."""
    count, failures = 0, []
    for url in requests(plausible, only):
        count += 1
        try:
            response = client.get(url)
        except Exception as error:  # the test client re-raises what the view raised
            failures.append(Failure(url, None, f"{type(error).__name__}: {error}"[:300]))
            continue
        if response.status_code >= 500:
            failures.append(Failure(url, response.status_code))
    return count, failures


# --- the same sweep, on whatever database the settings name ------------------------


def plausible_from_database() -> Plausible:
    """Plausible values from what is there (the demo edition, or a test's newsroom)."""
    article = Article.objects.live().order_by("pk").first()
    issue = Issue.objects.released().order_by("date").first()
    page = issue.pages.order_by("number").first() if issue else None
    photo = Photo.objects.order_by("pk").first()
    event = Event.objects.order_by("pk").first()
    version = Version.objects.order_by("pk").first()
    section = Section.objects.order_by("pk").first() or Section(slug="x")
    reporter = Reporter.objects.order_by("pk").first() or Reporter(slug="x")
    values = {
        "pk": str(article.pk if article else 1),
        "slug": article.slug if article else "x",
        "date": issue.date.isoformat() if issue else "2021-11-25",
        "number": str(page.number if page else 1),
        "year": str(issue.date.year if issue else 2021),
        "month": str(issue.date.month if issue else 11),
        "name": "w400.jpg",
        "section": "articles",
        "action": "publish",
        "url": "nowhere/",
        "version_id": str(version.pk if version else 1),
        "content_type_id": "1",
        "id": "1",
        **{f"{name}.slug": section.slug for name in ("section", "section_rss", "section_atom")},
        **{
            f"{name}.slug": reporter.slug
            for name in ("reporter", "reporter_photos", "reporter_portrait")
        },
        "photo.pk": str(photo.pk if photo else 1),
        "photo_file.pk": str(photo.pk if photo else 1),
        "event.pk": str(event.pk if event else 1),
        "event_short.pk": str(event.pk if event else 1),
        "event.slug": event.slug if event else "x",
    }
    return Plausible(values)


def main() -> None:
    """Sweep as an anonymous reader and as staff users; exit 1 on any server error.

    Run with SQLite by ``tests/newsroom/test_hostile_requests.py``: the test
    suite itself refuses SQLite.
    """
    setup_test_environment()
    plausible = plausible_from_database()
    users = get_user_model().objects
    chief = users.filter(username="sweep-chief").first() or users.create_user(
        "sweep-chief", is_staff=True
    )
    chief.groups.add(Group.objects.get(name=roles.CHIEF_EDITOR))
    superuser = users.filter(username="sweep-root").first() or users.create_superuser(
        "sweep-root", "root@example.cn", None
    )
    users = {"anonymous": None, "chief": chief, "superuser": superuser}
    total, failures = 0, []
    for who, group in PLAN:
        client = Client()
        if users[who] is not None:
            client.force_login(users[who])
        count, found = sweep(client, plausible, in_group(group))
        total += count
        failures += found
        print(f"sweep {who} {group}: {count} requests, {len(found)} server errors")
    for failure in failures:
        print(f"FAILED {failure}")
    print(f"swept {total} requests, {len(failures)} server errors")
    sys.exit(1 if failures else 0)
