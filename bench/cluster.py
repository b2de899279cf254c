"""`make cluster`: the topology of deploy/docker-compose.scale.yml from real
parts on this machine, without Docker, each its own process on loopback.

- PostgreSQL: a primary and a streaming hot-standby replica (``initdb`` and
  ``pg_basebackup`` from the installed binaries; as root they run as
  ``nobody``, since PostgreSQL refuses root);
- Redis (the page cache), without snapshots, as the compose file runs it;
- S3-compatible object storage: moto's server mode (``moto_server``, a dev
  dependency from PyPI; MinIO, which the compose file uses, ships as a binary
  download that no package registry carries);
- two gunicorn web nodes and the task worker (``manage.py db_worker``);
- Debian's nginx in front, configured by ``deploy/nginx.conf.template``, the
  file the compose file uses, with only the addresses filled in (envsubst).

``python -m bench.cluster`` starts it with the demo edition, prints the
address and stops everything on Ctrl-C. ``bench/cluster_soak.py`` drives the
same class and injects the faults of issue 18 (the methods below).
Everything lives in a temporary directory, removed afterwards; the logs of
the last run stay in ``var/cluster/logs``.
"""

import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import boto3
import psycopg2

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
LOGS = ROOT / "var" / "cluster" / "logs"
BUCKET = "newsroom-media"
#: The variables of the nginx template (and nothing else: nginx's own $vars stay).
NGINX_VARIABLES = "${NEWSROOM_WEB1} ${NEWSROOM_WEB2} ${NEWSROOM_LISTEN}"


def log(message: str) -> None:
    print(
        f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", file=sys.stderr, flush=True
    )


def free_port(preferred: int | None = None) -> int:
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free port")


def wait_for_port(port: int, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} 未在 {timeout:.0f} 秒内开始监听 127.0.0.1:{port}")


def find_pg_bin() -> Path:
    candidates = [os.environ.get("PG_BIN", "")]
    candidates += sorted((str(p) for p in Path("/usr/lib/postgresql").glob("*/bin")), reverse=True)
    for candidate in candidates:
        if candidate and (Path(candidate) / "pg_basebackup").exists():
            return Path(candidate)
    found = shutil.which("pg_basebackup")
    if found:
        return Path(found).resolve().parent
    raise SystemExit(MISSING.format(what="PostgreSQL 服务器（initdb、pg_basebackup）"))


MISSING = """make cluster 需要 {what}，本机没有找到。
Debian/Ubuntu：sudo apt-get install postgresql redis-server nginx-light
moto 的服务器（S3）随开发依赖安装：.venv/bin/pip install -r requirements-dev.txt"""


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_config(directory: Path, *, web: list[str], listen: str) -> Path:
    """deploy/nginx.conf.template with these addresses, in the main context
    the nginx image puts around a conf.d file; the path of the main file."""
    directory.mkdir(parents=True, exist_ok=True)
    first, second = web
    site = subprocess.run(
        ["envsubst", NGINX_VARIABLES],
        input=TEMPLATE.read_text(),
        env={
            **os.environ,
            "NEWSROOM_WEB1": first,
            "NEWSROOM_WEB2": second,
            "NEWSROOM_LISTEN": listen,
        },
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (directory / "site.conf").write_text(site)
    main = directory / "nginx.conf"
    main.write_text(
        "worker_processes 2;\n"
        f"pid {directory}/nginx.pid;\n"
        f"error_log {LOGS}/nginx-error.log warn;\n"
        "daemon off;\n"
        "events { worker_connections 1024; }\n"
        "http {\n"
        f"  access_log {LOGS}/nginx-access.log;\n"
        f"  client_body_temp_path {directory}/body;\n  proxy_temp_path {directory}/proxy;\n"
        f"  fastcgi_temp_path {directory}/fastcgi;\n  uwsgi_temp_path {directory}/uwsgi;\n"
        f"  scgi_temp_path {directory}/scgi;\n"
        f"  include {directory}/site.conf;\n"
        "}\n"
    )
    return main


class Cluster:
    def __init__(self, *, port: int | None = None, web_workers: int = 2, threads: int = 4):
        self.bin = Path(sys.executable).parent
        self.pg_bin = find_pg_bin()
        for tool in ("redis-server", "nginx", "envsubst"):
            if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists()):
                raise SystemExit(MISSING.format(what=tool))
        if not (self.bin / "moto_server").exists():
            raise SystemExit(MISSING.format(what="moto_server（moto[server]）"))
        self.dir = Path(tempfile.mkdtemp(prefix="newsroom-cluster-"))
        self.owner = None
        if os.geteuid() == 0:  # PostgreSQL and nginx run as nobody, not root
            self.owner = pwd.getpwnam(os.environ.get("NEWSROOM_PG_USER", "nobody"))
            os.chown(self.dir, self.owner.pw_uid, self.owner.pw_gid)
        os.chmod(self.dir, 0o755)
        shutil.rmtree(LOGS, ignore_errors=True)
        LOGS.mkdir(parents=True)
        if self.owner is not None:  # PostgreSQL and nginx write their logs there too
            os.chown(LOGS, self.owner.pw_uid, self.owner.pw_gid)
        self.ports = {
            "primary": free_port(),
            "replica": free_port(),
            "redis": free_port(),
            "s3": free_port(),
            "web1": free_port(),
            "web2": free_port(),
            "nginx": free_port(port),
        }
        self.web_workers, self.threads = web_workers, threads
        self.processes: dict[str, subprocess.Popen] = {}
        # What the parts are started with, whatever the caller sets later in
        # its own environment (the cluster soak sets up Django in-process).
        self.base_env = dict(os.environ)
        self.secret = secrets.token_urlsafe(40)
        self.address = f"http://127.0.0.1:{self.ports['nginx']}"

    # --- what every part of the site is told ------------------------------------------
    def database_url(self, which: str = "primary") -> str:
        return f"postgres://postgres@127.0.0.1:{self.ports[which]}/newsroom"

    def env(self, **extra) -> dict:
        return {
            **self.base_env,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DATABASE_URL": self.database_url("primary"),
            "DATABASE_REPLICA_URL": self.database_url("replica"),
            "REDIS_URL": f"redis://127.0.0.1:{self.ports['redis']}/0",
            "MEDIA_S3_BUCKET": BUCKET,
            "MEDIA_S3_ENDPOINT_URL": f"http://127.0.0.1:{self.ports['s3']}",
            "MEDIA_S3_ADDRESSING_STYLE": "path",
            "MEDIA_S3_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "newsroom",
            "AWS_SECRET_ACCESS_KEY": "rehearsal-only",
            "TASKS_BACKEND": "database",
            "SECRET_KEY": self.secret,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": self.address,
            "TRUSTED_PROXY_COUNT": "1",
            "HTTPS": "0",
            "DEBUG": "",
            "NEWSROOM_DEMO": "",
            "STATIC_ROOT": str(ROOT / "var" / "cluster" / "static"),
            "LOG_LEVEL": "WARNING",
            **extra,
        }

    # --- starting ----------------------------------------------------------------------
    def start(self, *, data=None, extra_env: dict | None = None) -> None:
        """Everything, in dependency order; ``data(env)`` fills the database."""
        self.extra_env = extra_env or {}
        self._pg_init()
        self.primary_start()
        self._pg_run(
            self.pg_bin / "createdb",
            "-h",
            "127.0.0.1",
            "-p",
            self.ports["primary"],
            "-U",
            "postgres",
            "newsroom",
        )
        self._replica_init()
        self.replica_start()
        self.redis_start()
        self.s3_start()
        self._bucket()
        env = self.env(**self.extra_env)
        manage = [sys.executable, str(ROOT / "manage.py")]
        log("迁移数据库、收集静态文件……")
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
        subprocess.run(
            [*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT
        )
        if data is not None:
            data(env)
        self.web_start(1)
        self.web_start(2)
        self.worker_start()
        self.nginx_start()
        self._wait_http(self.address + "/healthz", "nginx → web")

    def _spawn(self, name: str, command: list, *, env=None, as_owner=False) -> subprocess.Popen:
        out = open(LOGS / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps it
        preexec = None
        if as_owner and self.owner is not None:
            uid, gid = self.owner.pw_uid, self.owner.pw_gid

            def preexec():
                os.setgid(gid)
                os.setgroups([])
                os.setuid(uid)

        process = subprocess.Popen(
            [str(part) for part in command],
            cwd=self.dir if as_owner else ROOT,
            env=env or self.base_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches us; we stop them in order
            preexec_fn=preexec,
        )
        out.close()
        self.processes[name] = process
        return process

    def _pg_run(self, *command, check=True):
        preexec = None
        if self.owner is not None:
            uid, gid = self.owner.pw_uid, self.owner.pw_gid

            def preexec():
                os.setgid(gid)
                os.setgroups([])
                os.setuid(uid)

        return subprocess.run(
            [str(part) for part in command],
            cwd=self.dir,
            preexec_fn=preexec,
            check=check,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def _pg_init(self) -> None:
        log(f"PostgreSQL 主库：initdb（{self.pg_bin}）")
        self._pg_run(
            self.pg_bin / "initdb",
            "-D",
            self.dir / "primary",
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
        )
        with open(self.dir / "primary" / "postgresql.conf", "a") as conf:
            conf.write(
                "\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.dir}'\n"
                "wal_level = replica\nmax_wal_senders = 5\nhot_standby = on\n"
                "max_connections = 200\nwal_keep_size = '256MB'\n"
            )

    def _pg_ctl(self, which: str, action: str, *options) -> None:
        result = self._pg_run(
            self.pg_bin / "pg_ctl",
            "-D",
            self.dir / which,
            "-l",
            LOGS / f"{which}.log",
            "-w",
            "-t",
            "60",
            *options,
            action,
            check=False,
        )
        if result.returncode != 0 and action != "stop":
            raise RuntimeError(f"pg_ctl {action} {which} 失败：{result.stdout}")

    def primary_start(self) -> None:
        self._pg_ctl("primary", "start", "-o", f"-p {self.ports['primary']}")

    def primary_restart(self) -> None:
        self._pg_ctl("primary", "restart", "-m", "fast", "-o", f"-p {self.ports['primary']}")

    def _replica_init(self) -> None:
        log("PostgreSQL 备库：pg_basebackup（流复制、热备）")
        self._pg_run(
            self.pg_bin / "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            self.ports["primary"],
            "-U",
            "postgres",
            "-D",
            self.dir / "replica",
            "-c",
            "fast",  # checkpoint now, not spread over minutes
            "-R",
            "-X",
            "stream",
        )
        with open(self.dir / "replica" / "postgresql.conf", "a") as conf:
            # Readers' queries are not cancelled by the primary's vacuum.
            conf.write("\nhot_standby_feedback = on\n")

    def replica_start(self) -> None:
        self._pg_ctl("replica", "start", "-o", f"-p {self.ports['replica']}")

    def replica_stop(self) -> None:
        self._pg_ctl("replica", "stop", "-m", "fast")

    def _replica_sql(self, statement: str):
        connection = psycopg2.connect(self.database_url("replica"), connect_timeout=5)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(statement)
                return cursor.fetchone()
        finally:
            connection.close()

    def replica_pause(self) -> None:
        self._replica_sql("SELECT pg_wal_replay_pause()")

    def replica_resume(self) -> None:
        self._replica_sql("SELECT pg_wal_replay_resume()")

    def replica_lag_bytes(self) -> int | None:
        primary = psycopg2.connect(self.database_url("primary"), connect_timeout=5)
        try:
            with primary.cursor() as cursor:
                cursor.execute("SELECT pg_current_wal_lsn()::text")
                position = cursor.fetchone()[0]
        finally:
            primary.close()
        row = self._replica_sql(f"SELECT pg_wal_lsn_diff('{position}', pg_last_wal_replay_lsn())")
        return None if row is None or row[0] is None else int(row[0])

    def redis_start(self) -> None:
        self._spawn(
            "redis",
            [
                shutil.which("redis-server"),
                "--bind",
                "127.0.0.1",
                "--port",
                self.ports["redis"],
                "--save",
                "",
                "--appendonly",
                "no",
                "--maxmemory",
                "256mb",
                "--maxmemory-policy",
                "allkeys-lru",
            ],
        )
        wait_for_port(self.ports["redis"], "Redis")

    def redis_stop(self) -> None:
        self._stop("redis")

    def redis_restart(self) -> None:
        self.redis_stop()
        self.redis_start()

    def s3_start(self) -> None:
        self._spawn("s3", [self.bin / "moto_server", "-H", "127.0.0.1", "-p", self.ports["s3"]])
        wait_for_port(self.ports["s3"], "moto S3")

    def _bucket(self) -> None:
        env = self.env()
        boto3.client(
            "s3",
            endpoint_url=env["MEDIA_S3_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        ).create_bucket(Bucket=BUCKET)

    def s3_freeze(self) -> None:
        """The object store stops answering (connections hang), its data kept."""
        os.kill(self.processes["s3"].pid, signal.SIGSTOP)

    def s3_thaw(self) -> None:
        os.kill(self.processes["s3"].pid, signal.SIGCONT)

    def web_start(self, n: int) -> None:
        name = f"web{n}"
        self._spawn(
            name,
            [
                self.bin / "gunicorn",
                "--config=python:newsroom.gunicorn_conf",
                "newsroom.wsgi",
                f"--bind=127.0.0.1:{self.ports[name]}",
                f"--workers={self.web_workers}",
                "--worker-class=gthread",
                f"--threads={self.threads}",
                "--backlog=2048",
            ],
            env=self.env(**self.extra_env),
        )
        self._wait_http(f"http://127.0.0.1:{self.ports[name]}/healthz", name)

    def web_kill(self, n: int) -> None:
        """The machine dies: the master and its workers at once (kill -9)."""
        process = self.processes.pop(f"web{n}")
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def worker_start(self) -> None:
        self._spawn(
            "worker",
            [sys.executable, ROOT / "manage.py", "db_worker"],
            env=self.env(**self.extra_env),
        )

    def nginx_start(self) -> None:
        conf = nginx_config(
            self.dir / "nginx",
            web=[f"127.0.0.1:{self.ports['web1']}", f"127.0.0.1:{self.ports['web2']}"],
            listen=f"127.0.0.1:{self.ports['nginx']}",
        )
        if self.owner is not None:
            os.chown(conf.parent, self.owner.pw_uid, self.owner.pw_gid)
        self._spawn(
            "nginx",
            [NGINX, "-p", conf.parent, "-c", conf, "-e", LOGS / "nginx-error.log"],
            as_owner=True,
        )
        wait_for_port(self.ports["nginx"], "nginx")

    def _wait_http(self, url: str, what: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{what} 未在 {timeout:.0f} 秒内就绪（{url}，日志在 {LOGS}）")

    # --- stopping ------------------------------------------------------------------------
    def _stop(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        try:
            os.kill(process.pid, signal.SIGCONT)  # a frozen process cannot stop
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass

    def stop(self) -> None:
        for name in ("nginx", "web1", "web2", "worker", "s3", "redis"):
            self._stop(name)
        for which in ("replica", "primary"):
            if (self.dir / which / "postmaster.pid").exists():
                self._pg_ctl(which, "stop", "-m", "fast")
        shutil.rmtree(self.dir, ignore_errors=True)

    def describe(self) -> str:
        p = self.ports
        return "\n".join(
            [
                f"网站（nginx）      {self.address}",
                f"web 节点           127.0.0.1:{p['web1']}、127.0.0.1:{p['web2']}（gunicorn）",
                f"PostgreSQL         主库 127.0.0.1:{p['primary']}，备库 127.0.0.1:{p['replica']}",
                f"Redis              127.0.0.1:{p['redis']}",
                f"S3（moto）         http://127.0.0.1:{p['s3']}，桶 {BUCKET}",
                f"日志               {LOGS}",
            ]
        )


def demo_edition(env: dict) -> None:
    log("载入演示版面和各角色的演示账号……")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "loaddemo",
            "--site-url",
            env["CSRF_TRUSTED_ORIGINS"],
        ],
        env={**env, "NEWSROOM_DEMO": "1"},
        check=True,
        cwd=ROOT,
    )


def main() -> None:
    cluster = Cluster(port=int(os.environ.get("PORT", "8800")))
    stopping = False

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    try:
        cluster.start(data=demo_edition)
        print("\n" + cluster.describe(), flush=True)
        print(f"\n在浏览器打开 {cluster.address} 。按 Ctrl-C 停止全部进程。", flush=True)
        while True:
            for name, process in list(cluster.processes.items()):
                if process.poll() is not None:
                    log(f"{name} 已退出（{process.returncode}），见 {LOGS}/{name}.log")
                    cluster.processes.pop(name)
            time.sleep(2)
    except KeyboardInterrupt:
        stopping = True
    finally:
        log("停止全部进程……" if stopping else "出错，停止全部进程……")
        cluster.stop()
        log("已停止。")


if __name__ == "__main__":
    main()
