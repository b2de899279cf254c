"""The paper's invariants are enforced by the database, under their own names."""

import pytest

from tests.paper.factories import IssueFactory, PageFactory
from tests.support.db import violates

pytestmark = pytest.mark.django_db


def test_one_issue_per_date():
    issue = IssueFactory()
    violates("issue_unique_date", lambda: IssueFactory(date=issue.date))


def test_issue_numbers_are_unique():
    issue = IssueFactory()
    violates("issue_unique_number", lambda: IssueFactory(number=issue.number))


def test_page_numbers_are_unique_within_an_issue_but_not_across_issues():
    page = PageFactory(number=1)
    PageFactory(number=1)  # another issue's page 1 is fine
    violates("page_unique_number_per_issue", lambda: PageFactory(issue=page.issue, number=1))


def test_page_numbers_start_at_one():
    violates("page_number_positive", lambda: PageFactory(number=0))
