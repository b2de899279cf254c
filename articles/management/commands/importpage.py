"""Import one printed page's text into its stories.

``manage.py importpage 5.txt --date 2021-11-25 --page 5 --user bianji``

The same reader as the admin's 导入版面文本 screen. ``--dry-run --json``
writes nothing and prints the items it read, in print order, as one JSON
document; without ``--dry-run`` the items become drafts on the page.
"""

import datetime
import json
import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from articles.pageimport import PageTextError, decode_page, read_page
from articles.services import page_import_confirm
from articles.services.pageimport import ADD, REPLACE, sections_for
from newsroom.commands import acting_user, refused
from paper.models import Issue, Page, Section
from paper.services import page_add


class Command(BaseCommand):
    help = "导入一个版面的文本（UTF-8 或 GB18030/GBK）：拆出稿件，作为草稿排到该版上。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="版面文本文件（.txt），“-” 表示标准输入")
        parser.add_argument("--date", required=True, help="出版日期，YYYY-MM-DD")
        parser.add_argument("--page", required=True, type=int, help="版次，如 5")
        parser.add_argument("--name", default="", help="版名；该版还不存在时用它新建")
        parser.add_argument("--user", help="确认导入的编辑账号（正式导入时必填）")
        parser.add_argument("--section", help="稿件栏目的网址名，默认按版名选")
        parser.add_argument(
            "--mode", choices=(ADD, REPLACE), help="版上已有稿件时：add 追加，replace 替换草稿"
        )
        parser.add_argument("--dry-run", action="store_true", help="只读出稿件，不写数据库")
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="以 JSON 输出读出的稿件"
        )

    def handle(
        self, *args, file, date, page, name, user, section, mode, dry_run, as_json, **options
    ):
        try:
            day = datetime.date.fromisoformat(date)
        except ValueError as error:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{date}") from error
        if page < 1:
            raise CommandError("版次应是正整数。")
        text, encoding = self.read(file)
        items = read_page(text)
        if as_json:
            self.stdout.write(self.to_json(items))
        else:
            self.stderr.write(f"文字编码：{encoding}；读出 {len(items)} 条稿件。")
            self.describe(items)
        if dry_run:
            return
        if not user:
            raise CommandError("正式导入要用 --user 指明确认导入的编辑；只看结果请加 --dry-run。")
        by = acting_user(user)
        try:
            target = self.page(day, page, name, by)
            story, photo = sections_for(target)
            if section:
                story = Section.objects.filter(slug=section).first()
                if story is None:
                    raise CommandError(f"没有网址名为 {section} 的栏目。")
            if story is None:
                raise CommandError("还没有任何栏目，请先在后台建栏目。")
            articles = page_import_confirm(
                page=target,
                text=text,
                items=items,
                by=by,
                section=story,
                photo_section=None if section else photo,
                mode=mode,
                encoding=encoding,
            )
        except (ValidationError, PermissionDenied) as error:
            raise refused(error) from error
        self.stderr.write(f"已作为草稿排到{target.issue} {target}：{len(articles)} 条。")

    def read(self, file: str) -> tuple[str, str]:
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"读不了文件 {file}：{error.strerror}") from error
        try:
            return decode_page(data)
        except PageTextError as error:
            raise CommandError(str(error)) from error

    def page(self, day, number, name, by) -> Page:
        issue = Issue.objects.filter(date=day).first()
        if issue is None:
            raise CommandError(f"没有 {day} 的期次，请先建期次（manage.py createnextissue）。")
        found = issue.pages.filter(number=number).first()
        if found:
            return found
        if not name:
            raise CommandError(f"{issue} 还没有第{number}版；用 --name 给出版名即可新建。")
        return page_add(issue=issue, number=number, name=name, by=by)

    @staticmethod
    def to_json(items) -> str:
        return json.dumps(
            {"items": [item.to_dict() for item in items]}, ensure_ascii=False, indent=2
        )

    def describe(self, items) -> None:
        for number, item in enumerate(items, start=1):
            kind = "图片新闻" if item.is_photo_news else "文字稿"
            heads = " / ".join(h for h in (item.kicker, item.headline, item.subheadline) if h)
            self.stderr.write(f"{number}. [{kind}] {heads}")
            for note in item.mended:
                self.stderr.write(f"   已修补：{note}")
            for note in item.unsure:
                self.stderr.write(f"   请核对：{note}")
