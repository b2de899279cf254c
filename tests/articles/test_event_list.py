"""活动: what is coming first; the latest past events when nothing is announced."""

import datetime

import pytest
from django.utils import timezone

from tests.articles.factories import ArticleFactory, EventFactory
from tests.support.crawler import page_text

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def past_event(title, days_ago):
    event = EventFactory(title=title, start=timezone.now() - days_ago * DAY)
    event.articles.add(ArticleFactory(live=True))
    return event


def test_events_open_on_what_is_coming(client):
    EventFactory(title="冬季健步走", start=timezone.now() + 3 * DAY, announced=True)
    past_event("全市领导干部大会", 3)
    text = page_text(client.get("/events/"))
    assert "冬季健步走" in text and "全市领导干部大会" not in text
    assert "近期没有活动预告" not in text


def test_with_nothing_coming_events_fall_back_to_the_latest_past_ones(client):
    past_event("全市领导干部大会", 3)
    past_event("更早的招聘会", 30)
    EventFactory(title="没有公开的活动", start=timezone.now() + DAY)
    response = client.get("/events/")
    text = page_text(response)
    assert "近期没有活动预告，以下是最近的往期活动" in text
    assert text.index("全市领导干部大会") < text.index("更早的招聘会")
    assert "没有公开的活动" not in text
    # no pager that would lead to pages of the (empty) upcoming list
    assert "?p=2" not in response.content.decode()


def test_the_fallback_links_to_more_past_events_when_there_are_more(client):
    for n in range(25):
        past_event(f"往期活动{n}号", n + 1)
    html = client.get("/events/").content.decode()
    assert 'href="/events/past/?p=2"' in html
    assert client.get("/events/past/?p=2").status_code == 200


def test_with_no_events_at_all_the_page_says_so(client):
    text = page_text(client.get("/events/"))
    assert "近期没有活动预告" in text and "以下是" not in text
