"""The permission matrix: every role × action, on own and others' articles, in every state.

Each cell is checked the way users meet it: view through the admin's change
page, change and delete through the admin's rules and the save service, and
every workflow step (publish and release included) by calling its service,
rolled back afterwards.
"""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles import policy, services
from articles.models import Article, Placement, Status
from people import roles
from tests.articles.factories import ArticleFactory, BylineFactory
from tests.media_library.factories import PhotoFactory
from tests.paper.factories import IssueFactory, PageFactory
from tests.people.factories import ReporterFactory
from tests.support.roles import make_user

pytestmark = pytest.mark.django_db

STATES = ["draft", "submitted", "returned", "approved", "scheduled", "published", "withdrawn"]
ACTIONS = [
    "view",
    "change",
    "delete",
    "submit",
    "return",
    "approve",
    "place",
    "publish",
    "schedule",
    "withdraw",
    "correct",
    "release",
]

# fmt: off
#                      draft subm  ret   appr  sched publ  withd
MATRIX = {
    ("reporter", "own"): {
        "view":     "Y     Y     Y     Y     Y     Y     Y",
        "change":   "Y     .     Y     .     .     .     .",
        "delete":   "Y     .     .     .     .     .     .",
        "submit":   "Y     .     Y     .     .     .     .",
    },
    ("reporter", "others"): {},
    ("photographer", "own"): {
        "view":     "Y     Y     Y     Y     Y     Y     Y",
    },
    ("photographer", "others"): {},
    ("editor", "own"): {
        "view":     "Y     Y     Y     Y     Y     Y     Y",
        "change":   "Y     Y     Y     Y     .     .     .",
        "submit":   "Y     .     Y     .     .     .     .",
        "return":   ".     Y     .     .     .     .     .",
        "approve":  ".     Y     .     .     .     .     .",
        "place":    ".     .     .     Y     .     .     .",
        "correct":  ".     .     .     .     .     Y     .",
    },
    ("editor", "others"): {
        "view":     ".     Y     Y     Y     Y     Y     Y",
        "change":   ".     Y     .     Y     .     .     .",
        "return":   ".     Y     .     .     .     .     .",
        "approve":  ".     Y     .     .     .     .     .",
        "place":    ".     .     .     Y     .     .     .",
        "correct":  ".     .     .     .     .     Y     .",
    },
    ("chief", "own"): {
        "view":     "Y     Y     Y     Y     Y     Y     Y",
        "change":   "Y     Y     Y     Y     Y     Y     .",
        "delete":   "Y     Y     Y     Y     .     .     .",
        "submit":   "Y     .     Y     .     .     .     .",
        "return":   ".     Y     .     .     .     .     .",
        "approve":  ".     Y     .     .     .     .     .",
        "place":    ".     .     .     Y     .     .     .",
        "publish":  ".     .     .     Y     .     .     .",
        "schedule": ".     .     .     Y     Y     .     .",
        "withdraw": ".     .     .     .     Y     Y     .",
        "correct":  ".     .     .     .     .     Y     .",
        "release":  ".     .     .     Y     .     .     .",
    },
    ("chief", "others"): {
        "view":     ".     Y     Y     Y     Y     Y     Y",
        "change":   ".     Y     .     Y     Y     Y     .",
        "delete":   ".     Y     Y     Y     .     .     .",
        "return":   ".     Y     .     .     .     .     .",
        "approve":  ".     Y     .     .     .     .     .",
        "place":    ".     .     .     Y     .     .     .",
        "publish":  ".     .     .     Y     .     .     .",
        "schedule": ".     .     .     Y     Y     .     .",
        "withdraw": ".     .     .     .     Y     Y     .",
        "correct":  ".     .     .     .     .     Y     .",
        "release":  ".     .     .     Y     .     .     .",
    },
}
# fmt: on

ROLE_GROUPS = {
    "reporter": roles.REPORTER,
    "photographer": roles.PHOTOGRAPHER,
    "editor": roles.EDITOR,
    "chief": roles.CHIEF_EDITOR,
}
HOUR = datetime.timedelta(hours=1)


def expected(role, owner, state):
    row = MATRIX[(role, owner)]
    column = STATES.index(state)
    return {
        action: row.get(action, " ".join("." * 7)).split()[column] == "Y" for action in ACTIONS
    }


def make_article(state, *, author, byline_reporter):
    publish_at = {
        "scheduled": timezone.now() + HOUR,
        "published": timezone.now() - HOUR,
        "withdrawn": timezone.now() - HOUR,
    }.get(state)
    status = Status.PUBLISHED if state == "scheduled" else state
    article = ArticleFactory(status=status, publish_at=publish_at, created_by=author)
    BylineFactory(article=article, reporter=byline_reporter)
    return article


def attempt(run) -> bool:
    """Whether ``run`` succeeds; whatever it wrote is rolled back either way."""
    try:
        with transaction.atomic():
            run()
            transaction.set_rollback(True)
    except (PermissionDenied, ValidationError):
        return False
    return True


def release_with(article, by):
    issue = IssueFactory(unreleased=True)
    Article.objects.filter(pk=article.pk).update(issue=issue)
    Placement.objects.create(page=PageFactory(issue=issue), article=article)
    services.issue_release(issue=issue, by=by)


def actual(user, article, client):
    model_admin = admin.site._registry[Article]
    request = RequestFactory().get("/")
    request.user = user

    def fresh():
        return Article.objects.get(pk=article.pk)

    client.force_login(user)
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    page = PageFactory(issue=IssueFactory(unreleased=True))
    soon = timezone.now() + 2 * HOUR
    return {
        "view": response.status_code == 200,
        "change": model_admin.has_change_permission(request, fresh())
        and attempt(lambda: services.article_save(article=fresh(), by=user)),
        "delete": model_admin.has_delete_permission(request, fresh())
        and attempt(lambda: services.article_delete(article=fresh(), by=user)),
        "submit": attempt(lambda: services.article_submit(article=fresh(), by=user)),
        "return": attempt(lambda: services.article_return(article=fresh(), by=user, note="改")),
        "approve": attempt(lambda: services.article_approve(article=fresh(), by=user)),
        "place": attempt(lambda: services.article_place(article=fresh(), page=page, by=user)),
        "publish": attempt(lambda: services.article_publish(article=fresh(), by=user)),
        "schedule": attempt(lambda: services.article_schedule(article=fresh(), by=user, at=soon)),
        "withdraw": attempt(
            lambda: services.article_withdraw(article=fresh(), by=user, reason="r")
        ),
        "correct": attempt(lambda: services.correction_add(article=fresh(), by=user, text="更正")),
        "release": attempt(lambda: release_with(fresh(), user)),
    }


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("owner", ["own", "others"])
@pytest.mark.parametrize("role", list(ROLE_GROUPS))
def test_permission_matrix(role, owner, state, client):
    user = make_user(ROLE_GROUPS[role], f"{role}-user")
    someone = make_user(roles.REPORTER, "someone-else")
    if owner == "others":
        article = make_article(state, author=someone, byline_reporter=someone.reporter)
    elif role == "reporter":
        article = make_article(state, author=user, byline_reporter=user.reporter)
    elif role == "photographer":
        # The photographer's own: an article that uses their picture.
        article = make_article(state, author=someone, byline_reporter=someone.reporter)
        article.article_photos.create(photo=PhotoFactory(uploaded_by=user))
    else:
        article = make_article(state, author=user, byline_reporter=ReporterFactory())
    assert actual(user, article, client) == expected(role, owner, state)


def test_a_byline_makes_an_article_the_reporters_own(client):
    reporter = make_user(roles.REPORTER, "bylined")
    colleague = make_user(roles.REPORTER, "colleague")
    article = make_article("draft", author=colleague, byline_reporter=colleague.reporter)
    BylineFactory(article=article, reporter=reporter.reporter, role="correspondent")
    assert actual(reporter, article, client) == expected("reporter", "own", "draft")


@pytest.mark.parametrize(
    "role, may_add",
    [("reporter", True), ("photographer", False), ("editor", True), ("chief", True)],
)
def test_who_may_add_articles(role, may_add, client):
    user = make_user(ROLE_GROUPS[role], f"{role}-adder")
    client.force_login(user)
    response = client.get(reverse("admin:articles_article_add"))
    assert response.status_code == (200 if may_add else 403)
    section = ArticleFactory().section
    assert (
        attempt(
            lambda: services.article_save(
                article=Article(headline="新稿", section=section), by=user
            )
        )
        is may_add
    )


def test_reporters_never_see_other_reporters_drafts_in_lists_or_search(client):
    mine = make_user(roles.REPORTER, "mine")
    theirs = make_user(roles.REPORTER, "theirs")
    own = make_article("draft", author=mine, byline_reporter=mine.reporter)
    secret = ArticleFactory(headline="别人的独家草稿", created_by=theirs)
    client.force_login(mine)
    for url in (
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_changelist") + "?q=独家",
        reverse("admin:articles_mystory_changelist"),
        reverse("admin:autocomplete")
        + "?app_label=articles&model_name=correction&field_name=article&term=独家",
    ):
        response = client.get(url)
        assert secret.headline not in response.content.decode(), url
    assert (
        own.headline in client.get(reverse("admin:articles_article_changelist")).content.decode()
    )


@pytest.mark.parametrize("role", list(ROLE_GROUPS))
def test_the_steps_a_form_offers_are_the_steps_allowed(role):
    """The change form asks for all its buttons at once (``allowed_actions``): the
    answer is ``allowed`` asked action by action, whether the user may see the
    story or not, early in the workflow or late."""
    user = make_user(ROLE_GROUPS[role], f"{role}-user")
    someone = make_user(roles.REPORTER, "someone-else")
    for state in ("draft", "approved", "published"):
        for author in (user, someone):
            article = make_article(state, author=author, byline_reporter=someone.reporter)
            one_by_one = {a for a in policy.RULES if policy.allowed(user, article, a)}
            assert policy.allowed_actions(user, article, policy.RULES) == one_by_one, state
