import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench import search as bench
from bench.archive import build_archive
from newsroom.commands import Progress
from paper.models import Issue
from search.indexing import index_rebuild


class Command(BaseCommand):
    help = (
        "全文检索性能测试：在（新建或已有的）大规模档案上重建索引，测召回与延迟。"
        "只用于测试数据库。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=10, help="每个查询请求几次")

    def handle(self, *args, rounds, **options):
        if connection.vendor != "postgresql":
            raise CommandError("性能测试只在 PostgreSQL 上进行。")
        if not Issue.objects.exists():
            totals = build_archive(progress=Progress("生成档案"))
            self.stdout.write("已生成档案：" + "，".join(f"{k} {v}" for k, v in totals.items()))
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        started = time.monotonic()
        # From scratch, as after an import: the figure the target is about.
        articles = index_rebuild(progress=Progress("重建检索索引"), fresh=True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchentry")
        build_seconds = time.monotonic() - started
        texts = bench.queries()
        self.stderr.write("对照子串搜索检查召回……")
        recalls = {text: bench.recall(text) for text in texts}
        self.stderr.write(f"测量延迟：{len(texts)} 个查询 × {rounds} 次……")
        with bench.Server(page_cache=False) as server:
            timing = bench.latency(server.port, texts, rounds)
        self.stderr.write("再测一遍：站点缓存打开，查询重复……")
        with bench.Server(page_cache=True) as server:
            cached = bench.latency(server.port, texts, rounds)
        bench.report(
            self.stdout,
            articles=articles,
            build_seconds=build_seconds,
            size=bench.index_size(),
            recalls=recalls,
            timing=timing,
            cached=cached,
        )
