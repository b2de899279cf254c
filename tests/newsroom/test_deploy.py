"""The scaled deployment: the compose files and `make cluster` share one nginx
configuration, which nginx accepts, and the compose files are valid."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bench import cluster

ROOT = Path(__file__).resolve().parents[2]
SCALE = ROOT / "deploy" / "docker-compose.scale.yml"


def test_the_compose_file_and_the_rehearsal_use_the_same_nginx_template():
    mount = "./deploy/nginx.conf.template:/etc/nginx/templates/default.conf.template:ro"
    assert mount in SCALE.read_text()
    assert cluster.TEMPLATE == ROOT / "deploy" / "nginx.conf.template"
    assert not (ROOT / "deploy" / "nginx.conf").exists()  # no second copy to drift


def test_only_addresses_are_variables_and_both_fill_in_the_same_ones():
    variables = set(re.findall(r"\$\{(\w+)\}", cluster.TEMPLATE.read_text()))
    assert variables == {"NEWSROOM_WEB1", "NEWSROOM_WEB2", "NEWSROOM_LISTEN"}
    assert set(re.findall(r"\$\{(\w+)\}", cluster.NGINX_VARIABLES)) == variables
    compose = SCALE.read_text()
    assert all(f"{name}:" in compose for name in variables)


@pytest.mark.skipif(
    not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists())
    or not shutil.which("envsubst"),
    reason="no nginx or envsubst here (apt-get install nginx-light gettext-base)",
)
def test_nginx_accepts_the_configuration_the_rehearsal_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "LOGS", tmp_path)
    main = cluster.nginx_config(
        tmp_path / "nginx", web=["127.0.0.1:18001", "127.0.0.1:18002"], listen="127.0.0.1:18000"
    )
    site = (tmp_path / "nginx" / "site.conf").read_text()
    assert "server 127.0.0.1:18001 max_fails" in site and "$proxy_add_x_forwarded_for" in site
    result = subprocess.run(
        [cluster.NGINX, "-t", "-p", main.parent, "-c", main, "-e", tmp_path / "error.log"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def docker_compose_available() -> bool:
    if not shutil.which("docker"):
        return False
    return subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0


@pytest.mark.skipif(not docker_compose_available(), reason="no Docker client with compose here")
def test_docker_compose_accepts_the_compose_files():
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "SECRET_KEY": "x" * 50,
        "POSTGRES_PASSWORD": "compose-check",
        "MINIO_ROOT_PASSWORD": "compose-check",
    }
    for files in (["docker-compose.yml"], ["docker-compose.yml", str(SCALE)]):
        arguments = [part for name in files for part in ("-f", name)]
        result = subprocess.run(
            ["docker", "compose", *arguments, "config", "--quiet"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
