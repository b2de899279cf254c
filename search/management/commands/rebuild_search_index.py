import time

from django.core.management.base import BaseCommand
from django.db import connection

from newsroom.commands import Progress
from search.indexing import index_rebuild


class Command(BaseCommand):
    help = "重建全部稿件的全文检索索引（批量导入之后，或索引损坏时）。可随时运行，读者照常检索。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--fresh",
            action="store_true",
            help="清空后一次性重建（快几倍，但重建期间读者的搜索要等它完成）：用于新建或损坏的索引",
        )

    def handle(self, *args, fresh=False, **options):
        started = time.monotonic()
        count = index_rebuild(progress=Progress("重建检索索引"), fresh=fresh)
        seconds = time.monotonic() - started
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                # Fold the GIN pending list into the index and refresh the
                # planner's statistics, so the first searches are as fast as later ones.
                cursor.execute("VACUUM ANALYZE search_searchentry")
        self.stdout.write(f"已重建 {count} 篇稿件的检索索引，用时 {seconds:.1f} 秒。")
