import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from articles.models import Article
from bench import search as bench
from bench.archive import build_archive
from newsroom.commands import Progress
from paper.models import Issue
from search.indexing import index_rebuild
from search.models import SearchEntry


class Command(BaseCommand):
    help = (
        "全文检索性能测试：在（新建或已有的）大规模档案上重建索引，测召回与延迟。"
        "只用于测试数据库。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=10, help="每个查询请求几次")
        parser.add_argument(
            "--reuse-index",
            action="store_true",
            help="索引已覆盖全部稿件时不重建（反复比较查询方式时用；不报告重建用时）",
        )

    def handle(self, *args, rounds, reuse_index, **options):
        if connection.vendor != "postgresql":
            raise CommandError("性能测试只在 PostgreSQL 上进行。")
        # BENCH_SEARCH_ONLY=fresh: the fresh searches alone, on the index as it
        # is (when it covers every article), without recall or the cache run: a
        # couple of minutes, for comparing changes to the results page.
        fresh_only = os.environ.get("BENCH_SEARCH_ONLY") == "fresh"
        reuse_index = reuse_index or fresh_only
        if not Issue.objects.exists():
            totals = build_archive(progress=Progress("生成档案"))
            self.stdout.write("已生成档案：" + "，".join(f"{k} {v}" for k, v in totals.items()))
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        articles = Article.objects.count()
        build_seconds = None
        if not (reuse_index and SearchEntry.objects.count() == articles):
            started = time.monotonic()
            # From scratch, as after an import: the figure the target is about.
            articles = index_rebuild(progress=Progress("重建检索索引"), fresh=True)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE search_searchentry")
            build_seconds = time.monotonic() - started
        texts = bench.queries()
        plain = {text: {"q": text} for text in texts}
        narrowed = bench.filtered()
        recalls = None
        if not fresh_only:
            self.stderr.write("对照子串搜索检查召回……")
            recalls = {text: bench.recall(text) for text in texts}
        self.stderr.write(f"测量延迟：{len(texts)} 个查询 × {rounds} 次……")
        with bench.Server(page_cache=False) as server:
            timing = bench.latency(server.port, plain, rounds)
            self.stderr.write(f"筛选搜索：{len(narrowed)} 个 × {rounds} 次……")
            narrowed_timing = bench.latency(server.port, narrowed, rounds)
        if fresh_only:
            bench.report_fresh(
                self.stdout, articles=articles, timing=timing, narrowed=narrowed_timing
            )
            return
        self.stderr.write("再测一遍：站点缓存打开，查询重复……")
        with bench.Server(page_cache=True) as server:
            cached = bench.latency(server.port, plain, rounds)
        bench.report(
            self.stdout,
            articles=articles,
            build_seconds=build_seconds,
            size=bench.index_size(),
            recalls=recalls,
            timing=timing,
            cached=cached,
            narrowed=narrowed_timing,
        )
