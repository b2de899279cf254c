from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "备份数据库和媒体文件到一个目录（含清单与校验和）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(Path(settings.BASE_DIR) / "var" / "backups"),
            help="备份存放目录",
        )

    def handle(self, *args, output, **options):
        try:
            path = backup(Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"备份完成：{path}")
