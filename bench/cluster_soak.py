"""`make cluster-soak`: the soak's readers and editors on the cluster of
``make cluster``, with the faults of issue 18 injected on a schedule.

Readers go through nginx (``bench.soak.Reader``). So does the desk
(``bench.desk_http``): a reporter files in the admin's article form, an
editor approves, the chief editor publishes and withdraws on the workflow
confirmation pages, two chief editors save the same article's form at once
(its version field decides), each role logged in with its own session.
Photos are uploaded in the admin's upload form, as a photographer does, so
the message shown during the object store's outage is the one checked. A
desk step counts only when the admin's answer says it succeeded; one refused
(503, connection refused, the conflict page) is not acknowledged, and is
allowed only inside a fault window.

Fault windows, each logged with its time (seconds from the start):

1. ``web``: kill -9 one web node, restart it 15 s later;
2. ``redis``: restart Redis; then stop it for 20 s;
3. ``replica``: pause the replica's replay for 15 s (it lags), resume; then
   stop the replica for 15 s;
4. ``primary``: restart the PostgreSQL primary;
5. ``s3``: the S3 server stops answering for 20 s (SIGSTOP, data kept).

Reported per window and for the quiet time after it: requests, 5xx, p95.
Afterwards, the integrity check of ``make soak`` (every acknowledged edit
present with its revision; no read of a withdrawn article that started after
the withdrawal was acknowledged, replica lag included) and the uploads:
during the outage refused with the message, every acknowledged one stored
with its file, none of the refused ones stored at all.

``SOAK_READERS`` (default 16). A table, one JSON line, and the exit status.
"""

import http.cookiejar
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from bench import desk_http, soak
from bench.cluster import Cluster, log

ROOT = Path(__file__).resolve().parent.parent
STORAGE_MESSAGE = "图片存储暂时无法连接"
RESULT = ROOT / "var" / "cluster" / "soak-result.json"

#: (seconds from the start, what is done). A window runs from its first
#: action to the next quiet stretch; "after" is the stretch after it.
SCHEDULE = [
    (20, "web", "kill -9 web2", lambda c: c.web_kill(2)),
    (35, "web", "web2 restarted", lambda c: c.web_start(2)),
    (60, "redis", "Redis restarted", lambda c: c.redis_restart()),
    (75, "redis", "Redis stopped", lambda c: c.redis_stop()),
    (95, "redis", "Redis started", lambda c: c.redis_start()),
    (120, "replica", "replica replay paused", lambda c: c.replica_pause()),
    (135, "replica", "replica replay resumed", lambda c: c.replica_resume()),
    (145, "replica", "replica stopped", lambda c: c.replica_stop()),
    (160, "replica", "replica started", lambda c: c.replica_start()),
    (185, "primary", "primary restarted", lambda c: c.primary_restart()),
    (210, "s3", "S3 frozen", lambda c: c.s3_freeze()),
    (230, "s3", "S3 answering again", lambda c: c.s3_thaw()),
]
#: A window lasts this long past its last action (requests in flight, recovery).
SETTLE = 8
END = 260


@dataclass
class Upload:
    started: float
    ended: float
    title: str
    outcome: str  # stored | refused | 503 | error
    detail: str = ""


@dataclass
class Faults:
    log: list[tuple[float, str, str]] = field(default_factory=list)  # (time, window, what)
    database_refusals: list[tuple[float, str]] = field(default_factory=list)


class ClusterJournal(soak.Journal):
    """The soak's journal; an editor's error keeps its time."""

    def __init__(self):
        super().__init__()
        self.timed_errors: list[tuple[float, str]] = []

    def add(self, name, value):
        if name == "editor_errors":
            with self.lock:
                self.timed_errors.append((time.time(), value))
            return
        super().add(name, value)


def refusal(message: str) -> bool:
    """The site said no (or the soak's own lookup lost the primary): not acknowledged."""
    return (
        message.startswith("refused:")
        or "OperationalError" in message
        or ("InterfaceError" in message)
    )


class Editor(soak.Editor):
    """The soak's desk; a step the site refused is recorded as such, with its
    time (a lookup that lost the primary drops the connection and reconnects)."""

    def run(self):
        from django.core.exceptions import ValidationError
        from django.db import InterfaceError, OperationalError, close_old_connections, connection

        while not self.stop.is_set():
            try:
                # As at the start of a request: a connection the primary's
                # restart broke is noticed (CONN_HEALTH_CHECKS) and replaced.
                close_old_connections()
                self.act(self.rng)
            except desk_http.Refused as error:
                self.journal.add("editor_errors", f"refused: {self.name}: {error}")
            except ValidationError as error:
                if getattr(error, "code", None) == "stale":
                    with self.journal.lock:
                        self.journal.refused_edits += 1
                else:
                    self.journal.add("editor_errors", f"{self.name}: {error}")
            except (OperationalError, InterfaceError) as error:
                self.journal.add("editor_errors", f"{self.name}: {type(error).__name__}: {error}")
                connection.close()
            except Exception as error:
                self.journal.add("editor_errors", f"{self.name}: {type(error).__name__}: {error}")
            self.stop.wait(self.rng.uniform(0.5, 1.5) * self.pause)
        connection.close()


class Photographer(threading.Thread):
    """Logs in to the admin through nginx and uploads photos in its form."""

    def __init__(self, base, username, password, uploads: list, stop, seed):
        super().__init__(daemon=True)
        self.base, self.username, self.password = base, username, password
        self.uploads, self.stop, self.rng = uploads, stop, random.Random(seed)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.run_id = uuid.uuid4().hex[:6]

    def fetch(self, path, data=None, headers=None):
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        with self.opener.open(request, timeout=90) as response:
            return response.status, response.geturl(), response.read().decode()

    def token(self, page: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def login(self) -> None:
        _s, _u, page = self.fetch("/admin/login/?next=/admin/")
        form = {
            "csrfmiddlewaretoken": self.token(page),
            "username": self.username,
            "password": self.password,
            "next": "/admin/",
        }
        _s, url, _page = self.fetch("/admin/login/", urllib.parse.urlencode(form).encode())
        if "/login/" in url:
            raise RuntimeError("摄影记者登录失败")

    def upload(self, n: int) -> Upload:
        from bench.archive import random_image

        title = f"集群压测图片{self.run_id}-{n}"
        started = time.time()
        try:
            _s, _u, page = self.fetch("/admin/media_library/photo/add/")
            if "/login/" in _u:
                self.login()  # asked to log in again: allowed, never another's session
                _s, _u, page = self.fetch("/admin/media_library/photo/add/")
            fields = {
                "csrfmiddlewaretoken": self.token(page),
                "title": title,
                "alt_text": "彩色方块",
                "credit_text": "压测",
                "_save": "1",
            }
            body, content_type = multipart(
                fields, "file", f"{title}.jpg", random_image(self.rng, (1600, 1200))
            )
            _s, url, page = self.fetch(
                "/admin/media_library/photo/add/", body, {"Content-Type": content_type}
            )
        except urllib.error.HTTPError as error:
            outcome = "503" if error.code == 503 else "error"
            return Upload(started, time.time(), title, outcome, f"HTTP {error.code}")
        except OSError as error:
            return Upload(started, time.time(), title, "error", type(error).__name__)
        if not url.rstrip("/").endswith("/add"):
            return Upload(started, time.time(), title, "stored")
        if STORAGE_MESSAGE in page:
            return Upload(started, time.time(), title, "refused")
        errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
        return Upload(started, time.time(), title, "error", " ".join(errors)[:200])

    def run(self):
        try:
            self.login()
        except Exception as error:
            self.uploads.append(Upload(time.time(), time.time(), "", "error", f"login: {error}"))
            return
        n = 0
        while not self.stop.is_set():
            n += 1
            self.uploads.append(self.upload(n))
            self.stop.wait(self.rng.uniform(3, 6))


def multipart(fields: dict, file_field: str, filename: str, data: bytes):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
        f'filename="{urllib.parse.quote(filename)}"\r\nContent-Type: image/jpeg\r\n\r\n'
    )
    body = "".join(parts).encode() + head.encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


# --- the schedule and the report ------------------------------------------------------


def windows(started: float, done: list[tuple[float, str, str]]) -> list[dict]:
    """Each fault window and the quiet after it: from its first action's
    time to SETTLE seconds after its last action was done (a restart that
    took a while extends its window)."""
    spans: dict[str, list[float]] = {}
    for at, name, _what, _act in SCHEDULE:
        spans.setdefault(name, []).append(at)
    for at, name, _what in done:
        spans[name].append(at)
    names = list(spans)
    result = []
    for i, name in enumerate(names):
        begin, end = min(spans[name]), max(spans[name]) + SETTLE
        after_end = min(spans[names[i + 1]]) if i + 1 < len(names) else END
        result.append(
            {
                "name": name,
                "start": started + begin,
                "end": started + end,
                "after_end": started + after_end,
            }
        )
    return result


def traffic(requests) -> dict:
    latencies = sorted((r.ended - r.started) * 1000 for r in requests)
    return {
        "requests": len(requests),
        "5xx": sum(1 for r in requests if r.status >= 500),
        "p95_ms": round(latencies[int(len(latencies) * 0.95)], 1) if latencies else None,
    }


def between(items, start, end):
    """What was under way in [start, end): begun before its end, ended after its start."""
    return [r for r in items if r.started < end and r.ended >= start]


def check_uploads(uploads: list[Upload], s3_window: dict) -> dict:
    from media_library.models import Photo

    rows = {
        p.title: p for p in Photo.objects.filter(title__in=[u.title for u in uploads if u.title])
    }
    stored = [u for u in uploads if u.outcome == "stored"]
    refused = [u for u in uploads if u.outcome in ("refused", "503")]
    during = between(uploads, s3_window["start"], s3_window["end"])
    missing_rows = [u.title for u in stored if u.title not in rows]
    missing_files = [p.title for p in rows.values() if not p.file.storage.exists(p.file.name)]
    half_stored = [u.title for u in refused if u.title in rows]
    return {
        "uploads": len(uploads),
        "stored": len(stored),
        "refused_with_message": sum(1 for u in uploads if u.outcome == "refused"),
        "refused_503": sum(1 for u in uploads if u.outcome == "503"),
        "errors": [f"{u.title}: {u.detail}" for u in uploads if u.outcome == "error"][:10],
        "during_s3_outage": {
            "uploads": len(during),
            "refused_with_message": sum(1 for u in during if u.outcome == "refused"),
            "outcomes": [(u.outcome, round(u.ended - u.started, 1)) for u in during],
            "seconds_to_refuse_max": round(
                max((u.ended - u.started for u in during), default=0), 1
            ),
        },
        "acknowledged_without_photo": len(missing_rows),
        "photos_without_file": len(missing_files),
        "refused_but_stored": len(half_stored),
        "renditions_made": sum(1 for p in rows.values() if p.renditions.exists()),
    }


def main() -> None:
    readers = int(os.environ.get("SOAK_READERS", "16"))
    cluster = Cluster(web_workers=2, threads=4)

    def archive(env):
        manage = [sys.executable, str(ROOT / "manage.py")]
        bench_env = {**env, "BENCH": "1"}
        log("生成压测档案（1 年，每期 4 版）并把图片存入 S3……")
        subprocess.run(
            [*manage, "buildarchive", "--years=1", "--pages=4", "--per-page=4", "--photos=30"],
            env=bench_env,
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run(
            [*manage, "renditions"], env=bench_env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
        )

    journal = ClusterJournal()
    faults = Faults()
    uploads: list[Upload] = []
    stop = threading.Event()
    ok = False
    try:
        cluster.start(data=archive)
        log("集群已就绪：\n" + cluster.describe())
        # The desk's own log lines (Redis unreachable …) would bury the report.
        os.environ.update(cluster.env(BENCH="1", LOG_LEVEL="CRITICAL"))
        os.environ.pop("DATABASE_REPLICA_URL")  # the desk works on the primary, as the admin does
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.db import connections

        from people import roles

        password = uuid.uuid4().hex
        photographer = get_user_model().objects.create_user(
            "cluster-photographer", password=password, is_staff=True
        )
        photographer.groups.add(Group.objects.get(name=roles.PHOTOGRAPHER))

        urls, watched, edit_pool = soak.pick_urls(random.Random(2021), watch=40, edit=10)
        desk = desk_http.desk(cluster.address, journal, watched, edit_pool)
        name = "chief editor withdraws (admin, HTTP)"
        desk[name] = (desk[name][0], 6.0)  # withdrawals inside every window
        watched_paths = {path: headline for _pk, path, headline in watched}
        threads = [
            soak.Reader(cluster.address, urls, watched_paths, journal, stop, seed)
            for seed in range(readers)
        ]
        threads += [
            Editor(name, act, journal, stop, pause, seed)
            for seed, (name, (act, pause)) in enumerate(desk.items())
        ]
        threads += [
            Photographer(cluster.address, photographer.username, password, uploads, stop, 100 + i)
            for i in range(2)
        ]
        log(f"压测 {END} 秒：{readers} 个读者线程经 nginx，两个 web 节点各 2 进程 × 4 线程")
        started = time.time()
        for thread in threads:
            thread.start()
        for at, window, what, act in SCHEDULE:
            time.sleep(max(0, started + at - time.time()))
            try:
                act(cluster)
                faults.log.append((time.time() - started, window, what))
                log(f"  {time.time() - started:5.1f} 秒  故障[{window}] {what}")
            except Exception as error:
                faults.log.append((time.time() - started, window, f"{what} FAILED: {error}"))
                log(f"  {time.time() - started:5.1f} 秒  故障[{window}] {what} 失败：{error}")
            if what == "replica replay paused":
                time.sleep(12)
                lag = cluster.replica_lag_bytes()
                log(f"          备库落后主库 {lag} 字节（回放暂停 12 秒后）")
                faults.log.append(
                    (time.time() - started, window, f"replica behind by {lag} bytes")
                )
        time.sleep(max(0, started + END - time.time()))
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
        elapsed = time.time() - started

        spans = windows(started, faults.log)
        # The primary's restart broke this thread's connection too.
        connections.close_all()
        outside_windows = [
            r
            for r in journal.requests
            if not any(r.started < w["end"] and r.ended >= w["start"] for w in spans)
        ]
        per_window = {
            w["name"]: {
                "during": traffic(between(journal.requests, w["start"], w["end"])),
                # The quiet stretch: what was under way in it and in no window
                # (a request in flight when the next fault began is that fault's).
                "after": traffic(between(outside_windows, w["end"], w["after_end"])),
                "seconds": [round(w["start"] - started), round(w["end"] - started)],
            }
            for w in spans
        }
        total = soak.summary(journal, elapsed)
        journal.editor_errors = [
            message for _t, message in journal.timed_errors if not refusal(message)
        ]
        integrity = soak.check(journal)
        desk_refusals = [(t, m) for t, m in journal.timed_errors if refusal(m)]
        refused_outside = [
            m for t, m in desk_refusals if not any(w["start"] <= t < w["end"] for w in spans)
        ]
        photos = check_uploads(uploads, next(w for w in spans if w["name"] == "s3"))
        # An upload in flight on the node killed, or refused while the primary
        # restarts, is the fault's; any other failure is the site's.
        photos["errors_outside_windows"] = [
            f"{u.title}: {u.detail}"
            for u in uploads
            if u.outcome == "error"
            and not any(u.started < w["end"] and u.ended >= w["start"] for w in spans)
        ][:10]
        result = {
            "soak": total,
            "outside_windows": traffic(outside_windows),
            "windows": per_window,
            "faults": [(round(t, 1), w, what) for t, w, what in faults.log],
            "integrity": integrity,
            "desk_refused": len(desk_refusals),
            "desk_refused_outside_windows": refused_outside[:5],
            "photos": photos,
        }
        no_5xx = ("web", "replica", "redis", "s3")
        ok = (
            result["outside_windows"]["5xx"] == 0
            and all(per_window[n]["during"]["5xx"] == 0 for n in no_5xx)
            and all(w["after"]["5xx"] == 0 for w in per_window.values())
            and integrity["lost_edits"] == 0
            and integrity["edits_without_revision"] == 0
            and integrity["withdrawn_served_after_ack"] == 0
            and integrity["withdrawn_in_database"] == integrity["withdrawals_acknowledged"]
            and not integrity["editor_errors"]
            and not refused_outside
            and photos["during_s3_outage"]["refused_with_message"] > 0
            and photos["acknowledged_without_photo"] == 0
            and photos["photos_without_file"] == 0
            and photos["refused_but_stored"] == 0
            and not photos["errors_outside_windows"]
        )
        result["ok"] = ok
        report(result)
        # Every request too, to look into a run afterwards.
        RESULT.parent.mkdir(parents=True, exist_ok=True)
        RESULT.write_text(
            json.dumps(
                {
                    **result,
                    "requests": [
                        (round(r.started - started, 3), round(r.ended - started, 3), r.status)
                        for r in journal.requests
                    ],
                    "uploads": [u.__dict__ for u in uploads],
                },
                ensure_ascii=False,
                default=str,
            )
        )
        log(f"全部请求记录在 {RESULT}")
        print(json.dumps(result, ensure_ascii=False, default=str))
    finally:
        stop.set()
        log("停止集群……")
        cluster.stop()
    sys.exit(0 if ok else 1)


WINDOW_NAMES = {
    "web": "1 web 节点 kill -9",
    "redis": "2 Redis 重启/停 20 秒",
    "replica": "3 备库延迟/停机",
    "primary": "4 主库重启",
    "s3": "5 S3 不可达 20 秒",
}


def report(result: dict) -> None:
    lines = ["", "故障时间线（秒）："]
    lines += [f"  {t:6.1f}  [{w}] {what}" for t, w, what in result["faults"]]
    lines += ["", f"{'窗口':<22}{'期间 请求/5xx/p95ms':<26}{'之后 请求/5xx/p95ms'}"]
    for name, figures in result["windows"].items():
        d, a = figures["during"], figures["after"]
        lines.append(
            f"{WINDOW_NAMES[name]:<20}{d['requests']:>7} {d['5xx']:>5} {d['p95_ms']!s:>9}"
            f"      {a['requests']:>7} {a['5xx']:>5} {a['p95_ms']!s:>9}"
        )
    o = result["outside_windows"]
    lines.append(f"{'窗口之外':<20}{o['requests']:>7} {o['5xx']:>5} {o['p95_ms']!s:>9}")
    print("\n".join(lines), flush=True)
    soak.report(result["soak"], result["integrity"])
    p = result["photos"]
    lines = [
        f"编辑部操作（经 nginx）被拒 {result['desk_refused']}（故障窗口外 "
        f"{len(result['desk_refused_outside_windows'])}，目标 0）",
        f"图片上传（经 nginx）{p['uploads']}：存入 {p['stored']}，提示后拒绝 "
        f"{p['refused_with_message']}，503 {p['refused_503']}，其他错误 {len(p['errors'])}",
        f"  S3 不可达期间 {p['during_s3_outage']['uploads']} 次，提示拒绝 "
        f"{p['during_s3_outage']['refused_with_message']}，最长 "
        f"{p['during_s3_outage']['seconds_to_refuse_max']} 秒",
        f"  已确认却无记录 {p['acknowledged_without_photo']}，记录无文件 "
        f"{p['photos_without_file']}，被拒却存入 {p['refused_but_stored']}（目标均 0）",
        "",
        "结果：" + ("通过" if result["ok"] else "未通过"),
    ]
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    main()
