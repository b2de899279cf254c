"""Every model is registered in the admin and its pages work."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.admin.filters import RECENT_ISSUES
from articles.models import Status
from tests.articles.factories import (
    ArticleFactory,
    BylineFactory,
    CorrectionFactory,
    EventFactory,
    PlacementFactory,
)
from tests.media_library.factories import PhotoFactory
from tests.paper.factories import IssueFactory, PageFactory
from tests.people.factories import ReporterFactory

pytestmark = pytest.mark.django_db

OUR_APPS = {"people", "paper", "articles", "media_library"}


def our_models():
    from django.apps import apps

    return [m for m in apps.get_models() if m._meta.app_label in OUR_APPS]


def test_every_model_of_ours_is_registered_or_inline():
    inline_only = {"byline", "placement", "articlephoto", "rendition", "transition", "plannedpage"}
    # A page's images and hotspots: on the page's own 电子报 screen (paper/admin/epaper.py).
    inline_only |= {"pageimage", "hotspot"}
    for model in our_models():
        if model._meta.model_name not in inline_only:
            assert admin.site.is_registered(model), model


def test_changelists_add_and_change_pages_render(admin_client):
    article = ArticleFactory(live=True)
    BylineFactory(article=article)
    PlacementFactory(article=article)
    CorrectionFactory(article=article)
    EventFactory().articles.add(article)
    article.photos.add(PhotoFactory())
    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(username="admin")
    for model, _model_admin in admin.site._registry.items():
        if model._meta.app_label not in OUR_APPS | {"taggit"}:
            continue
        info = model._meta.app_label, model._meta.model_name
        assert admin_client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
        if _model_admin.has_add_permission(request):
            assert admin_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200
        obj = model.objects.first()
        if obj is not None:
            url = reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
            assert admin_client.get(url, follow=True).status_code == 200, url


def fill_desk(issues: int) -> None:
    """Issues with a page each and an article in every state on it, with a
    byline, a photo, a correction and an event."""
    later = timezone.now() + datetime.timedelta(days=1)
    admin_user = get_user_model().objects.get(username="admin")
    for _ in range(issues):
        issue = IssueFactory()
        page = PageFactory(issue=issue)
        photo = PhotoFactory(credit_reporter=ReporterFactory())
        event = EventFactory()
        for status in Status:
            article = ArticleFactory(
                status=status,
                issue=issue,
                created_by=admin_user,
                publish_at=later if status == Status.PUBLISHED else None,
            )
            BylineFactory(article=article)
            PlacementFactory(article=article, page=page)
            CorrectionFactory(article=article)
            article.photos.add(photo)
            event.articles.add(article)


def changelist_queries(client) -> dict[str, int]:
    counts = {}
    for model in admin.site._registry:
        if model._meta.app_label not in OUR_APPS | {"taggit"}:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    return counts


def test_changelists_cost_the_same_queries_however_many_rows(admin_client):
    # A query per row (a foreign key the list shows, not joined) is what
    # makes a desk's lists slow once the archive is large.
    fill_desk(1)
    few = changelist_queries(admin_client)
    fill_desk(6)
    many = changelist_queries(admin_client)
    assert many == few


def test_admin_search_and_filters_work(admin_client):
    ArticleFactory(headline="竹竿解菜农之急")
    url = reverse("admin:articles_article_changelist")
    response = admin_client.get(url, {"q": "竹竿", "status__exact": "draft"})
    assert response.status_code == 200
    assert "竹竿解菜农之急" in response.content.decode()


def test_reporter_autocomplete_for_bylines(admin_client):
    BylineFactory(reporter__name="郑喜艳")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "郑", "app_label": "articles", "model_name": "byline", "field_name": "reporter"},
    )
    assert response.status_code == 200
    assert "郑喜艳" in response.json()["results"][0]["text"]


def test_the_issue_filter_offers_recent_issues_and_the_issue_list_links_older_ones(admin_client):
    issues = [IssueFactory() for _ in range(RECENT_ISSUES + 5)]  # dates ascending
    oldest, newest = issues[0], issues[-1]
    article = ArticleFactory(headline="旧期次上的稿件", issue=oldest)
    PlacementFactory(article=article, page=PageFactory(issue=oldest))
    url = reverse("admin:articles_article_changelist")
    listing = admin_client.get(url).content.decode()
    # The closing quote: id 2 must not match inside id 29.
    assert f'issue__id__exact={newest.pk}"' in listing
    assert f'issue__id__exact={oldest.pk}"' not in listing
    # The issue list counts each issue's articles and links to them.
    issues_page = admin_client.get(reverse("admin:paper_issue_changelist")).content.decode()
    assert f'<a href="{url}?issue__id__exact={oldest.pk}">1</a>' in issues_page
    chosen = admin_client.get(url, {"issue__id__exact": oldest.pk}).content.decode()
    assert "旧期次上的稿件" in chosen
    assert f"issue__id__exact={oldest.pk}" in chosen  # shown as chosen in the filter
