"""`make soak`: readers and editors at once, for minutes, then an integrity check.

1. The bench archive goes into a sibling database ``<DATABASE_URL name>_soak``
   (reused between runs: each run checks only what it did itself).
2. The site runs under gunicorn on 127.0.0.1 (gthread workers, DEBUG off,
   the page cache on: Redis when there is one, else each worker's memory).
3. Readers: threads with keep-alive connections read public pages at high
   concurrency — home, issues, pages, sections, tags, reporters, search,
   articles, and above all the articles the editors are about to withdraw.
   Every request is logged: when it started and ended, what it got.
4. Editors, at the same time, through the same services the admin calls: a
   reporter files stories that an editor approves and the chief editor
   publishes; two chief editors edit the same live articles at once (the
   loser of each race is refused, never silently overwritten); the chief
   editor withdraws articles one by one; a photographer uploads photos.
   Desk work readers cannot see (drafts, submissions, approvals) goes on
   between, as it does all day.
   Every acknowledged action is logged with its time.
5. Afterwards: requests served, errors (target 0 5xx), p95 latency, and the
   integrity check — every acknowledged edit is in the database (and its
   revision kept), and no reader got a withdrawn article in a request that
   started after the withdrawal was acknowledged.

Run with ``python -m bench.soak`` and ``DATABASE_URL`` set (the
Makefile gives a throwaway PostgreSQL when it is not). ``SOAK_SECONDS``
(default 240), ``SOAK_READERS`` (32), ``SOAK_WORKERS`` (3 × 4 threads).
"""

import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from bench import database, load

ROOT = Path(__file__).resolve().parent.parent


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- what happened, as both sides saw it ---------------------------------------------


@dataclass
class Request:
    started: float
    ended: float
    path: str
    status: int
    body_has: bool  # for watched articles: did the page carry the article's headline?


@dataclass
class Journal:
    """Everything both sides did, with wall-clock times from this one process."""

    requests: list[Request] = field(default_factory=list)
    edits: list[tuple[int, int, str]] = field(default_factory=list)  # article, version, headline
    refused_edits: int = 0
    withdrawals: dict[str, tuple[float, str]] = field(
        default_factory=dict
    )  # path -> (ack, headline)
    published: list[str] = field(default_factory=list)
    photos: list[int] = field(default_factory=list)
    editor_errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, value) -> None:
        with self.lock:
            getattr(self, name).append(value)


# --- readers ---------------------------------------------------------------------------


class Reader(threading.Thread):
    def __init__(self, base: str, urls: dict, watched: dict, journal: Journal, stop, seed):
        super().__init__(daemon=True)
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.urls, self.watched, self.journal, self.stop = urls, watched, journal, stop
        self.rng = random.Random(seed)
        self.connection = None

    def pick(self) -> str:
        roll = self.rng.random()
        if roll < 0.35 and self.watched:  # the articles about to be withdrawn
            return self.rng.choice(list(self.watched))
        kinds = list(self.urls)
        return self.rng.choice(self.urls[self.rng.choice(kinds)])

    def get(self, path: str) -> tuple[int, bytes]:
        for attempt in range(2):
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.connection.request("GET", path, headers={"Host": "127.0.0.1"})
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, OSError):
                self.connection = None  # a closed keep-alive connection: reconnect once
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def run(self):
        while not self.stop.is_set():
            path = self.pick()
            started = time.time()
            try:
                status, body = self.get(path)
            except (http.client.HTTPException, OSError):
                status, body = 599, b""  # no answer at all counts as a server error
            headline = self.watched.get(path)
            has = bool(headline) and status == 200 and headline.encode() in body
            self.journal.add("requests", Request(started, time.time(), path, status, has))


# --- editors ---------------------------------------------------------------------------


class Editor(threading.Thread):
    """One desk, acting through the workflow services until told to stop."""

    def __init__(self, name, act, journal: Journal, stop, pause: float, seed: int):
        super().__init__(daemon=True, name=name)
        self.act, self.journal, self.stop, self.pause = act, journal, stop, pause
        self.rng = random.Random(seed)

    def run(self):
        from django.core.exceptions import ValidationError
        from django.db import connection

        try:
            while not self.stop.is_set():
                try:
                    self.act(self.rng)
                except ValidationError as error:
                    if getattr(error, "code", None) == "stale":
                        with self.journal.lock:
                            self.journal.refused_edits += 1
                    else:
                        self.journal.add("editor_errors", f"{self.name}: {error}")
                except Exception as error:  # report, don't hide: the soak fails on these
                    self.journal.add(
                        "editor_errors", f"{self.name}: {type(error).__name__}: {error}"
                    )
                self.stop.wait(self.rng.uniform(0.5, 1.5) * self.pause)
        finally:
            connection.close()


def desk(journal: Journal, watched_queue: list, edit_pool: list[int]):
    """The editors' actions, as functions of a random generator."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils.encoding import iri_to_uri

    from articles import services
    from articles.body import from_blocks
    from articles.models import Article, Byline
    from bench.archive import random_image
    from media_library.services import photo_upload
    from paper.models import Section
    from people import roles
    from people.models import Reporter

    User = get_user_model()

    def user(username, group):
        account, _ = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        account.groups.add(Group.objects.get(name=group))
        return account

    reporter = user("soak-reporter", roles.REPORTER)
    byline, _ = Reporter.objects.get_or_create(name="压测记者", defaults={"user": reporter})
    editor = user("soak-editor", roles.EDITOR)
    chiefs = [user("soak-chief-a", roles.CHIEF_EDITOR), user("soak-chief-b", roles.CHIEF_EDITOR)]
    photographer = user("soak-photographer", roles.PHOTOGRAPHER)
    sections = list(Section.objects.all())
    run = uuid.uuid4().hex[:6]
    counter = iter(range(1, 10**9))

    def file_story(rng):
        n = next(counter)
        article = Article(
            headline=f"压测稿件{run}-{n}",
            dateline="本报讯",
            body=from_blocks([("p", f"这是压测第{n}篇稿件的正文。")]),
            section=rng.choice(sections),
        )
        services.article_save(article=article, by=reporter)
        Byline.objects.create(article=article, reporter=byline, role=Byline.Role.REPORTER)
        services.article_submit(article=article, by=reporter)
        services.article_approve(article=article, by=editor)
        services.article_publish(article=article, by=chiefs[0])
        journal.add("published", iri_to_uri(article.get_absolute_url()))

    def race(rng):
        """Both chief editors open the same live article, then both save."""
        from django.core.exceptions import ValidationError
        from django.db import connection

        pk = rng.choice(edit_pool)
        both_open = threading.Barrier(2)

        def one(chief):
            try:
                article = Article.objects.get(pk=pk)
                seen = article.version
                both_open.wait(timeout=30)
                base = article.headline.split("·")[0]
                article.headline = f"{base}·{chief.username[-1]}{next(counter)}"
                saved = services.article_save(article=article, by=chief, expected_version=seen)
                journal.add("edits", (saved.pk, saved.version, saved.headline))
            except ValidationError as error:
                if getattr(error, "code", None) != "stale":
                    raise
                with journal.lock:  # refused, the text handed back: not lost
                    journal.refused_edits += 1
            except Exception as error:
                journal.add("editor_errors", f"race: {type(error).__name__}: {error}")
            finally:
                connection.close()

        desks = [threading.Thread(target=one, args=(chief,)) for chief in chiefs]
        for thread in desks:
            thread.start()
        for thread in desks:
            thread.join()

    def withdraw(rng):
        if not watched_queue:
            return
        pk, path, headline = watched_queue.pop(0)
        services.article_withdraw(
            article=Article.objects.get(pk=pk), by=chiefs[1], reason="压测撤稿"
        )
        with journal.lock:  # acknowledged: from now on no reader may get it
            journal.withdrawals[path] = (time.time(), headline)

    def upload(rng):
        data = random_image(rng, (1600, 1200))
        photo = photo_upload(
            file=SimpleUploadedFile(f"soak-{next(counter)}.jpg", data, "image/jpeg"),
            by=photographer,
            title="压测图片",
            caption="压测上传的图片",
            alt_text="彩色方块",
            credit_text="压测",
            allow_duplicate=True,
        )
        journal.add("photos", photo.pk)

    # Seconds between actions: a desk far busier than a real one on live
    # articles (a city daily withdraws a story a month, not four a minute),
    # yet leaving the site cache seconds between changes readers can see.
    return {
        "reporter files, editor approves, chief publishes": (file_story, 12.0),
        "two chief editors save the same article at once": (race, 12.0),
        "chief editor withdraws": (withdraw, 12.0),
        "photographer uploads": (upload, 12.0),
    }


# --- setting up, and checking afterwards ------------------------------------------------


def pick_urls(rng: random.Random, watch: int, edit: int):
    from django.urls import reverse
    from django.utils.encoding import iri_to_uri

    from articles import selectors
    from articles.models import Article
    from paper.models import Issue, Page, Section
    from people.selectors import reporters_with_work

    def sample(queryset, count):
        return list(queryset.order_by("?")[:count])

    live = list(Article.objects.live().order_by("-publish_at")[: watch + edit + 200])
    rng.shuffle(live)
    doomed, edited, others = live[:watch], live[watch : watch + edit], live[watch + edit :]
    released = Issue.objects.released()
    urls = {
        "home": ["/"],
        "issue": [i.get_absolute_url() for i in sample(released, 20)],
        "page": [
            p.get_absolute_url()
            for p in sample(Page.objects.filter(issue__in=released).select_related("issue"), 20)
        ],
        "section": [s.get_absolute_url() for s in Section.objects.all()],
        "article": [a.get_absolute_url() for a in others + edited],
        "reporter": [r.get_absolute_url() for r in sample(reporters_with_work(), 20)],
        "tag": [reverse("tag", args=[t.slug]) for t in sample(selectors.tags_for_reader(), 20)],
        "search": [f"/search/?q={quote(w)}" for w in ("竹竿", "招商引资", "疫情防控", "5G")],
    }
    urls = {kind: [iri_to_uri(p) for p in paths] for kind, paths in urls.items()}
    watched = [(a.pk, iri_to_uri(a.get_absolute_url()), a.headline) for a in doomed]
    return urls, watched, [a.pk for a in edited]


def check(journal: Journal) -> dict:
    from reversion.models import Version

    from articles.models import Article, Status

    # Every acknowledged edit is in the database: the latest acknowledged one
    # is the article's text now, and each one's revision was kept.
    latest: dict[int, tuple[int, str]] = {}
    for pk, version, headline in journal.edits:
        if version > latest.get(pk, (0, ""))[0]:
            latest[pk] = (version, headline)
    versions_seen = [(pk, version) for pk, version, _h in journal.edits]
    lost = []
    duplicate_versions = len(versions_seen) - len(set(versions_seen))
    current = dict(Article.objects.filter(pk__in=latest).values_list("pk", "headline"))
    for pk, (_version, headline) in latest.items():
        if current.get(pk) != headline:
            lost.append((pk, headline, current.get(pk)))
    kept = set()
    for version in Version.objects.get_for_model(Article).filter(
        object_id__in=[str(p) for p in latest]
    ):
        fields = json.loads(version.serialized_data)[0]["fields"]
        kept.add((int(version.object_id), fields["headline"]))
    missing_revisions = [
        (pk, headline) for pk, _v, headline in journal.edits if (int(pk), headline) not in kept
    ]

    # No reader got a withdrawn article in a request that started after the
    # withdrawal was acknowledged.
    served_after = [
        r
        for r in journal.requests
        if r.path in journal.withdrawals
        and r.started >= journal.withdrawals[r.path][0]
        and (r.status == 200 or r.body_has)
    ]
    withdrawn_now = Article.objects.filter(
        headline__in=[h for _t, h in journal.withdrawals.values()], status=Status.WITHDRAWN
    ).count()
    return {
        "edits_acknowledged": len(journal.edits),
        "edits_refused_as_stale": journal.refused_edits,
        "lost_edits": len(lost) + duplicate_versions,
        "edits_without_revision": len(missing_revisions),
        "withdrawals_acknowledged": len(journal.withdrawals),
        "withdrawn_in_database": withdrawn_now,
        "withdrawn_served_after_ack": len(served_after),
        "withdrawn_requests_after_ack": sum(
            1
            for r in journal.requests
            if r.path in journal.withdrawals and r.started >= journal.withdrawals[r.path][0]
        ),
        "published": len(journal.published),
        "photos_uploaded": len(journal.photos),
        "editor_errors": journal.editor_errors[:10],
        "details": {"lost": lost[:5], "served_after": [r.__dict__ for r in served_after[:5]]},
    }


def summary(journal: Journal, seconds: float) -> dict:
    requests = journal.requests
    latencies = sorted((r.ended - r.started) * 1000 for r in requests)
    statuses: dict[str, int] = {}
    for r in requests:
        key = f"{r.status // 100}xx"
        statuses[key] = statuses.get(key, 0) + 1
    return {
        "seconds": round(seconds, 1),
        "requests": len(requests),
        "requests_per_second": round(len(requests) / seconds, 1),
        "server_errors_5xx": sum(1 for r in requests if r.status >= 500),
        "statuses": statuses,
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(latencies[int(len(latencies) * 0.95)], 1) if latencies else None,
    }


def main() -> None:
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        sys.exit("make soak 需要 DATABASE_URL（或由 scripts/with-postgres 提供临时数据库）。")
    seconds = float(os.environ.get("SOAK_SECONDS", "240"))
    readers = int(os.environ.get("SOAK_READERS", "32"))
    workers = int(os.environ.get("SOAK_WORKERS", "3"))
    archive = database.Archive(years=int(os.environ.get("SOAK_YEARS", "5")))
    from bench.site import redis_url

    cache_url = redis_url()
    media = ROOT / "var" / "soak" / "media"
    media.mkdir(parents=True, exist_ok=True)
    soak_url, _name = database.sibling_url(database_url, suffix="_soak")
    env = {
        **os.environ,
        "DATABASE_URL": soak_url,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "soak-" + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "HTTPS": "0",
        "BENCH": "1",
        "DEBUG": "",
        "NEWSROOM_DEMO": "",
        "MEDIA_ROOT": str(media),
        "STATIC_ROOT": str(ROOT / "var" / "soak" / "static"),
        "REDIS_URL": cache_url,
        "CACHE_KEY_PREFIX": f"newsroom-soak-{uuid.uuid4().hex[:8]}",
        "PAGE_CACHE": "1",
        "LOG_LEVEL": "WARNING",
    }
    database.ensure(database_url, archive, env, log=log, suffix="_soak")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
    os.environ.update(env)
    import django

    django.setup()

    rng = random.Random(2021)
    urls, watched, edit_pool = pick_urls(rng, watch=60, edit=12)
    journal = Journal()
    stop = threading.Event()
    log(
        f"压测 {seconds:.0f} 秒：{readers} 个读者线程，gunicorn {workers} 进程 × 4 线程，"
        f"缓存 {'Redis' if cache_url else '各进程内存'}"
    )
    server_log = ROOT / "var" / "soak" / "server.log"
    server_log.unlink(missing_ok=True)
    log(f"服务器日志写入 {server_log}")
    with load.gunicorn(
        Path(sys.executable).parent, env, workers=workers, threads=4, log_path=server_log
    ) as (base, _pid):
        watched_paths = {path: headline for _pk, path, headline in watched}
        reader_threads = [
            Reader(base, urls, watched_paths, journal, stop, seed) for seed in range(readers)
        ]
        editors = [
            Editor(name, act, journal, stop, pause, seed)
            for seed, (name, (act, pause)) in enumerate(desk(journal, watched, edit_pool).items())
        ]
        started = time.time()
        for thread in reader_threads + editors:
            thread.start()
        while time.time() - started < seconds:
            time.sleep(5)
            done, withdrawn = len(journal.requests), len(journal.withdrawals)
            log(f"  {time.time() - started:5.0f} 秒：{done} 次请求，撤稿 {withdrawn}")
        stop.set()
        for thread in editors + reader_threads:
            thread.join(timeout=60)
        elapsed = time.time() - started

    traffic = summary(journal, elapsed)
    integrity = check(journal)
    report(traffic, integrity)
    ok = (
        traffic["server_errors_5xx"] == 0
        and integrity["lost_edits"] == 0
        and integrity["edits_without_revision"] == 0
        and integrity["withdrawn_served_after_ack"] == 0
        and integrity["withdrawn_in_database"] == integrity["withdrawals_acknowledged"]
        and not integrity["editor_errors"]
    )
    print(json.dumps({"soak": traffic, "integrity": integrity, "ok": ok}, ensure_ascii=False))
    sys.exit(0 if ok else 1)


def report(traffic: dict, integrity: dict) -> None:
    lines = [
        "",
        f"读者请求      {traffic['requests']}（{traffic['requests_per_second']} 次/秒，"
        f"{traffic['seconds']} 秒）  状态 {traffic['statuses']}",
        f"服务器错误    {traffic['server_errors_5xx']}（目标 0）",
        f"延迟          p50 {traffic['p50_ms']} ms   p95 {traffic['p95_ms']} ms",
        f"编辑          已确认修改 {integrity['edits_acknowledged']}，"
        f"因并发被拒 {integrity['edits_refused_as_stale']}，"
        f"丢失 {integrity['lost_edits']}（目标 0），"
        f"缺版本记录 {integrity['edits_without_revision']}",
        f"发稿与图片    发布 {integrity['published']} 篇"
        # The cluster soak uploads through nginx and reports that on its own line.
        + (
            f"，上传图片 {integrity['photos_uploaded']} 张"
            if integrity.get("photos_uploaded")
            else ""
        ),
        f"撤稿          已确认 {integrity['withdrawals_acknowledged']}，"
        f"撤稿后读者请求 {integrity['withdrawn_requests_after_ack']} 次，"
        f"其中仍读到稿件 {integrity['withdrawn_served_after_ack']}（目标 0）",
    ]
    if integrity["editor_errors"]:
        lines.append("编辑端错误    " + "; ".join(integrity["editor_errors"]))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
