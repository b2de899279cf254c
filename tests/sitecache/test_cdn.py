"""A CDN in front may keep public pages, and is told to drop them when they change."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles import services
from articles.models import Article
from tests.articles.factories import ArticleFactory, BylineFactory
from tests.paper.factories import SectionFactory

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


def test_public_pages_carry_the_keys_of_what_they_show(client):
    article = ArticleFactory(live=True)
    response = client.get(article.get_absolute_url())
    tags = response["Surrogate-Key"].split()
    assert f"a{article.pk}" in tags and f"s{article.section_id}" in tags
    assert "pages" in tags  # what a purge of everything names
    assert "s-maxage=" in response["Cache-Control"]


def test_a_page_that_shows_too_much_carries_kinds_instead(client, settings):
    settings.NEWSROOM_CDN_TAG_LIMIT = 40
    articles = ArticleFactory.create_batch(8, live=True)
    tags = client.get("/feeds/rss/")["Surrogate-Key"].split()
    assert "a" in tags and not any(f"a{a.pk}" in tags for a in articles)


def test_withdrawing_purges_exactly_the_pages_that_show_it(cdn, chief):
    article = ArticleFactory(live=True)
    BylineFactory(article=article)
    cdn.clear()
    services.article_withdraw(article=article, by=chief, reason="失实")
    purged = {path.rsplit("/", 1)[1] for _method, path, _key in cdn}
    assert f"a{article.pk}" in purged  # every page that shows it
    assert "L%3Alatest" in purged and f"L%3Asection%3A{article.section_id}" in purged
    assert "pages" not in purged  # not everything
    assert all(key == "secret-token" for _method, _path, key in cdn)


def test_desk_work_does_not_purge(cdn, reporter):
    section = SectionFactory()
    cdn.clear()
    draft = services.article_save(article=Article(headline="草稿", section=section), by=reporter)
    draft.headline = "草稿改了"
    services.article_save(article=draft, by=reporter)
    assert cdn == []


def test_an_unreachable_cdn_does_not_break_publishing(settings, caplog, chief):
    settings.NEWSROOM_CDN_PURGE_URL = "http://127.0.0.1:9/purge/{key}"
    article = ArticleFactory(live=True)
    services.article_withdraw(article=article, by=chief, reason="失实")
    # no exception: pages still expire by s-maxage
    assert any("CDN purge failed" in r.getMessage() for r in caplog.records)
