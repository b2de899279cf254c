"""Notifications: made by the workflow steps, read on the start screen, and
delivered by e-mail and a group robot's webhook after the commit."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Notification, Status
from tests.articles.factories import ArticleFactory, BylineFactory

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def filed(reporter, **fields):
    article = ArticleFactory(created_by=reporter, **fields)
    BylineFactory(article=article, reporter=reporter.reporter)
    services.article_submit(article=article, by=reporter)
    return article


def test_each_step_tells_the_storys_people_and_not_who_took_it(
    reporter, other_reporter, editor, chief, django_capture_on_commit_callbacks
):
    editor.first_name = "李编辑"
    editor.save()
    article = filed(reporter, headline="竹竿解菜农之急")
    BylineFactory(article=article, reporter=other_reporter.reporter)
    assert not Notification.objects.exists()  # submitting tells nobody

    services.article_return(article=article, by=editor, note="请补充采访对象的全名。")
    returned = Notification.objects.filter(kind=Notification.Kind.RETURNED)
    assert {n.recipient for n in returned} == {reporter, other_reporter}
    assert returned.first().text == "《竹竿解菜农之急》被李编辑退回修改：请补充采访对象的全名。"
    assert returned.first().article == article

    services.article_submit(article=article, by=reporter)
    services.article_approve(article=article, by=editor)
    services.article_publish(article=article, by=chief)
    services.article_withdraw(article=article, by=chief, reason="事实有误")
    kinds = list(
        Notification.objects.filter(recipient=reporter)
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == ["returned", "approved", "published", "withdrawn"]
    assert not Notification.objects.filter(recipient__in=[editor, chief]).exists()
    assert "事实有误" in Notification.objects.get(recipient=reporter, kind="withdrawn").text


def test_a_refused_step_leaves_no_notification(reporter, editor):
    article = filed(reporter)
    with pytest.raises(ValidationError):
        services.article_return(article=article, by=editor, note="  ")
    assert not Notification.objects.exists()


def test_the_reporter_sees_it_unread_and_opening_it_marks_it_read(reporter, editor):
    article = filed(reporter, headline="退回的稿")
    services.article_return(article=article, by=editor, note="数据来源请注明。")
    note = Notification.objects.get(recipient=reporter)
    client = logged_in(reporter)
    page = client.get(reverse("admin:index")).content.decode()
    assert "1 条未读" in page and "desk-unread" in page and "数据来源请注明。" in page

    response = client.get(reverse("admin:articles_notification_open", args=[note.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    note.refresh_from_db()
    assert note.read_at is not None
    first_read = note.read_at
    client.get(reverse("admin:articles_notification_open", args=[note.pk]))
    note.refresh_from_db()
    assert note.read_at == first_read
    assert "条未读" not in client.get(reverse("admin:index")).content.decode()


def test_every_desk_page_shows_the_unread_count_in_its_header(reporter, editor):
    services.article_return(article=filed(reporter), by=editor, note="补一张图。")
    client = logged_in(reporter)
    page = client.get(reverse("admin:articles_mystory_changelist")).content.decode()
    header = page.split('id="user-tools"')[1].split("</div>")[0]
    assert "1 条未读通知" in header
    assert reverse("admin:articles_notification_changelist") + "?unread=1" in header
    services.notifications_read_all(by=reporter)
    page = client.get(reverse("admin:articles_mystory_changelist")).content.decode()
    assert "条未读通知" not in page


def test_nobody_opens_or_lists_someone_elses_notifications(reporter, other_reporter, editor):
    article = filed(reporter, headline="只给我的通知")
    services.article_return(article=article, by=editor, note="再核实一下。")
    note = Notification.objects.get(recipient=reporter)
    theirs = logged_in(other_reporter)
    assert (
        theirs.get(reverse("admin:articles_notification_open", args=[note.pk])).status_code == 404
    )
    listing = theirs.get(reverse("admin:articles_notification_changelist")).content.decode()
    assert "只给我的通知" not in listing
    note.refresh_from_db()
    assert note.read_at is None
    mine = logged_in(reporter).get(reverse("admin:articles_notification_changelist"))
    assert "只给我的通知" in mine.content.decode()


def test_mark_all_read(reporter, editor):
    for n in range(3):
        services.article_return(article=filed(reporter), by=editor, note=f"意见{n}")
    client = logged_in(reporter)
    url = reverse("admin:articles_notification_read_all")
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("admin:index")
    assert not Notification.objects.filter(recipient=reporter, read_at__isnull=True).exists()


# --- delivery ---------------------------------------------------------------------


class Robot:
    """A local group robot: answers each POST from a script of status codes."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.received = []
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                robot.received.append(json.loads(body))
                status = robot.answers.pop(0) if robot.answers else 200
                payload = b'{"errcode":0,"errmsg":"ok"}' if status == 200 else b"busy"
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/robot/send?key=test"
        # shutdown() waits up to one poll interval: the default half second, per robot.
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def robot_factory(settings):
    made = []

    def make(answers=()):
        robot = Robot(answers)
        settings.NEWSROOM_WEBHOOK_URL = robot.url
        made.append(robot)
        return robot

    yield make
    for robot in made:
        robot.close()


def test_the_webhook_gets_a_group_robot_message_after_the_commit(
    reporter, editor, robot_factory, django_capture_on_commit_callbacks
):
    robot = robot_factory()
    article = filed(reporter, headline="要发群里的稿")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.article_return(article=article, by=editor, note="标题再短一点。")
    assert robot.received == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(robot.received) == 1
    message = robot.received[0]
    assert message["msgtype"] == "text"
    assert "《要发群里的稿》" in message["text"]["content"]
    assert "标题再短一点。" in message["text"]["content"]


def test_a_webhook_that_fails_is_tried_again_and_the_step_stands(
    reporter, editor, robot_factory, django_capture_on_commit_callbacks
):
    robot = robot_factory(answers=[500, 502])
    article = filed(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_return(article=article, by=editor, note="再改改。")
    assert len(robot.received) == 3  # two failures, then it took it
    assert Article_status(article) == Status.RETURNED


def test_a_webhook_that_never_works_gives_up_without_failing_the_step(
    reporter, editor, robot_factory, django_capture_on_commit_callbacks, settings
):
    robot = robot_factory(answers=[500] * 10)
    article = filed(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_return(article=article, by=editor, note="再改改。")
    assert len(robot.received) == 1 + len(settings.NEWSROOM_NOTIFY_RETRY_DELAYS)
    assert Article_status(article) == Status.RETURNED
    assert Notification.objects.filter(recipient=reporter).count() == 1


def test_a_queue_that_can_wait_retries_later_with_backoff(
    reporter, editor, robot_factory, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    robot = robot_factory(answers=[500])
    article = filed(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_return(article=article, by=editor, note="再改改。")
    first = default_task_backend.results[-1]
    before = timezone.now()
    first.task.call(*first.args, **first.kwargs)  # the worker runs it: 500
    assert len(robot.received) == 1
    retry = default_task_backend.results[-1]
    assert retry.args[2] == 2  # the second try
    assert retry.task.run_after >= before + timezone.timedelta(
        seconds=settings.NEWSROOM_NOTIFY_RETRY_DELAYS[0] - 1
    )
    retry.task.call(*retry.args, **retry.kwargs)
    assert len(robot.received) == 2


def test_email_goes_to_people_with_an_address(
    reporter, other_reporter, editor, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_NOTIFY_BY_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reporter.email = "gao@example.cn"
    reporter.save()
    article = filed(reporter, headline="发邮件的稿")
    BylineFactory(article=article, reporter=other_reporter.reporter)  # no address
    with django_capture_on_commit_callbacks(execute=True):
        services.article_return(article=article, by=editor, note="请补图。")
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["gao@example.cn"]
    assert "稿件退回" in sent.subject
    assert "《发邮件的稿》" in sent.body and "请补图。" in sent.body


def test_email_url_reads_as_django_settings():
    from newsroom.mail_url import email_settings

    smtp = email_settings("smtp://news%40example.cn:p%40ss@mail.example.cn")
    assert smtp["EMAIL_HOST"] == "mail.example.cn" and smtp["EMAIL_PORT"] == 587
    assert smtp["EMAIL_HOST_USER"] == "news@example.cn"
    assert smtp["EMAIL_HOST_PASSWORD"] == "p@ss" and smtp["EMAIL_USE_TLS"]
    assert email_settings("smtps://mail.example.cn")["EMAIL_PORT"] == 465
    assert "console" in email_settings("console://")["EMAIL_BACKEND"]
    with pytest.raises(Exception, match="EMAIL_URL"):
        email_settings("ftp://mail.example.cn")


def Article_status(article):
    article.refresh_from_db()
    return article.status
