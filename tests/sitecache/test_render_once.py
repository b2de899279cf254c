"""Readers who miss the same page at once: one renders it, the others wait for it.
And when the cache itself fails, pages are slower, never wrong and never an error."""

import threading
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory

from articles.views import article as article_views
from sitecache import local, stamps
from sitecache.pages import SiteCacheMiddleware, page_key
from tests.articles.factories import ArticleFactory
from tests.support.queries import get

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_crowd_missing_one_page_renders_it_once(site_cache, settings):
    # Waiting, not the wait's limit, is under test here (the next test has
    # the limit): a loaded machine must not make a reader give up waiting.
    settings.NEWSROOM_PAGE_RENDER_WAIT = 30
    article = ArticleFactory(live=True, headline="人人都在看")
    url = article.get_absolute_url()
    renders = []
    view = article_views.selectors.article_for_reader

    def slow(pk):
        renders.append(pk)
        time.sleep(0.3)  # long enough for every reader below to miss the cache
        return view(pk)

    results = []

    def reader():
        try:
            results.append(Client().get(url))
        finally:
            connection.close()  # each reader's thread had a connection of its own

    with mock.patch.object(article_views.selectors, "article_for_reader", slow):
        threads = [threading.Thread(target=reader) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert [r.status_code for r in results] == [200] * 6
    assert len({r.content for r in results}) == 1
    assert len(renders) == 1


def test_a_reader_who_takes_the_lock_after_the_page_was_stored_serves_it(client, site_cache):
    """The look again once the lock is taken: another reader may have stored the
    page and let go of the lock between our first look and our taking it."""
    article = ArticleFactory(live=True)
    url = article.get_absolute_url()
    first, _ = get(client, url)
    local.pages().clear()
    real, looks = SiteCacheMiddleware.look, []

    def first_look_too_early(self, key, store):
        looks.append(key)
        return (None, None) if len(looks) == 1 else real(self, key, store)

    with (
        mock.patch.object(SiteCacheMiddleware, "look", first_look_too_early),
        mock.patch.object(SiteCacheMiddleware, "render") as render,
    ):
        again = client.get(url)
    render.assert_not_called()
    assert again.status_code == 200 and again.content == first.content
    assert cache.get(f"{page_key(RequestFactory().get(url), ())}:rendering") is None


def test_a_reader_waits_no_longer_than_the_render_wait(client, site_cache, settings):
    settings.NEWSROOM_PAGE_RENDER_WAIT = 0.2
    article = ArticleFactory(live=True)
    url = article.get_absolute_url()
    response, _ = get(client, url)
    cache.clear() if site_cache == "locmem" else cache.delete_pattern("*sitecache:page*")
    # Someone took the lock and never finished (a worker killed mid-render).
    cache.add(f"{page_key(RequestFactory().get(url), ())}:rendering", 1, timeout=60)
    started = time.monotonic()
    again, _ = get(client, url)
    assert again.status_code == 200 and again.content == response.content
    assert time.monotonic() - started < 2


def test_lost_stamps_serve_nothing_from_before(client, site_cache):
    """Redis restarted or evicted the stamps: a new epoch, later than every page."""
    if site_cache != "redis":
        pytest.skip("the stamps live in Redis only with Redis")
    article = ArticleFactory(live=True, headline="丢失之前")
    url = article.get_absolute_url()
    get(client, url)
    backend = stamps.backend()
    backend.client.delete(backend.hash)
    _response, queries = get(client, url)
    assert queries > 1  # rendered afresh


def test_with_redis_unreachable_pages_come_from_the_database(client, settings):
    article = ArticleFactory(live=True, headline="缓存坏了也能看")
    settings.NEWSROOM_PAGE_CACHE = True
    settings.NEWSROOM_CACHE_GENERATION = "cache"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "缓存坏了也能看" in response.content.decode()
    assert "s-maxage=0" in response["Cache-Control"]  # no CDN may keep it either
