"""Back up and restore the whole newsroom: the database and the media folder.

A backup is a directory holding ``database.dump`` (``pg_dump`` custom format,
or a copy of the SQLite file), ``media.tar.gz`` and ``manifest.json`` (what
was in it: row counts and checksums). Restoring checks the manifest, loads
both, and verifies the row counts afterwards.
"""

import datetime
import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections

#: Row counts written to the manifest and checked after a restore.
COUNTED = [
    "paper.Issue",
    "paper.Page",
    "people.Reporter",
    "articles.Article",
    "articles.Byline",
    "articles.Placement",
    "articles.Correction",
    "media_library.Photo",
    "media_library.Rendition",
    "reversion.Version",
    "auth.User",
]


class BackupError(Exception):
    pass


def _tool(name: str) -> str:
    """``pg_dump``/``pg_restore``: on PATH, else the newest installed PostgreSQL's."""
    found = shutil.which(name)
    if found:
        return found
    for directory in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        candidate = Path(directory) / name
        if candidate.exists():
            return str(candidate)
    raise BackupError(
        f"找不到 {name}：请安装 PostgreSQL 客户端（如 apt-get install postgresql-client）。"
    )


def _pg_args(db: dict) -> tuple[list[str], dict]:
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def row_counts(using: str = "default") -> dict[str, int]:
    return {label: apps.get_model(label).objects.using(using).count() for label in COUNTED}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup(target_dir: Path, *, using: str = "default") -> Path:
    db = settings.DATABASES[using]
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = Path(target_dir) / f"newsroom-{stamp}"
    out.mkdir(parents=True, exist_ok=False)
    dump = out / "database.dump"
    vendor = connections[using].vendor
    if vendor == "postgresql":
        args, env = _pg_args(db)
        command = [
            _tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-acl",
            "--file",
            str(dump),
        ]
        result = subprocess.run(command + args, env=env, capture_output=True, text=True)
        if result.returncode:
            raise BackupError(f"pg_dump 失败：{result.stderr.strip()}")
    elif vendor == "sqlite":
        with sqlite3.connect(db["NAME"]) as source, sqlite3.connect(dump) as copy:
            source.backup(copy)
    else:
        raise BackupError(f"不支持的数据库：{vendor}")

    media = out / "media.tar.gz"
    with tarfile.open(media, "w:gz") as archive:
        root = Path(settings.MEDIA_ROOT)
        if root.exists():
            archive.add(root, arcname="media")
    manifest = {
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "database_vendor": vendor,
        "counts": row_counts(using),
        "files": {p.name: _sha256(p) for p in (dump, media)},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
    return out


def restore(source_dir: Path, *, using: str = "default") -> dict[str, int]:
    source_dir = Path(source_dir)
    manifest_path = source_dir / "manifest.json"
    if not manifest_path.exists():
        raise BackupError(f"{source_dir} 不是备份目录（缺少 manifest.json）。")
    manifest = json.loads(manifest_path.read_text())
    for name, digest in manifest["files"].items():
        if _sha256(source_dir / name) != digest:
            raise BackupError(f"{name} 校验和不符：备份已损坏，拒绝恢复。")

    db = settings.DATABASES[using]
    vendor = connections[using].vendor
    if vendor != manifest["database_vendor"]:
        raise BackupError(f"备份来自 {manifest['database_vendor']}，当前数据库是 {vendor}。")
    connections[using].close()
    dump = source_dir / "database.dump"
    if vendor == "postgresql":
        args, env = _pg_args(db)
        command = [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-acl",
            "--single-transaction",
            "--exit-on-error",
        ]
        result = subprocess.run(
            command + args + [str(dump)], env=env, capture_output=True, text=True
        )
        if result.returncode:
            raise BackupError(f"pg_restore 失败：{result.stderr.strip()}")
    else:
        with sqlite3.connect(dump) as source, sqlite3.connect(db["NAME"]) as target:
            source.backup(target)

    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source_dir / "media.tar.gz", "r:gz") as archive:
        members = [m for m in archive.getmembers() if m.name.startswith("media/")]
        for member in members:
            member.name = member.name.removeprefix("media/")
        # "data" filter: no absolute paths, no links out of the folder.
        archive.extractall(root, members=[m for m in members if m.name], filter="data")

    counts = row_counts(using)
    if counts != manifest["counts"]:
        raise BackupError(f"恢复后的行数与备份不符：{counts} != {manifest['counts']}")
    return counts
