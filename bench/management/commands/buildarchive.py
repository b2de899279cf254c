from django.core.management.base import BaseCommand, CommandError

from bench.archive import build_archive
from newsroom.commands import Progress
from paper.models import Issue


class Command(BaseCommand):
    help = "为性能测试生成大规模往期档案（默认5年、每期8版、5万余篇稿件）。只用于测试数据库。"

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--pages", type=int, default=8, help="每期版数")
        parser.add_argument("--per-page", type=int, default=4, help="每版稿件数")
        parser.add_argument("--photos", type=int, default=2000, help="图片条目数")
        parser.add_argument("--seed", type=int, default=2021)
        parser.add_argument(
            "--force", action="store_true", help="数据库里已有期次时仍然生成（默认拒绝）"
        )

    def handle(self, *args, **options):
        if Issue.objects.exists() and not options["force"]:
            raise CommandError("数据库里已有期次；档案只应生成到空的测试数据库（或加 --force）。")
        totals = build_archive(
            years=options["years"],
            pages=options["pages"],
            per_page=options["per_page"],
            photo_count=options["photos"],
            seed=options["seed"],
            progress=Progress("生成档案"),
        )
        self.stdout.write("已生成：" + "，".join(f"{k} {v}" for k, v in totals.items()))
