"""The desk's management commands call the same services as the admin."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles import services
from articles.models import Article, Status
from paper.models import Issue
from tests.articles.factories import ArticleFactory
from tests.paper.factories import IssueFactory, PageFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_createnextissue(editor):
    out = run("createnextissue", "--user", "editor", "--date", "2030-01-02")
    issue = Issue.objects.get(date=datetime.date(2030, 1, 2))
    assert "第1版 要闻" in out and str(issue) in out
    with pytest.raises(CommandError, match="已经存在"):
        run("createnextissue", "--user", "editor", "--date", "2030-01-02")


def test_releaseissue_at_a_beijing_time(editor, chief):
    issue = IssueFactory(unreleased=True, date=datetime.date(2030, 1, 2))
    article = ArticleFactory(status=Status.APPROVED)
    services.article_place(article=article, page=PageFactory(issue=issue), by=editor)
    with pytest.raises(CommandError, match="只有总编"):
        run("releaseissue", "2030-01-02", "--user", "editor")
    out = run("releaseissue", "2030-01-02", "--user", "chief", "--at", "2030-01-02 06:00")
    assert "2030-01-02 06:00 上线" in out
    issue.refresh_from_db()
    assert timezone.localtime(issue.publish_at).hour == 6
    assert Article.objects.get().status == Status.PUBLISHED
    with pytest.raises(CommandError, match="已于"):
        run("releaseissue", "2030-01-02", "--user", "chief")
    with pytest.raises(CommandError, match="没有 2030-01-03 的期次"):
        run("releaseissue", "2030-01-03", "--user", "chief")
