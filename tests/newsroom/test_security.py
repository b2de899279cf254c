"""Production settings pass Django's deployment checklist and send the headers."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "NEWSROOM_DEMO", "HTTPS", "DJANGO_SETTINGS_MODULE", "LOG_FORMAT"}
    }
    return {
        **env,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "news.example.cn",
        **extra,
    }


@pytest.mark.slow
def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_security_headers_on_public_pages(client, settings):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


@pytest.mark.django_db
def test_https_settings_when_https_is_on(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    response = client.get("/", secure=True)
    assert "max-age=31536000" in response["Strict-Transport-Security"]


@pytest.mark.slow
def test_production_defaults_turn_on_https_and_secure_cookies():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS, s.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**production_env(), "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True,
        text=True,
    )
    assert result.stdout.split() == ["True", "True", "True", "31536000", "True"], result.stderr
