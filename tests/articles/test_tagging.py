"""Tags typed on a Chinese keyboard, and suggestions from existing tags."""

import pytest
from django.urls import reverse

from articles.tagging import parse_tags
from tests.articles.factories import ArticleFactory


@pytest.mark.parametrize(
    "typed, tags",
    [
        ("疫情防控，疫苗接种", ["疫情防控", "疫苗接种"]),
        ("乡村振兴、蔬菜大棚；招商引资", ["乡村振兴", "招商引资", "蔬菜大棚"]),
        ("疫情防控, 5G", ["5G", "疫情防控"]),
        ("学习贯彻党的十九届六中全会精神", ["学习贯彻党的十九届六中全会精神"]),
        ("", []),
    ],
)
def test_full_width_and_enumeration_commas_separate_tags(typed, tags):
    assert parse_tags(typed) == tags


@pytest.mark.django_db
def test_the_admin_tag_field_offers_suggestions(admin_client):
    article = ArticleFactory()
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = admin_client.get(url).content.decode()
    assert "data-tag-suggestions" in page and "tag-autocomplete.js" in page


@pytest.mark.django_db
def test_suggestions_most_used_first_for_staff_only(client, admin_client):
    for _ in range(3):
        ArticleFactory().tags.add("疫情防控")
    ArticleFactory().tags.add("疫苗接种", "招商引资")
    url = reverse("tag_suggestions")
    assert admin_client.get(url, {"q": "疫"}).json() == {"results": ["疫情防控", "疫苗接种"]}
    assert client.get(url, {"q": "疫"}).status_code == 302  # readers are sent to log in
