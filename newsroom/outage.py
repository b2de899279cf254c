"""The database is unreachable (a primary restarting, a failover): a short 503.

Django turns an exception anywhere in the stack, middleware included, into
the 500 handler's response; this handler looks at the exception being handled
and, when it is the database's connection failing, answers 503 with
``Retry-After`` and a page in Chinese instead of "server error". No
traceback is shown (the log keeps it). Nothing here holds state: once the
database answers again, the next request is served as usual (the settings
check each kept connection before reusing it).
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

RETRY_AFTER_SECONDS = 10


def database_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, OperationalError | InterfaceError)


def server_error(request):
    if not database_unavailable(sys.exc_info()[1]):
        return defaults.server_error(request)
    # Rendered without context processors: they may read the database.
    page = loader.get_template("503.html").render({"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
