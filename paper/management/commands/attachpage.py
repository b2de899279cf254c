"""附上版面原样: ``manage.py attachpage 2021-11-25 5 page5.pdf [--pdf-page K] [--suggest]``.

The same steps as the page's admin screen: the file is checked in full and
refused with the reason (nothing stored), the page images are rendered by
the task backend, and ``--suggest`` finds each placed story on the page's
text layer, adds a hotspot for every story found that has none, and says
what it found and what not.
"""

import datetime
import os

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from articles.hotspots import suggest
from articles.models import Hotspot
from articles.services import hotspots_add
from newsroom.commands import acting_user, refused
from paper.models import Issue, Page
from paper.services import page_file_attach


class Command(BaseCommand):
    help = "为某期某版附上印刷版面（PDF、JPEG 或 PNG），生成电子报版面图；可按文字层建议热区。"

    def add_arguments(self, parser):
        parser.add_argument("date", help="出版日期，YYYY-MM-DD")
        parser.add_argument("number", type=int, help="版次")
        parser.add_argument("file", help="版面文件路径")
        parser.add_argument("--pdf-page", type=int, help="多页 PDF 中本版是第几页（从 1 起）")
        parser.add_argument(
            "--suggest", action="store_true", help="按 PDF 文字层为尚无热区的稿件添加热区"
        )
        parser.add_argument(
            "--user", help="操作人账号（须能调整该期版面）；不给则以服务器管理员身份操作"
        )

    def handle(self, *args, date, number, file, pdf_page=None, **options):
        by = acting_user(options["user"]) if options.get("user") else None
        try:
            day = datetime.date.fromisoformat(date)
        except ValueError as error:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{date}") from error
        issue = Issue.objects.filter(date=day).first()
        if issue is None:
            raise CommandError(f"没有 {day} 的期次。")
        page = Page.objects.filter(issue=issue, number=number).select_related("issue").first()
        if page is None:
            raise CommandError(f"{issue} 没有第{number}版。")
        try:
            size = os.path.getsize(file)
        except OSError as error:
            raise CommandError(f"无法读取文件：{file}") from error
        if size > settings.EPAPER_MAX_UPLOAD_MB * 1024 * 1024:
            raise CommandError(f"文件超过 {settings.EPAPER_MAX_UPLOAD_MB} MB 上限。")
        with open(file, "rb") as handle:
            data = handle.read()
        try:
            source = page_file_attach(
                page=page, data=data, name=os.path.basename(file), by=by, pdf_page=pdf_page
            )
        except (ValidationError, PermissionDenied) as error:
            raise refused(error) from error
        page.refresh_from_db()
        what = (
            f"PDF 第{page.print_pdf_page}页（共{source.page_count}页）"
            if source.kind == "pdf"
            else f"图片 {source.width:.0f}×{source.height:.0f}"
        )
        self.stdout.write(
            f"已为{issue} {page}附上版面原样：{what}；版面图 {page.images.count()} 张。"
        )
        if options.get("suggest"):
            self._suggest(page, by)

    def _suggest(self, page: Page, by) -> None:
        suggestions = suggest(page)
        if not suggestions:
            self.stdout.write("本版没有安排稿件，无需热区。")
            return
        drawn = set(
            Hotspot.objects.filter(placement__page=page).values_list("placement_id", flat=True)
        )
        regions = []
        for each in suggestions:
            headline = each.placement.article.headline
            if each.box is None:
                self.stdout.write(f"✗ 《{headline}》未找到：{'；'.join(each.missing)}")
                continue
            box = "，".join(f"{v:.3f}" for v in each.box)
            note = f"；未找到{'、'.join(each.missing)}" if each.missing else ""
            if each.placement.pk in drawn:
                self.stdout.write(f"· 《{headline}》已有热区，未改动（建议区域 {box}）")
                continue
            self.stdout.write(f"✓ 《{headline}》找到{'、'.join(each.matched)}{note} → 区域 {box}")
            regions.append((each.placement.pk, each.box))
        if regions:
            try:
                hotspots_add(page=page, regions=regions, by=by)
            except (ValidationError, PermissionDenied) as error:
                raise refused(error) from error
        found = sum(1 for each in suggestions if each.box is not None)
        self.stdout.write(
            f"{len(suggestions)} 篇稿件：找到 {found} 篇，新加热区 {len(regions)} 个，"
            f"未找到 {len(suggestions) - found} 篇（请在后台手工画出）。"
        )
