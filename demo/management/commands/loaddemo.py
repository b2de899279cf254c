"""Load the demo edition: the seed page, as a released issue, and demo logins.

The edition is built from the text of one real printed page
(``demo/seed/``, a copy of the shared seed): a released issue
(2021年11月25日) with its page 第5版 高新区新闻, the sections 高新区 and
图片新闻, every story and photo-news item with its kicker, headline,
subheadline, dateline, intertitles and paragraphs, every byline with its role
(郑喜艳 is one reporter: 通讯员 on one story, 摄影 on another), the events the
stories report, and tags. Photos are drawn with Pillow and marked as demo
images: the page has no image files.

The page goes through the page importer (``articles.pageimport``), the same
reader and confirm service as the admin's 导入版面文本 screen and
``manage.py importpage``; what the importer mends, because the text was taken
off a print layout:

- Words and sentences split across line breaks are joined again: 提质增效/工程,
  中国科/学院, 战略科技人/才, 上海及周边地区/优势产业, 全员招商的工/作思路,
  解决在基层，把/矛盾化解, 11月6日、/7日两天, 在周边买/不到.
- The caption of 管理骨干学习全会精神 is printed twice, once fused onto the
  end of the 六中全会 story as stray text; the story ends where its own text
  ends, and the caption is used once, under its photo.
- Headings printed away from their stories are put back with them: the
  series line 加快形成创新高地 构建创新体系 is the feature's kicker, and
  学在深处 谋在新处 干在实处 / 高新区认真学习贯彻党的十九届六中全会精神
  (printed last) are the kicker and headline of the 六中全会 story, whose
  column banner 学习贯彻党的十九届六中全会精神 becomes its tag.
- "区城管执法局和公安部门 夜查整治渣土运输车辆", one printed line, is a
  kicker and a headline.

One fix is the editor's (``demo.edition.EDITS``): the caption of 管理骨干学习全会精神
lost the words after "市中开" in the layout ("市中开 该公司党支部…", which
the importer flags); the demo completes the sentence from the photo's own
title: "市中开公司组织管理骨干学习全会精神。该公司党支部…". The bylines print
without spaces ("记者高轶鹏"); the site prints them as the paper's style has
them: 本报讯（记者 高轶鹏 通讯员 张晓旭）.

Running it again changes nothing: it only creates what is missing.

Demo accounts (one per role, passwords printed) are created only in the demo
mode of ``make run`` or with DEBUG on, so known passwords never reach a
production database; elsewhere use ``--no-accounts``.
"""

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from demo import edition
from demo.loader import create_demo_accounts, load_demo_edition
from demo.printed import print_page, printed_stories
from paper.models import Page


class Command(BaseCommand):
    help = "载入演示报纸（种子版面）和演示账号；可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-accounts", action="store_true", help="只载入报纸，不创建演示账号。"
        )
        parser.add_argument(
            "--site-url", default="", help="在账号表下打印的网址，如 http://127.0.0.1:8000"
        )

    def handle(self, *args, no_accounts=False, site_url="", **options):
        accounts_allowed = settings.DEBUG or settings.DEMO_MODE
        if not no_accounts and not accounts_allowed:
            raise CommandError(
                "拒绝创建演示账号：DEBUG 关闭且不在 make run 的演示模式下，"
                "已知密码不能进入生产数据库。只载入报纸请加 --no-accounts。"
            )
        summary = load_demo_edition()
        created = (
            ", ".join(f"{k} {v}" for k, v in summary.created.items() if v) or "无（已是最新）"
        )
        self.stdout.write(f"演示报纸已载入。新建：{created}")
        self.attach_printed_page()
        if no_accounts:
            return
        self.print_accounts(create_demo_accounts(), site_url)

    def attach_printed_page(self):
        """The demo page as printed (电子报), attached as the desk would (attachpage --suggest)."""
        page = Page.objects.select_related("issue").get(
            issue__date=edition.ISSUE_DATE, number=edition.PAGE_NUMBER
        )
        if page.print_file:
            return
        placements = page.placements.select_related("article").order_by("position", "pk")
        pdf = print_page(str(page), printed_stories(placements))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"page{page.number}.pdf"
            path.write_bytes(pdf)
            call_command(
                "attachpage",
                str(page.issue.date),
                str(page.number),
                str(path),
                "--suggest",
                stdout=self.stdout,
            )

    def print_accounts(self, rows, site_url):
        def width(text):  # CJK characters take two columns in a terminal
            return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

        def pad(text, columns):
            return text + " " * (columns - width(text))

        label_cols = max(width(row[0]) for row in rows) + 2
        user_cols = max(width(row[1]) for row in rows) + 2
        lines = [
            "",
            "演示账号（仅供本机演示）",
            "  " + pad("角色", label_cols) + pad("用户名", user_cols) + "密码",
        ]
        for label, username, password, _created in rows:
            lines.append("  " + pad(label, label_cols) + pad(username, user_cols) + password)
        if site_url:
            lines += ["", f"  网站：{site_url}/", f"  采编后台：{site_url}/admin/"]
        self.stdout.write("\n".join(lines) + "\n")
