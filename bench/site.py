"""`make bench-site`: the reader's pages under load, next to a trivial Django view.

1. A separate database ``<DATABASE_URL name>_bench`` holds the archive from
   ``buildarchive`` (5 years of daily issues, 8 pages each, 58,000 articles),
   reused while its parameters and generator are unchanged.
2. Each page kind gets a list of real URLs from it (random issues, pages,
   articles, reporters, tags; every section), and its query count is taken
   in-process with the cache off (the most any of its URLs costs).
3. The site runs under gunicorn on 127.0.0.1 with DEBUG off, once with the
   page cache off and once on (Redis when there is one), and wrk loads each
   page kind in short runs (BENCH_SECONDS) alternating with the trivial view,
   BENCH_ROUNDS times, with the same settings (``paired``).
4. A table, then ONE JSON line: requests/s, p50/p95 latency, each page's
   ratio to the trivial view, queries per page, gunicorn worker memory.

Run with ``python -m bench.site`` and ``DATABASE_URL`` set (the
Makefile gives a throwaway PostgreSQL when it is not).
"""

import json
import os
import random
import statistics
import subprocess
import sys
import uuid
from pathlib import Path

from bench import database, load

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PAGE_KINDS = ("home", "issue", "page", "section", "article", "reporter", "tag")
TARGETS = {"off": 0.40, "on": 0.85, "queries": 10, "worker_mb": 150}
#: A page rendered afresh (not in the page cache; its fragments kept), median ms.
FRESH_TARGETS_MS = {kind: 10.0 if kind in ("home", "reporter") else 5.0 for kind in PAGE_KINDS}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def redis_url() -> str:
    """REDIS_URL, else a Redis on the usual local port if one answers, else none."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except Exception:
        return ""
    return url


def pick_urls(rng: random.Random) -> dict[str, list[str]]:
    """Real addresses for each page kind, from the bench database (Django set up)."""
    from django.urls import reverse
    from django.utils.encoding import iri_to_uri

    from articles import selectors
    from articles.models import Article
    from paper.models import Issue, Page, Section
    from people.selectors import reporters_with_work

    def sample(queryset, count):
        return list(queryset.order_by("?")[:count])

    released = Issue.objects.released()
    urls = {
        "home": ["/"],
        "issue": [i.get_absolute_url() for i in sample(released, 30)],
        "page": [
            p.get_absolute_url()
            for p in sample(Page.objects.filter(issue__in=released).select_related("issue"), 30)
        ],
        "section": [s.get_absolute_url() for s in Section.objects.all()],
        "article": [a.get_absolute_url() for a in sample(Article.objects.live(), 60)],
        "reporter": [r.get_absolute_url() for r in sample(reporters_with_work(), 30)],
        "tag": [reverse("tag", args=[t.slug]) for t in sample(selectors.tags_for_reader(), 30)],
    }
    for paths in urls.values():
        rng.shuffle(paths)
    return {kind: [iri_to_uri(path) for path in paths] for kind, paths in urls.items()}


def count_queries(urls: dict[str, list[str]]) -> dict[str, int]:
    """The most queries any URL of each kind costs, rendered fresh (cache off)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    most = {}
    for kind, paths in urls.items():
        counts = []
        for path in paths:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"{path} 返回 {response.status_code}")
            counts.append(len(captured))
        most[kind] = max(counts)
    return most


def fresh_render_times(urls, rounds: int = 5) -> dict[str, dict]:
    """Each page rendered afresh in this process, as a reader who misses the page
    cache gets it: the page is not kept, the pieces that recur are (teasers,
    lists, an article's body, an issue's parts). Median and p95 ms per kind,
    next to the trivial view.
    """
    import time

    from django.core.cache import cache
    from django.test import Client, RequestFactory
    from django.test.utils import override_settings

    from sitecache import local
    from sitecache.pages import page_key, page_query

    client = Client(HTTP_HOST="127.0.0.1")
    factory = RequestFactory(HTTP_HOST="127.0.0.1")

    def forget(path):
        request = factory.get(path)
        cache.delete(page_key(request, page_query(request) or ()))
        local.pages().clear()

    kinds = ("trivial", *PAGE_KINDS)
    # The trivial view as often as each kind's ten addresses.
    paths = {kind: urls[kind][:10] if kind in urls else ["/bench/trivial/"] * 10 for kind in kinds}
    times = {kind: [] for kind in kinds}
    cpu = {kind: [] for kind in kinds}
    with override_settings(NEWSROOM_PAGE_CACHE=True):
        for kind in kinds:
            for path in paths[kind]:  # the fragments a live site keeps
                forget(path)
                client.get(path)
        # Round by round, every kind in each: this machine's speed drifts
        # (see ``paired``), and a kind measured all at once would measure
        # its window.
        for _ in range(rounds):
            for kind in kinds:
                for path in paths[kind]:
                    forget(path)
                    started, started_cpu = time.perf_counter(), time.process_time()
                    client.get(path)
                    times[kind].append((time.perf_counter() - started) * 1000)
                    cpu[kind].append((time.process_time() - started_cpu) * 1000)
    # Wall time is the target; this process's CPU time beside it shows how
    # much of it is our own work when other processes share the machine (the
    # database's work is in its own processes).
    figures = {}
    for kind in kinds:
        ordered = sorted(times[kind])
        figures[kind] = {
            "median_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2),
            "cpu_median_ms": round(statistics.median(cpu[kind]), 2),
        }
    return figures


def warm(base, urls, *, connections, seconds=2):
    """Every URL once (so a cache is warm, as it is on a live site), then a
    short run under load."""
    load.visit(base, urls)
    load.wrk(base, urls, seconds=seconds, connections=connections)


def paired(base, urls, *, seconds, connections, rounds):
    """The page and the trivial view in turn, ``rounds`` times each, trivial
    first and last; each page run is compared with the trivial runs on
    either side of it, and the median of those ratios is the page's.

    A shared machine's speed drifts, and here it also drops by half for
    tens of seconds at a time (the trivial view alone went from 2,700 to 940
    req/s and back within one run): a page measured once, in such a window,
    would measure the window. Short alternating runs put both in the same
    windows, and the median leaves out a run that straddled a change.
    """
    trivial = ["/bench/trivial/"]
    warm(base, urls, connections=connections)
    baselines = [load.wrk(base, trivial, seconds=seconds, connections=connections)]
    runs, ratios = [], []
    for _ in range(rounds):
        runs.append(load.wrk(base, urls, seconds=seconds, connections=connections))
        baselines.append(load.wrk(base, trivial, seconds=seconds, connections=connections))
        around = (baselines[-2]["rps"] + baselines[-1]["rps"]) / 2
        ratios.append(runs[-1]["rps"] / around)
    middle = sorted(range(rounds), key=lambda i: ratios[i])[rounds // 2]
    figures = {
        **runs[middle],
        "rps": round(statistics.median(run["rps"] for run in runs), 1),
        "p50_ms": round(statistics.median(run["p50_ms"] for run in runs), 2),
        "p95_ms": round(statistics.median(run["p95_ms"] for run in runs), 2),
        "bad_status": sum(run["bad_status"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
        "ratio": round(statistics.median(ratios), 3),
        "ratios": [round(ratio, 3) for ratio in ratios],
        "trivial_rps_around": round(
            (baselines[middle]["rps"] + baselines[middle + 1]["rps"]) / 2, 1
        ),
    }
    return figures, baselines


def run_mode(mode, env, urls, *, seconds, connections, workers, threads, rounds):
    """Each page kind paired with the trivial view (``paired``), same server."""
    state = "开启" if mode == "on" else "关闭"
    log(f"— 页面缓存{state}：gunicorn {workers} 个进程 × {threads} 线程，wrk {connections} 个连接")
    server_env = {**env, "PAGE_CACHE": "1" if mode == "on" else "0"}
    figures = {}
    server_log = VAR / f"server-cache-{mode}.log"
    server_log.unlink(missing_ok=True)
    with load.gunicorn(
        Path(sys.executable).parent,
        server_env,
        workers=workers,
        threads=threads,
        log_path=server_log,
    ) as (base, pid):
        warm(base, ["/bench/trivial/"], connections=connections)  # like the pages
        baselines = []
        for kind in PAGE_KINDS:
            figures[kind], around = paired(
                base, urls[kind], seconds=seconds, connections=connections, rounds=rounds
            )
            baselines += around
            log(
                f"  {kind:<9} {figures[kind]['rps']:>8.1f} req/s"
                f"  (ratio {figures[kind]['ratio']:.2f}, runs "
                + ", ".join(f"{ratio:.2f}" for ratio in figures[kind]["ratios"])
                + ")"
            )
        rss = load.worker_rss_mb(pid)
    figures["trivial"] = {
        key: round(statistics.median(b[key] for b in baselines), 2)
        for key in ("rps", "p50_ms", "p95_ms")
    }
    figures["trivial"]["rps_runs"] = [b["rps"] for b in baselines]
    return figures, rss


def table(results, queries, rss) -> str:
    head = (
        f"{'page':<9} {'queries':>7} │ {'off req/s':>9} {'p50 ms':>7} {'p95 ms':>7} {'ratio':>6} "
        f"│ {'on req/s':>9} {'p50 ms':>7} {'p95 ms':>7} {'ratio':>6}"
    )
    lines = [head, "─" * len(head)]
    for kind in ("trivial", *PAGE_KINDS):
        row = f"{kind:<9} {queries.get(kind, 0):>7} "
        for mode in ("off", "on"):
            f = results[mode][kind]
            row += (
                f"│ {f['rps']:>9.1f} {f['p50_ms']:>7.2f} {f['p95_ms']:>7.2f} "
                f"{f.get('ratio', 1.0):>6.2f} "
            )
        lines.append(row.rstrip())
    lines.append("─" * len(head))
    lines.append(
        "ratio = median over the rounds of the page's req/s ÷ the trivial view's just before "
        "and after it; req/s, p50, p95: medians of the rounds (trivial row: of all its "
        "runs); queries: the most any URL of the kind costs, cache off"
    )
    lines.append(
        "gunicorn worker RSS after the bench (MB): "
        + ", ".join(f"{mb:.1f}" for mb in rss)
        + f"  (max {max(rss):.1f})"
    )
    return "\n".join(lines)


def fresh_table(fresh) -> str:
    lines = [f"{'page':<9} {'fresh median ms':>15} {'p95 ms':>7} {'cpu ms':>7} {'target':>7}"]
    for kind in ("trivial", *PAGE_KINDS):
        target = FRESH_TARGETS_MS.get(kind)
        mark = (
            "" if target is None else ("met" if fresh[kind]["median_ms"] <= target else "NOT met")
        )
        lines.append(
            f"{kind:<9} {fresh[kind]['median_ms']:>15.2f} {fresh[kind]['p95_ms']:>7.2f} "
            f"{fresh[kind]['cpu_median_ms']:>7.2f} "
            f"{'' if target is None else f'≤ {target:g}':>7} {mark}"
        )
    lines.append(
        "fresh: one process, the page not in the page cache (its recurring pieces kept), "
        "10 URLs × 5 rounds per kind, the kinds in turn each round; "
        "cpu: this process's CPU time, median"
    )
    return "\n".join(lines)


def verdict(results, queries, rss) -> dict:
    return {
        "cache_off_ratio_min": min(results["off"][k]["ratio"] for k in PAGE_KINDS),
        "cache_on_ratio_min": min(results["on"][k]["ratio"] for k in PAGE_KINDS),
        "queries_max": max(queries.values()),
        "worker_rss_mb_max": round(max(rss), 1),
        "met": {
            "cache_off_40pct": all(
                results["off"][k]["ratio"] >= TARGETS["off"] for k in PAGE_KINDS
            ),
            "cache_on_85pct": all(results["on"][k]["ratio"] >= TARGETS["on"] for k in PAGE_KINDS),
            "queries_le_10": max(queries.values()) <= TARGETS["queries"],
            "worker_lt_150mb": max(rss) < TARGETS["worker_mb"],
        },
    }


def forget_cache(cache_url: str, prefix: str) -> None:
    """This run's pages, fragments and stamps out of the shared Redis."""
    if cache_url:
        import redis

        client = redis.Redis.from_url(cache_url)
        for key in client.scan_iter(match=f"{prefix}:*", count=1000):
            client.delete(key)


def main() -> None:
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        sys.exit("make bench 需要 DATABASE_URL（或由 scripts/with-postgres 提供临时数据库）。")
    seconds = int(os.environ.get("BENCH_SECONDS", "3"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "5"))
    connections = int(os.environ.get("BENCH_CONNECTIONS", "8"))
    # The server as production runs it (docker-compose.yml: WEB_CONCURRENCY
    # gthread workers, 4 threads each); BENCH_THREADS=1 gives sync workers.
    workers = int(os.environ.get("BENCH_WORKERS", "3"))
    threads = int(os.environ.get("BENCH_THREADS", "4"))
    archive = database.Archive(years=int(os.environ.get("BENCH_YEARS", "5")))
    cache_url = redis_url()
    prefix = f"newsroom-bench-{uuid.uuid4().hex[:8]}"
    VAR.mkdir(parents=True, exist_ok=True)

    bench_url, _name = database.sibling_url(database_url)
    env = {
        **os.environ,
        "DATABASE_URL": bench_url,
        "SECRET_KEY": "bench-only-" + uuid.uuid4().hex,
        "DEBUG": "0",
        "NEWSROOM_DEMO": "0",
        "BENCH": "1",
        "HTTPS": "0",  # plain http on 127.0.0.1, no redirect to https
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MEDIA_ROOT": str(VAR / "media"),
        "STATIC_ROOT": str(VAR / "static"),
        "REDIS_URL": cache_url,
        "CACHE_KEY_PREFIX": prefix,
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    built = database.ensure(database_url, archive, env, log=log)
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        env=env,
        check=True,
    )

    # Django in this process too: to pick URLs and count queries (cache off).
    os.environ.update({**env, "PAGE_CACHE": "0"})
    import django

    django.setup()
    urls = pick_urls(random.Random(2021))
    queries = {"trivial": 0, **count_queries(urls)}
    from django.db import connections as db_connections

    if os.environ.get("BENCH_SITE_ONLY") == "fresh":
        # The fresh renders alone: a minute instead of the server runs' quarter hour.
        try:
            fresh = fresh_render_times(urls) if cache_url else {}
        finally:
            db_connections.close_all()
            forget_cache(cache_url, prefix)
        print(fresh_table(fresh))
        print(
            json.dumps({"bench": "site-fresh", "archive": built["archive"], "fresh_render": fresh})
        )
        return

    results, memory = {}, []
    try:
        fresh = fresh_render_times(urls) if cache_url else {}
        db_connections.close_all()
        for mode in ("off", "on"):
            results[mode], rss = run_mode(
                mode,
                env,
                urls,
                seconds=seconds,
                connections=connections,
                workers=workers,
                threads=threads,
                rounds=rounds,
            )
            memory += rss
    finally:
        forget_cache(cache_url, prefix)

    print(table(results, queries, memory))
    if fresh:
        print(fresh_table(fresh))
    met = verdict(results, queries, memory)
    print(
        "targets: cache off ≥ 40% of trivial: {cache_off_40pct}; cache on ≥ 85%: "
        "{cache_on_85pct}; ≤ 10 queries: {queries_le_10}; worker < 150 MB: "
        "{worker_lt_150mb}".format(**{k: "met" if v else "NOT met" for k, v in met["met"].items()})
    )
    summary = {
        "bench": "site",
        "archive": built["archive"],
        "server": {
            "workers": workers,
            "worker_class": "gthread" if threads > 1 else "sync",
            "threads": threads,
            "wrk_connections": connections,
            "seconds": seconds,
            "rounds": rounds,
            "cache": "redis" if cache_url else "locmem+database",
        },
        "trivial": {mode: results[mode]["trivial"] for mode in ("off", "on")},
        "pages": {
            kind: {
                "queries": queries[kind],
                "urls": len(urls[kind]),
                **{
                    mode: {
                        key: results[mode][kind][key]
                        for key in (
                            "rps",
                            "p50_ms",
                            "p95_ms",
                            "ratio",
                            "ratios",
                            "trivial_rps_around",
                            "bad_status",
                            "errors",
                        )
                    }
                    for mode in ("off", "on")
                },
            }
            for kind in PAGE_KINDS
        },
        "worker_rss_mb": [round(mb, 1) for mb in memory],
        "fresh_render": fresh,
        "fresh_render_met": {
            kind: fresh[kind]["median_ms"] <= target for kind, target in FRESH_TARGETS_MS.items()
        }
        if fresh
        else {},
        **met,
    }
    print(json.dumps(summary, ensure_ascii=False, separators=(",", ":")))


if __name__ == "__main__":
    main()
