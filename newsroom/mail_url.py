"""``EMAIL_URL`` as Django's e-mail settings, the way ``DATABASE_URL`` is read.

smtp://user:password@mail.example.cn:587   SMTP with STARTTLS (port 587)
smtps://user:password@mail.example.cn:465  SMTP over TLS
smtp+plain://mail.internal:25              SMTP without encryption
console://                                 printed to stderr (development)
"""

from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SMTP = "django.core.mail.backends.smtp.EmailBackend"
BACKENDS = {"console": "django.core.mail.backends.console.EmailBackend"}


def email_settings(url: str) -> dict:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in BACKENDS:
        return {"EMAIL_BACKEND": BACKENDS[scheme]}
    if scheme not in {"smtp", "smtps", "smtp+plain"} or not parts.hostname:
        raise ImproperlyConfigured(
            "EMAIL_URL must look like smtp://user:password@host:587, smtps://…:465, "
            "smtp+plain://host:25 or console://"
        )
    default_port = {"smtp": 587, "smtps": 465, "smtp+plain": 25}[scheme]
    return {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or default_port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": scheme == "smtp",
        "EMAIL_USE_SSL": scheme == "smtps",
    }
