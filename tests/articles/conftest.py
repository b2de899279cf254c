import pytest

from newsroom import roles
from tests.roles import make_user


@pytest.fixture
def reporter(db):
    return make_user(roles.REPORTER, "reporter")


@pytest.fixture
def other_reporter(db):
    return make_user(roles.REPORTER, "other")


@pytest.fixture
def photographer(db):
    return make_user(roles.PHOTOGRAPHER, "photographer")


@pytest.fixture
def editor(db):
    return make_user(roles.EDITOR, "editor")


@pytest.fixture
def chief(db):
    return make_user(roles.CHIEF_EDITOR, "chief")
