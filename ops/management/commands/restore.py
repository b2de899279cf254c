from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore


class Command(BaseCommand):
    help = "从 backup 生成的目录恢复数据库和媒体文件，并核对行数。会覆盖当前数据。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="backup 生成的目录")
        parser.add_argument("--yes", action="store_true", help="确认覆盖当前数据库")

    def handle(self, *args, path, yes=False, **options):
        if not yes:
            raise CommandError("恢复会覆盖当前数据库和媒体文件；确认请加 --yes。")
        try:
            counts = restore(Path(path))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("恢复完成：" + "，".join(f"{k} {v}" for k, v in counts.items()))
