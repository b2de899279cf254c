"""A database made before the paper had apps of its own migrates with nothing lost.

The fixtures are databases built at the last commit of the old layout
(``43399f6``: the "newsroom" app held Section, Issue, Page and Reporter), with
``migrate``, ``loaddemo`` and a few rows a real site would have: a user with
permissions of their own, an admin log entry on an issue. Each is migrated by
today's code, in a process of its own as ``manage.py migrate`` would be, and
every row must still be there: the tables kept their names, the content types
moved to the new app labels, and every role and user keeps its permissions.
"""

import gzip
import os
import sqlite3
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import psycopg2
import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
MOVED = {"reporter": "people", "section": "paper", "issue": "paper", "page": "paper"}
#: Grants later migrations take from a role on purpose (people.0004: the
#: tag admin is the desk's); everything else a role or user held survives.
REVOKED = {
    (f"group:{role}", "taggit", codename)
    for role, codenames in import_module("people.migrations.0004_tags_are_the_desks").TAKEN.items()
    for codename in codenames
}
#: Grants later migrations add on purpose (paper.0003: the desk edits the edition
#: plans; people.0006: the chief editor manages staff accounts).
_plans = import_module("paper.migrations.0003_seed_edition_plans")
ADDED = {
    (f"group:{role}", "paper", f"{action}_{model}")
    for role in _plans.ROLES
    for model in _plans.MODELS
    for action in ("view", "add", "change", "delete")
} | {
    (f"group:{role}", "people", codename)
    for role, codenames in import_module(
        "people.migrations.0006_chief_manages_staff"
    ).GRANTED.items()
    for codename in codenames
}
#: articles.0008: the desk draws the e-paper's hotspots and sees page images.
_hotspots = import_module("articles.migrations.0008_hotspot_roles")
ADDED |= {
    (f"group:{role}", label, f"{action}_{model}")
    for role in _hotspots.ROLES
    for (label, model), actions in _hotspots.GRANTED.items()
    for action in actions
}

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def migrate(database_url: str) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": database_url,
        "NEWSROOM_DEMO": "1",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


class Snapshot:
    """What must survive: every row by primary key, permissions by name."""

    def __init__(self, cursor):
        self.cursor = cursor

    def rows(self, table: str) -> set:
        """The table's column names and its rows."""
        self.cursor.execute(f'SELECT * FROM "{table}"')
        columns = [d[0] for d in self.cursor.description]
        return columns, {tuple(row) for row in self.cursor.fetchall()}

    def granted(self) -> set:
        """(holder, app label, codename) for every group's and user's permission."""
        self.cursor.execute(
            """
            SELECT 'group:' || g.name, ct.app_label, p.codename
            FROM auth_group g
            JOIN auth_group_permissions gp ON gp.group_id = g.id
            JOIN auth_permission p ON p.id = gp.permission_id
            JOIN django_content_type ct ON ct.id = p.content_type_id
            UNION
            SELECT 'user:' || u.username, ct.app_label, p.codename
            FROM auth_user u
            JOIN auth_user_user_permissions up ON up.user_id = u.id
            JOIN auth_permission p ON p.id = up.permission_id
            JOIN django_content_type ct ON ct.id = p.content_type_id
            """
        )
        return set(self.cursor.fetchall())

    def content_types(self) -> dict:
        self.cursor.execute("SELECT id, app_label, model FROM django_content_type")
        return {pk: (app, model) for pk, app, model in self.cursor.fetchall()}


def renamed(app: str, model: str) -> tuple[str, str]:
    """A content type's (app label, model) after the move."""
    return (MOVED[model], model) if app == "newsroom" and model in MOVED else (app, model)


def check_nothing_lost(before: dict, after: dict) -> None:
    for table, (columns, rows) in before["tables"].items():
        # The page cache's own bookkeeping holds nothing of the paper's.
        if table in ("django_migrations", "django_content_type") or table.startswith("sitecache_"):
            continue
        if table == "auth_group_permissions":
            continue  # by name below, where REVOKED is accounted for
        # Columns added since (a page's 字数 budget) are not the old rows' business.
        after_columns, after_rows = after["tables"][table]
        keep = [after_columns.index(column) for column in columns]
        assert rows <= {tuple(row[i] for i in keep) for row in after_rows}, (
            f"rows lost from {table}"
        )
    # The same content type rows, the moved ones under their new labels.
    for pk, (app, model) in before["content_types"].items():
        assert after["content_types"][pk] == renamed(app, model)
    assert not [ct for ct in after["content_types"].values() if ct[0] == "newsroom"]
    # Every role and user holds the same permissions, now named by the new apps.
    expected = set()
    for who, app, codename in before["granted"]:
        model = codename.split("_", 1)[1] if "_" in codename else ""
        new_app = MOVED.get(model, app) if app == "newsroom" else app
        expected.add((who, new_app, codename))
    assert before["granted"] >= REVOKED  # the old roles held them: the test sees the change
    assert after["granted"] == (expected - REVOKED) | ADDED
    assert ("group:总编", "paper", "release_issue") in after["granted"]
    assert ("user:yuanzhang", "paper", "release_issue") in after["granted"]
    # No second set of permissions was made for the moved models.
    labels = [(app, model) for app, model in after["content_types"].values()]
    assert len(labels) == len(set(labels))


def snapshot(cursor) -> dict:
    tables = table_names(cursor)
    snap = Snapshot(cursor)
    return {
        "tables": {t: snap.rows(t) for t in tables},
        "content_types": snap.content_types(),
        "granted": snap.granted(),
    }


def table_names(cursor) -> list[str]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    )
    return [name for (name,) in cursor.fetchall()]


def fixture_text(name: str) -> str:
    with gzip.open(FIXTURES / name, "rt", encoding="utf-8") as dump:
        return dump.read()


def postgres_script() -> str:
    text = fixture_text("main-43399f6.postgres.sql.gz")
    # psql's own commands (\restrict …) are not SQL.
    return "\n".join(line for line in text.splitlines() if not line.startswith("\\"))


def test_a_postgresql_database_from_the_old_layout_migrates_with_nothing_lost(scratch_database):
    params = {k: v for k, v in scratch_database.items() if k != "url"}
    with psycopg2.connect(**params) as conn, conn.cursor() as cursor:
        cursor.execute(postgres_script())
        cursor.execute("SET search_path TO public")
    with psycopg2.connect(**params) as conn, conn.cursor() as cursor:
        before = snapshot(cursor)
    assert before["tables"]["newsroom_issue"][1], "the fixture holds the demo edition"

    migrate(scratch_database["url"])

    with psycopg2.connect(**params) as conn, conn.cursor() as cursor:
        after = snapshot(cursor)
        check_plans_make_the_same_next_issue(cursor)
    check_nothing_lost(before, after)


def check_plans_make_the_same_next_issue(cursor) -> None:
    """paper.0003 seeds every weekday with the pages the next issue got before
    plans: the usual six, overlaid by the latest issue's (names, editors)."""
    cursor.execute(
        "SELECT number, name, editor_id FROM newsroom_page WHERE issue_id = "
        "(SELECT id FROM newsroom_issue ORDER BY date DESC LIMIT 1)"
    )
    latest = set(cursor.fetchall())
    assert latest, "the fixture's issue has pages"
    cursor.execute(
        "SELECT plan.weekday, page.number, page.name, page.editor_id "
        "FROM paper_plannedpage page JOIN paper_editionplan plan ON plan.id = page.plan_id"
    )
    plans = {}
    for weekday, number, name, editor in cursor.fetchall():
        plans.setdefault(weekday, set()).add((number, name, editor))
    assert sorted(plans) == list(range(7))
    numbers = {number for number, _name, _editor in latest} | set(range(1, 7))
    for pages in plans.values():
        assert latest <= pages
        assert {number for number, _name, _editor in pages} == numbers


def sqlite_snapshot(path: Path) -> dict:
    conn = sqlite3.connect(path)
    cursor = conn.cursor()
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    tables = [name for (name,) in cursor.fetchall() if not name.startswith("sqlite_")]
    snap = Snapshot(cursor)
    result = {
        "tables": {t: snap.rows(t) for t in tables},
        "content_types": snap.content_types(),
        "granted": snap.granted(),
    }
    conn.close()
    return result


def test_a_sqlite_database_from_the_old_layout_migrates_with_nothing_lost(tmp_path):
    """`make run`'s database: a laptop that ran the demo before the move keeps it."""
    path = tmp_path / "newsroom.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(fixture_text("main-43399f6.sqlite.sql.gz"))
    conn.close()
    before = sqlite_snapshot(path)

    migrate(f"sqlite:///{path}")

    check_nothing_lost(before, sqlite_snapshot(path))
