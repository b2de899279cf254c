"""总编签发一期：``manage.py releaseissue 2021-11-23 --user zongbian --at "2021-11-23 06:00"``."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.services import issue_release
from newsroom.commands import acting_user, local_datetime, refused
from paper.models import Issue


class Command(BaseCommand):
    help = "签发一期报纸：版面上的稿件在上线时间对读者可见（与后台“签发本期”相同）。"

    def add_arguments(self, parser):
        parser.add_argument("date", help="出版日期，YYYY-MM-DD")
        parser.add_argument("--user", required=True, help="签发人账号（须有签发期次权限）")
        parser.add_argument("--at", help="上线时间（北京时间），默认沿用期次原定时间")

    def handle(self, *args, date, user, at=None, **options):
        try:
            issue = Issue.objects.get(date=datetime.date.fromisoformat(date))
        except (ValueError, Issue.DoesNotExist) as error:
            raise CommandError(f"没有 {date} 的期次。") from error
        try:
            issue = issue_release(
                issue=issue, by=acting_user(user), publish_at=local_datetime(at) if at else None
            )
        except (ValidationError, PermissionDenied) as error:
            raise refused(error) from error
        when = timezone.localtime(issue.publish_at).strftime("%Y-%m-%d %H:%M")
        self.stdout.write(f"{issue} 已签发，{when} 上线。")
