"""Every model is registered in the admin and its pages work."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from tests.articles.factories import (
    ArticleFactory,
    BylineFactory,
    CorrectionFactory,
    EventFactory,
    PlacementFactory,
)
from tests.media_library.factories import PhotoFactory

pytestmark = pytest.mark.django_db

OUR_APPS = {"newsroom", "articles", "media_library"}


def our_models():
    from django.apps import apps

    return [m for m in apps.get_models() if m._meta.app_label in OUR_APPS]


def test_every_model_of_ours_is_registered_or_inline():
    inline_only = {"byline", "placement", "articlephoto", "rendition", "transition"}
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
