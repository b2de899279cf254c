"""Counting the queries a request costs."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def get(client, url):
    """``client.get(url)`` and how many queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)
