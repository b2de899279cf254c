"""gunicorn's settings for every way the site is served: ``make run``
(scripts/run-demo), the Docker image (scripts/docker-web) and the benchmarks.

``gunicorn -c python:newsroom.gunicorn_conf newsroom.wsgi``. gunicorn logs
its own lines (start, worker boot, timeouts, crashes) before Django is
loaded; with this they are the same JSON lines as the site's, through the
same ``newsroom.logging.config`` and the same ``LOG_FORMAT``/``LOG_LEVEL``.
No access log: the site writes its own request line (``newsroom.request``),
without client addresses.
"""

import os

# Every name here is read as a gunicorn setting ("config" is one): import
# the module, not the function.
import newsroom.logging

_debug = os.environ.get("DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}

logconfig_dict = newsroom.logging.config(
    os.environ.get("LOG_FORMAT", "plain" if _debug else "json"),
    os.environ.get("LOG_LEVEL", "INFO"),
)
accesslog = None
errorlog = "-"
