"""`make bench-storm`: readers while the desk publishes.

The reader mix of a news day (home, every section, 60 articles, issues,
pages, reporters, tags) and a long tail of 2,000 more article URLs, loaded
by wrk with ``STORM_CONNECTIONS`` (16) connections against gunicorn as in
production, with the page cache on (Redis):

- *calm*: nothing changes;
- *storm*: an editor changes a live article of the mix every 3 s and
  publishes a new story every 10 s, through the same services as the admin.

Each phase runs ``STORM_ROUNDS`` times for ``STORM_SECONDS``, each run next
to the trivial view (``/bench/trivial/``) just before and after it, so the
machine's drift is measured with it. Targets: the storm's throughput at
least 80 % of the calm's, its p95 at most twice the calm's (each as a median
over the rounds of the ratio to the trivial view around it). Prints a table
and one JSON line.

Run with ``python -m bench.storm`` and ``DATABASE_URL`` set (``make
bench-storm`` gives a throwaway PostgreSQL when it is not).
"""

import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from bench import database, load
from bench.site import redis_url

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
TARGETS = {"throughput": 0.80, "p95": 2.0}
EDIT_EVERY, PUBLISH_EVERY = 3.0, 10.0


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def pick_urls(rng: random.Random) -> tuple[list[str], list[int], list[str]]:
    """(the reader mix, the ids of its articles, the long tail), from the bench archive."""
    from django.urls import reverse
    from django.utils.encoding import iri_to_uri

    from articles import selectors
    from articles.models import Article
    from paper.models import Issue, Page, Section
    from people.selectors import reporters_with_work

    def sample(queryset, count):
        return list(queryset.order_by("?")[:count])

    released = Issue.objects.released()
    articles = sample(Article.objects.live(), 2060)
    mix_articles, tail_articles = articles[:60], articles[60:]
    mix = ["/"] * 10  # the front door, as readers use it
    mix += [s.get_absolute_url() for s in Section.objects.all()] * 2
    mix += [a.get_absolute_url() for a in mix_articles]
    recent = list(released.order_by("-date")[:30])  # the issues readers are reading
    mix += [i.get_absolute_url() for i in rng.sample(recent, 10)]
    pages = Page.objects.filter(issue__in=recent).select_related("issue")
    mix += [p.get_absolute_url() for p in sample(pages, 20)]
    mix += [r.get_absolute_url() for r in sample(reporters_with_work(), 15)]
    mix += [reverse("tag", args=[t.slug]) for t in sample(selectors.tags_for_reader(), 15)]
    rng.shuffle(mix)
    tail = [a.get_absolute_url() for a in tail_articles]
    return (
        [iri_to_uri(p) for p in mix],
        [a.pk for a in mix_articles],
        [iri_to_uri(p) for p in tail],
    )


def interleave(mix: list[str], tail: list[str]) -> list[str]:
    """Mostly the mix, one tail URL in four: wrk walks the list in turn."""
    out, tail_iter = [], iter(tail)
    for index, path in enumerate(mix * (len(tail) // len(mix) + 1)):
        out.append(path)
        if index % 3 == 2:
            nxt = next(tail_iter, None)
            if nxt is None:
                break
            out.append(nxt)
    return out


class Desk(threading.Thread):
    """An editor changing a live article every 3 s, publishing a story every 10 s."""

    def __init__(self, article_ids: list[int], stop: threading.Event):
        super().__init__(daemon=True)
        self.article_ids, self.stop = article_ids, stop
        self.edits = self.published = self.errors = 0

    def run(self):
        from django.db import connection

        try:
            self._run()
        finally:
            connection.close()

    def _run(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        from articles import services
        from articles.body import from_blocks
        from articles.models import Article, Byline
        from paper.models import Section
        from people import roles
        from people.models import Reporter

        def user(name, group):
            account, _ = get_user_model().objects.get_or_create(
                username=name, defaults={"is_staff": True}
            )
            account.groups.add(Group.objects.get(name=group))
            return account

        chief, editor = user("storm-chief", roles.CHIEF_EDITOR), user("storm-editor", roles.EDITOR)
        reporter = user("storm-reporter", roles.REPORTER)
        byline, _ = Reporter.objects.get_or_create(name="风暴记者", defaults={"user": reporter})
        sections = list(Section.objects.all())
        rng, run = random.Random(7), uuid.uuid4().hex[:6]
        next_edit = next_publish = time.monotonic()
        while not self.stop.is_set():
            now = time.monotonic()
            try:
                if now >= next_edit:
                    article = Article.objects.get(pk=rng.choice(self.article_ids))
                    article.subheadline = f"更新于 {time.strftime('%H:%M:%S')}"
                    services.article_save(article=article, by=chief)
                    self.edits += 1
                    next_edit += EDIT_EVERY
                if now >= next_publish:
                    story = Article(
                        headline=f"风暴中的新稿{run}-{self.published}",
                        dateline="本报讯",
                        body=from_blocks([("p", "新闻正文。")]),
                        section=rng.choice(sections),
                    )
                    services.article_save(article=story, by=reporter)
                    with services.article_editing(article=story, by=reporter):
                        Byline.objects.create(
                            article=story, reporter=byline, role=Byline.Role.REPORTER
                        )
                    services.article_submit(article=story, by=reporter)
                    services.article_approve(article=story, by=editor)
                    services.article_publish(article=story, by=chief)
                    self.published += 1
                    next_publish += PUBLISH_EVERY
            except Exception as error:
                self.errors += 1
                log(f"编辑出错：{error}")
            self.stop.wait(0.1)


def measured(base, paths, *, seconds, connections, storm_ids=None):
    """One run of ``paths``; with ``storm_ids``, the desk works meanwhile."""
    desk = None
    if storm_ids is not None:
        stop = threading.Event()
        desk = Desk(storm_ids, stop)
        desk.start()
    run = load.wrk(base, paths, seconds=seconds, connections=connections)
    if desk is not None:
        stop.set()
        desk.join()
        run["desk"] = {"edits": desk.edits, "published": desk.published, "errors": desk.errors}
    return run


def alternate(base, paths, *, seconds, connections, rounds, storm_ids):
    """``rounds`` pairs of a calm run and a storm run, each between two trivial runs.

    The machine's speed drifts within minutes, so the two phases take turns
    rather than one after the other, and every run is compared with the
    trivial view measured just before and after it.
    """
    trivial = ["/bench/trivial/"]
    before = load.wrk(base, trivial, seconds=seconds, connections=connections)
    runs = {"calm": [], "storm": []}
    for _ in range(rounds):
        for name, ids in (("calm", None), ("storm", storm_ids)):
            run = measured(base, paths, seconds=seconds, connections=connections, storm_ids=ids)
            after = load.wrk(base, trivial, seconds=seconds, connections=connections)
            around_rps = (before["rps"] + after["rps"]) / 2
            around_p95 = (before["p95_ms"] + after["p95_ms"]) / 2
            run["rps_ratio"] = run["rps"] / around_rps
            run["p95_ratio"] = run["p95_ms"] / around_p95
            run["trivial_rps"], run["trivial_p95_ms"] = around_rps, around_p95
            runs[name].append(run)
            log(f"  {name}: {run['rps']:.0f} req/s p95 {run['p95_ms']:.1f} ms")
            before = after
    return runs["calm"], runs["storm"]


def summarise(runs) -> dict:
    def median(key):
        return round(statistics.median(run[key] for run in runs), 3)

    return {
        "rps": median("rps"),
        "p50_ms": median("p50_ms"),
        "p95_ms": median("p95_ms"),
        "rps_ratio": median("rps_ratio"),
        "p95_ratio": median("p95_ratio"),
        "trivial_rps": median("trivial_rps"),
        "trivial_p95_ms": median("trivial_p95_ms"),
        "bad_status": sum(run["bad_status"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
        "rounds": [
            {k: round(v, 3) if isinstance(v, float) else v for k, v in run.items()} for run in runs
        ],
    }


def main() -> None:
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        sys.exit(
            "make bench-storm 需要 DATABASE_URL（或由 scripts/with-postgres 提供临时数据库）。"
        )
    cache_url = redis_url()
    if not cache_url:
        sys.exit(
            "make bench-storm 需要 Redis（REDIS_URL，或本机 6379 端口）：页面缓存要在进程间共享。"
        )
    seconds = int(os.environ.get("STORM_SECONDS", "15"))
    rounds = int(os.environ.get("STORM_ROUNDS", "4"))
    connections = int(os.environ.get("STORM_CONNECTIONS", "16"))
    workers = int(os.environ.get("BENCH_WORKERS", "3"))
    threads = int(os.environ.get("BENCH_THREADS", "4"))
    archive = database.Archive(years=int(os.environ.get("BENCH_YEARS", "5")))
    prefix = f"newsroom-storm-{uuid.uuid4().hex[:8]}"
    VAR.mkdir(parents=True, exist_ok=True)
    bench_url, _name = database.sibling_url(database_url)
    env = {
        **os.environ,
        "DATABASE_URL": bench_url,
        "SECRET_KEY": "bench-only-" + uuid.uuid4().hex,
        "DEBUG": "0",
        "NEWSROOM_DEMO": "0",
        "BENCH": "1",
        "HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MEDIA_ROOT": str(VAR / "media"),
        "STATIC_ROOT": str(VAR / "static"),
        "REDIS_URL": cache_url,
        "CACHE_KEY_PREFIX": prefix,
        "PAGE_CACHE": "1",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    database.ensure(database_url, archive, env, log=log)
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        env=env,
        check=True,
    )
    # Django in this process too: to pick URLs, and for the desk's services,
    # which tell the server's cache (the same Redis) what they changed.
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connections as db_connections

    mix, mix_ids, tail = pick_urls(random.Random(2021))
    db_connections.close_all()
    paths = interleave(mix, tail)
    log(
        f"读者：{len(set(mix))} 个常读网址 + {len(tail)} 个长尾稿件网址；"
        f"gunicorn {workers} × {threads}，wrk {connections} 个连接，"
        f"每段 {seconds} 秒 × {rounds} 轮"
    )
    server_log = VAR / "server-storm.log"
    server_log.unlink(missing_ok=True)
    try:
        with load.gunicorn(
            Path(sys.executable).parent, env, workers=workers, threads=threads, log_path=server_log
        ) as (base, _pid):
            # A live site's cache is warm for what readers read, the long tail included.
            load.visit(base, sorted(set(paths)))
            load.wrk(base, paths, seconds=5, connections=connections)
            calm, storm = alternate(
                base,
                paths,
                seconds=seconds,
                connections=connections,
                rounds=rounds,
                storm_ids=mix_ids,
            )
    finally:
        import redis

        client = redis.Redis.from_url(cache_url)
        for key in client.scan_iter(match=f"{prefix}:*", count=1000):
            client.delete(key)

    result = {"calm": summarise(calm), "storm": summarise(storm)}
    throughput = result["storm"]["rps_ratio"] / result["calm"]["rps_ratio"]
    p95 = result["storm"]["p95_ratio"] / result["calm"]["p95_ratio"]
    result["verdict"] = {
        "throughput_storm_over_calm": round(throughput, 3),
        "p95_storm_over_calm": round(p95, 3),
        "met": {
            "throughput_ge_80pct": throughput >= TARGETS["throughput"],
            "p95_le_2x": p95 <= TARGETS["p95"],
        },
    }
    print(table(result))
    print(json.dumps({"bench": "storm", **result}, ensure_ascii=False))


def table(result) -> str:
    head = (
        f"{'phase':<7} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} │ "
        f"{'÷trivial':>8} {'p95÷triv':>8} │ desk"
    )
    lines = [head, "─" * len(head)]
    for name in ("calm", "storm"):
        f = result[name]
        desk = [r.get("desk") for r in f["rounds"] if r.get("desk")]
        edits, published = sum(d["edits"] for d in desk), sum(d["published"] for d in desk)
        done = (
            f"{edits} edits, {published} published, {sum(d['errors'] for d in desk)} errors"
            if desk
            else "-"
        )
        lines.append(
            f"{name:<7} {f['rps']:>8.1f} {f['p50_ms']:>7.2f} {f['p95_ms']:>7.2f} │ "
            f"{f['rps_ratio']:>8.3f} {f['p95_ratio']:>8.2f} │ {done}"
        )
    v = result["verdict"]
    lines.append("─" * len(head))
    lines.append(
        f"storm ÷ calm: throughput {v['throughput_storm_over_calm']:.2f} (target ≥ 0.80), "
        f"p95 {v['p95_storm_over_calm']:.2f} (target ≤ 2.0); medians of the rounds, each "
        "against the trivial view just before and after it"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
