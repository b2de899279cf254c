"""The bench's own database: a sibling of ``DATABASE_URL`` named ``<name>_bench``.

Building the archive takes a minute or two, so a database already built with
the same parameters (and the same generator code) is reused: the parameters
are written on the database itself, as its comment.
"""

import hashlib
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Archive:
    years: int = 5
    pages: int = 8
    per_page: int = 4
    photos: int = 2000
    seed: int = 2021

    def fingerprint(self) -> str:
        code = hashlib.sha1(usedforsecurity=False)
        for name in ("archive.py", "text.py"):
            code.update((Path(__file__).parent / name).read_bytes())
        return (
            f"newsroom-bench years={self.years} pages={self.pages} per-page={self.per_page} "
            f"photos={self.photos} seed={self.seed} renditions code={code.hexdigest()[:12]}"
        )

    def arguments(self) -> list[str]:
        return [
            f"--years={self.years}",
            f"--pages={self.pages}",
            f"--per-page={self.per_page}",
            f"--photos={self.photos}",
            f"--seed={self.seed}",
        ]


def sibling_url(database_url: str, suffix: str = "_bench") -> tuple[str, str]:
    """``(url of <name><suffix> on the same server, that name)``."""
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/") + suffix
    return urlunsplit(parts._replace(path="/" + name)), name


@contextmanager
def _cursor(url: str):
    """An autocommit cursor (CREATE/DROP DATABASE cannot run in a transaction)."""
    connection = psycopg2.connect(url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            yield cursor
    finally:
        connection.close()


def _maintenance(database_url: str):
    return _cursor(urlunsplit(urlsplit(database_url)._replace(path="/postgres")))


def _comment(cursor, name: str) -> str | None:
    cursor.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        [name],
    )
    row = cursor.fetchone()
    return None if row is None else (row[0] or "")


def ensure(
    database_url: str, archive: Archive, env: dict, log=print, suffix: str = "_bench"
) -> dict:
    """Make sure the bench database exists, migrated and built; return its counts.

    ``env`` is the environment for ``manage.py`` (with the bench database).
    """
    bench_url, name = sibling_url(database_url, suffix)
    wanted = archive.fingerprint()
    with _maintenance(database_url) as cursor:
        comment = _comment(cursor, name)
        if comment is not None and comment != wanted:
            log(f"数据库 {name} 的生成参数不同（{comment or '未知'}），重新生成。")
            cursor.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            comment = None
        if comment is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
    if comment == wanted:
        log(f"沿用已生成的档案数据库 {name}（{wanted}）。")
    else:
        log(f"在 {name} 中生成档案（{wanted}）……")
        subprocess.run([*manage, "buildarchive", *archive.arguments()], env=env, check=True)
        # Pages show photos only from renditions: make them, as uploads would.
        subprocess.run([*manage, "renditions"], env=env, check=True)
        with _cursor(bench_url) as cursor:
            cursor.execute("VACUUM ANALYZE")
        with _maintenance(database_url) as cursor:
            cursor.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                    sql.Identifier(name), sql.Literal(wanted)
                )
            )
    return {"database": name, "url": bench_url, "archive": wanted}
