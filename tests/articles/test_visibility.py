"""Whether one user sees one article (``can_see``) is the admin's filter (``visible_q``)
asked of that article: for every kind of user and every way an article can be theirs."""

import pytest
from django.contrib.auth import get_user_model

from articles import policy
from articles.models import Status
from people import roles
from tests.articles.factories import ArticleFactory, BylineFactory
from tests.media_library.factories import PhotoFactory
from tests.support.roles import make_user

pytestmark = pytest.mark.django_db


def test_can_see_is_the_admin_filter_asked_of_one_article(django_assert_max_num_queries):
    reporter = make_user(roles.REPORTER, "jizhe")
    photographer = make_user(roles.PHOTOGRAPHER, "sheying")
    users = {
        "reporter": reporter,
        "photographer": photographer,
        "editor": make_user(roles.EDITOR, "bianji"),
        "chief": make_user(roles.CHIEF_EDITOR, "zongbian"),
        "no role": make_user(None, "wujuese"),
        "superuser": get_user_model().objects.create_superuser("root", password="x"),
        "inactive editor": make_user(roles.EDITOR, "lizhi"),
    }
    users["inactive editor"].is_active = False
    stranger = make_user(roles.REPORTER, "moshengren")
    articles = {}
    for state in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED):
        articles[f"created {state}"] = ArticleFactory(status=state, created_by=reporter)
        bylined = ArticleFactory(status=state, created_by=stranger)
        BylineFactory(article=bylined, reporter=reporter.reporter)
        articles[f"bylined {state}"] = bylined
        uploaded = ArticleFactory(status=state, created_by=stranger)
        uploaded.article_photos.create(photo=PhotoFactory(uploaded_by=photographer))
        articles[f"photo uploaded {state}"] = uploaded
        credited = ArticleFactory(status=state, created_by=stranger)
        credited.article_photos.create(
            photo=PhotoFactory(credit_reporter=photographer.reporter, credit_text="")
        )
        articles[f"photo credited {state}"] = credited
        articles[f"someone else's {state}"] = ArticleFactory(status=state, created_by=stranger)
    seen = 0
    for who, user in users.items():
        visible = set(policy.visible_articles(user).values_list("pk", flat=True))
        for what, article in articles.items():
            with django_assert_max_num_queries(1):
                sees = policy.can_see(user, article)
            assert sees == (article.pk in visible), (who, what)
            seen += sees
    assert 0 < seen < len(users) * len(articles)
    assert not policy.can_see(users["chief"], ArticleFactory.build())
