"""The permission matrix: every role × action, on own and others' articles, in every state.

Each cell is checked the way users meet it: view through the admin's change
page, change and delete through the admin's rules and the save service, and
every workflow step (publish and release included) by calling its service,
rolled back afterwards. The users and articles are made once for the module;
what each cell writes is rolled back before the next.
"""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles import policy, services
from articles.models import Article, Placement, Status
from paper.models import Page
from people import roles
from tests.articles.factories import ArticleFactory, BylineFactory
from tests.media_library.factories import PhotoFactory
from tests.paper.factories import IssueFactory, PageFactory, SectionFactory
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
OWNERS = ["own", "others"]
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


def build():
    """A user in each role, someone else, and for every role × owner an article in
    every state: ``{"users": {role: id}, "someone": id, "articles": {(role, owner,
    state): id}, "page": id}``.

    Others' articles are someone else's, with their byline, the same for every
    role. One's own is, for a reporter, created by them under their byline; for
    a photographer, someone else's that uses their picture; for the desk, created
    by them under a reporter's byline.
    """
    users = {role: make_user(group, f"{role}-user") for role, group in ROLE_GROUPS.items()}
    someone = make_user(roles.REPORTER, "someone-else")
    articles = {}
    for state in STATES:
        others = make_article(state, author=someone, byline_reporter=someone.reporter)
        for role, user in users.items():
            articles[(role, "others", state)] = others
            if role == "reporter":
                own = make_article(state, author=user, byline_reporter=user.reporter)
            elif role == "photographer":
                own = make_article(state, author=someone, byline_reporter=someone.reporter)
                own.article_photos.create(photo=PhotoFactory(uploaded_by=user))
            else:
                own = make_article(state, author=user, byline_reporter=ReporterFactory())
            articles[(role, "own", state)] = own
    return {
        "users": {role: user.pk for role, user in users.items()},
        "someone": someone.pk,
        "articles": {cell: article.pk for cell, article in articles.items()},
        # Where "place" puts an article: a page of an issue not yet out.
        "page": PageFactory(issue=IssueFactory(unreleased=True)).pk,
    }


@pytest.fixture(scope="module")
def built(module_db):
    """Built once for the module's tests (see ``module_db``); each test's own
    writes, and every attempt's, are rolled back."""
    with module_db.unblock():
        return build()


@pytest.fixture
def newsroom(built):
    """The module's users, read afresh for each test: ``{role: user}`` and
    ``"someone"``, the other reporter."""
    users = get_user_model().objects.in_bulk([*built["users"].values(), built["someone"]])
    return {
        **{role: users[pk] for role, pk in built["users"].items()},
        "someone": users[built["someone"]],
    }


def article_for(built, role, owner, state):
    return Article.objects.get(pk=built["articles"][(role, owner, state)])


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


def actual(user, article, client, page):
    """What ``user`` may do to ``article``; ``client`` is logged in as ``user``."""
    model_admin = admin.site._registry[Article]
    request = RequestFactory().get("/")
    request.user = user

    def fresh():
        return Article.objects.get(pk=article.pk)

    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
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


def mismatches(cell, found, wanted):
    """One readable line per action where ``found`` is not what the matrix says."""
    word = {True: "Y", False: "."}
    return [
        f"{'/'.join(cell)} {action}: matrix says {word[wanted[action]]}, got {word[found[action]]}"
        for action in ACTIONS
        if found[action] != wanted[action]
    ]


@pytest.mark.parametrize("owner", OWNERS)
@pytest.mark.parametrize("role", list(ROLE_GROUPS))
def test_permission_matrix(role, owner, built, newsroom, client):
    """One role's row of the matrix, own or others', walked through every state;
    every cell is checked and every wrong one named."""
    user = newsroom[role]
    page = Page.objects.get(pk=built["page"])
    client.force_login(user)
    wrong = []
    for state in STATES:
        article = article_for(built, role, owner, state)
        # Each state as if alone: nothing opening the page wrote is kept.
        try:
            with transaction.atomic():
                found = actual(user, article, client, page)
                transaction.set_rollback(True)
        except Exception as error:
            error.add_note(f"in the cell {role}/{owner}/{state}")
            raise
        wrong += mismatches((role, owner, state), found, expected(role, owner, state))
    assert not wrong, "\n".join(wrong)


def test_a_byline_makes_an_article_the_reporters_own(built, newsroom, client):
    reporter, colleague = newsroom["reporter"], newsroom["someone"]
    article = make_article("draft", author=colleague, byline_reporter=colleague.reporter)
    BylineFactory(article=article, reporter=reporter.reporter, role="correspondent")
    client.force_login(reporter)
    found = actual(reporter, article, client, Page.objects.get(pk=built["page"]))
    assert found == expected("reporter", "own", "draft")


@pytest.mark.parametrize(
    "role, may_add",
    [("reporter", True), ("photographer", False), ("editor", True), ("chief", True)],
)
def test_who_may_add_articles(role, may_add, newsroom, client):
    user = newsroom[role]
    client.force_login(user)
    response = client.get(reverse("admin:articles_article_add"))
    assert response.status_code == (200 if may_add else 403)
    section = SectionFactory()
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
def test_the_steps_a_form_offers_are_the_steps_allowed(role, built, newsroom):
    """The change form asks for all its buttons at once (``allowed_actions``): the
    answer is ``allowed`` asked action by action, whether the user may see the
    story or not, early in the workflow or late."""
    user = newsroom[role]
    for state in ("draft", "approved", "published"):
        for owner in OWNERS:
            article = article_for(built, role, owner, state)
            one_by_one = {a for a in policy.RULES if policy.allowed(user, article, a)}
            assert policy.allowed_actions(user, article, policy.RULES) == one_by_one, (
                owner,
                state,
            )
