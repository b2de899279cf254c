"""A CDN in front may keep public pages, and is told to drop them when they change."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles.models import Status
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cdn(settings):
    """A local stand-in for the CDN's purge API, recording what it is asked."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append((self.command, self.path, self.headers.get("Fastly-Key")))
            self.send_response(200)
            self.end_headers()

        do_PURGE = do_POST

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    settings.NEWSROOM_CDN_PURGE_URL = f"http://127.0.0.1:{port}/service/abc/purge/{{key}}"
    settings.NEWSROOM_CDN_PURGE_HEADER = "Fastly-Key: secret-token"
    yield received
    server.shutdown()


def test_public_pages_carry_the_tag_a_purge_names(client):
    article = ArticleFactory(live=True)
    response = client.get(article.get_absolute_url())
    assert response["Surrogate-Key"] == "newsroom-pages"
    assert "s-maxage=" in response["Cache-Control"]


def test_withdrawing_purges_the_cdn(cdn):
    article = ArticleFactory(live=True)
    cdn.clear()
    article.status = Status.WITHDRAWN
    article.save()
    assert cdn == [("POST", "/service/abc/purge/newsroom-pages", "secret-token")]


def test_desk_work_does_not_purge(cdn):
    from tests.paper.factories import SectionFactory

    section = SectionFactory()  # a new section is public: it joins the navigation
    cdn.clear()
    ArticleFactory(headline="草稿", section=section)
    assert cdn == []


def test_an_unreachable_cdn_does_not_break_publishing(settings, caplog):
    settings.NEWSROOM_CDN_PURGE_URL = "http://127.0.0.1:9/purge/{key}"
    article = ArticleFactory(live=True)
    article.status = Status.WITHDRAWN
    article.save()  # no exception: pages still expire by s-maxage
    assert any("CDN purge failed" in r.getMessage() for r in caplog.records)
