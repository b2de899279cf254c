"""`make bench-search`: index build time and size, recall against substring
search, and the search page's latency next to a trivial view's, at archive scale.

Besides the plain queries, a few searches with a reader's filter (a section,
a reporter, a range of dates): a filter changes how many entries a search
reads, and a way that suits the plain query can be the wrong one under a
filter. They are timed and reported apart, so the plain figures stay
comparable from run to run.

Latency is measured over HTTP against gunicorn on 127.0.0.1, one request
at a time, alternating a search and the trivial view so that whatever else
the machine is doing weighs on both alike. Twice: with the site cache off,
every request searching afresh (what the target is about), then with it on,
as the site runs, where a query asked before is served from the cache until
the next change (each query is asked once before timing, so every timed
request is such a repeat).
"""

import datetime
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from taggit.models import TaggedItem

from articles.models import Article, ArticlePhoto, Byline, Correction
from paper.models import Issue, Section
from people.models import Reporter
from search.segment import parse_query
from search.selectors import matching

#: Common words (thousands of hits), rarer ones, mixed Chinese/Latin/digits,
#: one character, several words, long phrases. Reporters' names are added
#: from the archive itself.
QUERIES = [
    "疫情", "招商", "竹竿", "科技创新", "乡村振兴", "营商环境", "工作", "群众", "高新区",
    "疫情防控", "渣土车", "火炬中心", "白龟湖", "尼龙新材料", "人居环境整治", "老旧小区改造",
    "非遗保护", "高新区党工委", "战略科技人才", "量子计算", "5G", "5G基站", "2000多根", "2018年",
    "36人", "村", "疫情 防控", "招商 上海", "高轶鹏", "郑喜艳",
]  # fmt: skip
NAMES = 4
#: (label, query, filter): a common, a medium and a rare word, a one-character
#: prefix and a long phrase, each under a filter of a different size: a section
#: (an eighth of the archive), one reporter (a few hundred articles), the last
#: month, a year long past. Values are filled in from the archive (``filtered``).
FILTERED = [
    ("疫情 栏目", "疫情", "section"),
    ("卢志英 栏目", "卢志英", "section"),
    ("疫情 记者", "疫情", "reporter"),
    ("渣土车 记者", "渣土车", "reporter"),
    ("村 近一月", "村", "month"),
    ("尼龙新材料 一年", "尼龙新材料", "year"),
    ("高轶鹏 一年", "高轶鹏", "year"),
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def queries() -> list[str]:
    names = list(
        Reporter.objects.filter(bylines__isnull=False)
        .distinct()
        .order_by("pk")
        .values_list("name", flat=True)[:NAMES]
    )
    return QUERIES + [name for name in names if name not in QUERIES]


def filtered() -> dict[str, dict[str, str]]:
    """``{label: search page parameters}`` for FILTERED, dated from the archive's
    newest issue (the archive is kept, and ages, between runs)."""
    newest = Issue.objects.order_by("-date").values_list("date", flat=True).first()
    reporter = Reporter.objects.filter(bylines__isnull=False).distinct().order_by("pk").first()
    section = Section.objects.order_by("position", "pk").first()
    days = datetime.timedelta(days=1)
    by_kind = {
        "section": {"section": section.slug},
        "reporter": {"reporter": reporter.slug},
        "month": {"start": str(newest - 30 * days)},
        "year": {"start": str(newest - 800 * days), "end": str(newest - 435 * days)},
    }
    return {label: {"q": text, **by_kind[kind]} for label, text, kind in FILTERED}


def index_size() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_total_relation_size('search_searchentry'),"
            " pg_relation_size('search_entry_vector_gin')"
        )
        total, gin = cursor.fetchone()
    return {"table_bytes": total - gin, "gin_bytes": gin}


def _substring(word: str) -> Q:
    article_type = ContentType.objects.get_for_model(Article)
    own = Q()
    for field in ("headline", "kicker", "subheadline", "summary", "body"):
        own |= Q(**{f"{field}__icontains": word})
    photo = Q()
    for field in ("title", "caption", "credit_text", "credit_reporter__name"):
        photo |= Q(**{f"photo__{field}__icontains": word})
    return (
        own
        | Exists(Byline.objects.filter(article=OuterRef("pk"), reporter__name__icontains=word))
        | Exists(ArticlePhoto.objects.filter(photo, article=OuterRef("pk")))
        | Exists(Correction.objects.filter(article=OuterRef("pk"), text__icontains=word))
        | Exists(
            TaggedItem.objects.filter(
                content_type=article_type, object_id=OuterRef("pk"), tag__name__icontains=word
            )
        )
    )


def recall(query_text: str) -> dict[str, int]:
    """Live articles found by the index and by plain substring search (every word)."""
    query = parse_query(query_text)
    by_index = set(matching(Article.objects.live(), query).values_list("pk", flat=True))
    substring = Article.objects.live()
    for word in query.words:
        substring = substring.filter(_substring(word))
    by_substring = set(substring.values_list("pk", flat=True))
    return {
        "index": len(by_index),
        "substring": len(by_substring),
        "missed": len(by_substring - by_index),
        "extra": len(by_index - by_substring),
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, path: str) -> tuple[float, int, bytes]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return (time.perf_counter() - started) * 1000, response.status, body


class Server:
    """gunicorn serving this project on a free port, as `make run` does, with the bench view."""

    def __init__(self, workers: int = 1, *, page_cache: bool = False):
        self.port = _free_port()
        self.workers = workers
        self.page_cache = page_cache
        self.tmp = tempfile.TemporaryDirectory(prefix="newsroom-bench-search-")

    def __enter__(self):
        base = Path(settings.BASE_DIR)
        env = {
            **os.environ,
            "BENCH": "1",
            "HTTPS": "0",  # plain http on 127.0.0.1, no redirect to https
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "STATIC_ROOT": self.tmp.name,
            "DATABASE_URL": os.environ["DATABASE_URL"],
            "LOG_LEVEL": "WARNING",
            "PAGE_CACHE": "1" if self.page_cache else "0",
        }
        manage = [sys.executable, str(base / "manage.py")]
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [gunicorn, "-c", "python:newsroom.gunicorn_conf", "newsroom.wsgi",
             "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--log-level", "warning"],
            cwd=base, env=env,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while True:
            try:
                if _get(self.port, "/bench/trivial/")[1] == 200:
                    return self
            except OSError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("gunicorn 没有启动。")
            time.sleep(0.2)

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.tmp.cleanup()


def latency(port: int, searches: dict[str, dict[str, str]], rounds: int) -> dict:
    """Each search (``{label: parameters}``) ``rounds`` times, each followed by
    a trivial request."""
    paths = {
        text: "/search/?" + urllib.parse.urlencode(params) for text, params in searches.items()
    }
    for path in [*paths.values(), "/bench/trivial/"]:  # warm up: connections, caches
        _get(port, path)
    per_query = {text: [] for text in searches}
    trivial = []
    for _ in range(rounds):
        for text, path in paths.items():
            ms, status, _body = _get(port, path)
            if status != 200:
                raise RuntimeError(f"{path} 返回 {status}")
            per_query[text].append(ms)
            trivial.append(_get(port, "/bench/trivial/")[0])
    every = [ms for values in per_query.values() for ms in values]
    return {
        "per_query": {
            text: {"p50": percentile(v, 0.5), "p95": percentile(v, 0.95)}
            for text, v in per_query.items()
        },
        "search_p50": percentile(every, 0.5),
        "search_p95": percentile(every, 0.95),
        "trivial_p50": percentile(trivial, 0.5),
        "trivial_p95": percentile(trivial, 0.95),
    }


#: A fresh search's p95 within this many times the trivial view's (issue #14).
TARGET_RATIO = 6


def _fresh_lines(timing: dict, narrowed: dict) -> str:
    """The fresh searches, plain and filtered, each beside the trivial view of its run."""

    def block(t: dict) -> str:
        return (
            f"搜索页  p50 {t['search_p50']:.1f} ms  p95 {t['search_p95']:.1f} ms\n"
            f"空视图  p50 {t['trivial_p50']:.1f} ms  p95 {t['trivial_p95']:.1f} ms\n"
            f"比值    p50 {t['search_p50'] / t['trivial_p50']:.2f}  "
            f"p95 {t['search_p95'] / t['trivial_p95']:.2f}（目标 p95 ≤ {TARGET_RATIO}）\n"
        )

    return (
        "\n不用站点缓存（每次都检索）：\n"
        + block(timing)
        + "\n筛选搜索（栏目、记者、日期），同样不用缓存：\n"
        + block(narrowed)
    )


def _fresh_summary(timing: dict, narrowed: dict) -> dict:
    return {
        "search_p50_ms": round(timing["search_p50"], 2),
        "search_p95_ms": round(timing["search_p95"], 2),
        "trivial_p50_ms": round(timing["trivial_p50"], 2),
        "trivial_p95_ms": round(timing["trivial_p95"], 2),
        "p50_ratio": round(timing["search_p50"] / timing["trivial_p50"], 2),
        "p95_ratio": round(timing["search_p95"] / timing["trivial_p95"], 2),
        "filtered_search_p50_ms": round(narrowed["search_p50"], 2),
        "filtered_search_p95_ms": round(narrowed["search_p95"], 2),
        "filtered_trivial_p50_ms": round(narrowed["trivial_p50"], 2),
        "filtered_trivial_p95_ms": round(narrowed["trivial_p95"], 2),
        "filtered_p50_ratio": round(narrowed["search_p50"] / narrowed["trivial_p50"], 2),
        "filtered_p95_ratio": round(narrowed["search_p95"] / narrowed["trivial_p95"], 2),
    }


def _per_query(out, timing: dict, narrowed: dict) -> None:
    out.write(f"\n{'查询':<14}{'p50 ms':>9}{'p95 ms':>9}\n")
    for text, t in timing["per_query"].items():
        out.write(f"{text:<14}{t['p50']:>9.1f}{t['p95']:>9.1f}\n")
    out.write(f"\n{'筛选搜索':<18}{'p50 ms':>9}{'p95 ms':>9}\n")
    for label, t in narrowed["per_query"].items():
        out.write(f"{label:<18}{t['p50']:>9.1f}{t['p95']:>9.1f}\n")


def report_fresh(out, *, articles, timing, narrowed) -> dict:
    """``BENCH_SEARCH_ONLY=fresh``: the fresh searches alone."""
    out.write(f"\n稿件 {articles} 篇；只测不用缓存的搜索（BENCH_SEARCH_ONLY=fresh）\n")
    _per_query(out, timing, narrowed)
    out.write(_fresh_lines(timing, narrowed))
    summary = {"bench": "search-fresh", "articles": articles, **_fresh_summary(timing, narrowed)}
    out.write(json.dumps(summary, ensure_ascii=False) + "\n")
    return summary


def report(out, *, articles, build_seconds, size, recalls, timing, cached, narrowed) -> dict:
    mb = 1024 * 1024
    built = (
        "未重建索引"
        if build_seconds is None
        else f"重建索引 {build_seconds:.1f} 秒（目标 < 300 秒）"
    )
    out.write(f"\n稿件 {articles} 篇；{built}\n")
    out.write(
        f"索引大小：表（含 TOAST）{size['table_bytes'] / mb:.0f} MB，"
        f"GIN {size['gin_bytes'] / mb:.0f} MB\n\n"
    )
    out.write(
        f"{'查询':<14}{'索引命中':>8}{'子串命中':>8}{'漏检':>6}{'多出':>6}"
        f"{'p50 ms':>9}{'p95 ms':>9}\n"
    )
    for text, counts in recalls.items():
        t = timing["per_query"][text]
        out.write(
            f"{text:<14}{counts['index']:>10}{counts['substring']:>10}{counts['missed']:>8}"
            f"{counts['extra']:>8}{t['p50']:>9.1f}{t['p95']:>9.1f}\n"
        )
    missed = sum(c["missed"] for c in recalls.values())
    cached_ratio = cached["search_p95"] / cached["trivial_p95"]
    out.write(f"\n{'筛选搜索':<18}{'p50 ms':>9}{'p95 ms':>9}\n")
    for label, t in narrowed["per_query"].items():
        out.write(f"{label:<18}{t['p50']:>9.1f}{t['p95']:>9.1f}\n")
    out.write(_fresh_lines(timing, narrowed))
    out.write(
        f"漏检合计 {missed}（目标 0）\n"
        f"\n站点缓存打开、查询重复（每个查询计时前已搜过一次）：\n"
        f"搜索页  p50 {cached['search_p50']:.1f} ms  p95 {cached['search_p95']:.1f} ms\n"
        f"空视图  p50 {cached['trivial_p50']:.1f} ms  p95 {cached['trivial_p95']:.1f} ms\n"
        f"p95 比值 {cached_ratio:.2f}\n"
    )
    summary = {
        "articles": articles,
        "queries": len(recalls),
        "index_build_s": None if build_seconds is None else round(build_seconds, 1),
        "index_table_mb": round(size["table_bytes"] / mb, 1),
        "index_gin_mb": round(size["gin_bytes"] / mb, 1),
        **_fresh_summary(timing, narrowed),
        "cached_search_p50_ms": round(cached["search_p50"], 2),
        "cached_search_p95_ms": round(cached["search_p95"], 2),
        "cached_trivial_p95_ms": round(cached["trivial_p95"], 2),
        "cached_p95_ratio": round(cached_ratio, 2),
        "missed": missed,
        "extra": sum(c["extra"] for c in recalls.values()),
    }
    out.write(json.dumps(summary, ensure_ascii=False) + "\n")
    return summary
