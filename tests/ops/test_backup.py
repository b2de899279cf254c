"""A backup restores into a fresh database with everything intact."""

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Article, Byline
from media_library.models import Photo

ROOT = Path(__file__).resolve().parents[2]


def connection_params(scratch):
    return {k: v for k, v in scratch.items() if k != "url"}


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database(tmp_path, scratch_database):
    from django.contrib.auth.models import Group
    from reversion.models import Version

    from articles.services import article_save

    call_command("loaddemo", "--no-accounts", stdout=io.StringIO())
    article = Article.objects.get(headline="2000多根竹竿解菜农之急")
    chief = get_user_model().objects.create_user("zongbian", is_staff=True)
    chief.groups.add(Group.objects.get(name="总编"))
    article.subheadline = "——屈庄村菜农有了新竹竿"
    article_save(article=article, by=chief)  # a revision to keep
    versions = Version.objects.count()
    assert versions >= 1
    call_command("backup", "--output", str(tmp_path / "backups"), stdout=io.StringIO())
    (backup_dir,) = (tmp_path / "backups").iterdir()

    media = tmp_path / "restored-media"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": scratch_database["url"],
        "MEDIA_ROOT": str(media),
        "SECRET_KEY": "restore-test",
        "HTTPS": "0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(backup_dir), "--yes"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "恢复完成" in result.stdout

    with (
        psycopg2.connect(**connection_params(scratch_database)) as restored,
        restored.cursor() as cursor,
    ):
        cursor.execute("SELECT headline FROM articles_article ORDER BY id")
        assert [r[0] for r in cursor.fetchall()] == list(
            Article.objects.order_by("id").values_list("headline", flat=True)
        )
        cursor.execute("SELECT count(*) FROM articles_byline WHERE article_id = %s", [article.pk])
        assert cursor.fetchone()[0] == Byline.objects.filter(article=article).count() == 2
        cursor.execute("SELECT count(*) FROM reversion_version")
        assert cursor.fetchone()[0] == versions
        cursor.execute("SELECT subheadline FROM articles_article WHERE id = %s", [article.pk])
        assert cursor.fetchone()[0] == "——屈庄村菜农有了新竹竿"
        cursor.execute("SELECT file FROM media_library_photo ORDER BY id")
        files = [r[0] for r in cursor.fetchall()]
    assert len(files) == Photo.objects.count() == 4
    for name in files:
        assert sha(media / name) == sha(Path(settings.MEDIA_ROOT) / name)


@pytest.mark.django_db
def test_restore_refuses_without_confirmation_or_with_a_damaged_backup(tmp_path):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path))
    with pytest.raises(CommandError, match="manifest"):
        call_command("restore", str(tmp_path), "--yes")


@pytest.mark.django_db(transaction=True)
def test_a_corrupted_dump_is_refused_before_anything_is_touched(tmp_path):
    call_command("backup", "--output", str(tmp_path), stdout=io.StringIO())
    (backup_dir,) = tmp_path.iterdir()
    with (backup_dir / "database.dump").open("ab") as dump:
        dump.write(b"garbage")
    before = connection.introspection.table_names()
    with pytest.raises(CommandError, match="校验和不符"):
        call_command("restore", str(backup_dir), "--yes")
    assert connection.introspection.table_names() == before
