"""Serve the site under gunicorn on 127.0.0.1 and load it with wrk."""

import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(
    bin_dir: Path,
    env: dict,
    *,
    workers: int,
    threads: int = 1,
    log_path: Path | None = None,
):
    """The site as production runs it (DEBUG off), on a free local port.

    Sync workers with ``threads=1``; gthread workers with that many threads
    otherwise, as production runs them.
    The server's own log (a 410 for every withdrawn article read, say) goes
    to ``log_path`` when given, so it does not bury the report.
    """
    port = free_port()
    log = open(log_path, "ab") if log_path else None  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            str(bin_dir / "gunicorn"),
            "--config=python:newsroom.gunicorn_conf",  # its own lines as JSON, like the site's
            "newsroom.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--backlog=2048",
            "--log-level=warning",
            *(
                ["--worker-class=gthread", f"--threads={threads}"]
                if threads > 1
                else ["--worker-class=sync"]
            ),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT if log else None,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            _wait_until_up(base + "/bench/trivial/", process)
        except RuntimeError as error:
            if log_path:
                raise RuntimeError(f"{error}（服务器日志：{log_path}）") from error
            raise
        yield base, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            log.close()


def _wait_until_up(url: str, process, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn 未能启动")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn 在 {timeout} 秒内没有响应 {url}")


def visit(base: str, paths: list[str]) -> None:
    for path in paths:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()


def worker_rss_mb(master_pid: int) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), in MB."""
    sizes = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master_pid) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


def wrk(base: str, paths: list[str], *, seconds: int, connections: int, threads: int = 1):
    """Load ``paths`` in turn for ``seconds``; ``{"rps", "p50_ms", "p95_ms", …}``."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    try:
        result = subprocess.run(
            [
                "wrk",
                f"--threads={threads}",
                f"--connections={connections}",
                f"--duration={seconds}s",
                "--timeout=10s",
                f"--script={WRK_SCRIPT}",
                base,
            ],
            env={**os.environ, "BENCH_URLS": listing.name},
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(listing.name)
    line = next(line for line in result.stdout.splitlines() if line.startswith("{"))
    return json.loads(line)
