"""创建明日期次: ``manage.py createnextissue --user bianji [--date 2021-11-24]``."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from newsroom.commands import acting_user, refused
from paper.services import issue_create_next


class Command(BaseCommand):
    help = "创建明天（或指定日期）的期次，版面按当天星期的版面计划（与后台“创建明日期次”相同）。"

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="操作人账号（须有新建期次权限）")
        parser.add_argument("--date", help="出版日期，YYYY-MM-DD，默认明天")

    def handle(self, *args, user, date=None, **options):
        try:
            day = datetime.date.fromisoformat(date) if date else None
        except ValueError as error:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{date}") from error
        try:
            issue = issue_create_next(by=acting_user(user), date=day)
        except (ValidationError, PermissionDenied) as error:
            raise refused(error) from error
        pages = "、".join(str(page) for page in issue.pages.order_by("number"))
        self.stdout.write(f"已创建{issue}：{pages}")
