"""Make the renditions photos are missing, or all of them again.

    python manage.py renditions            # only what is missing (safe to rerun)
    python manage.py renditions --all      # every photo's files made again
    python manage.py renditions --photo 12 --photo 13

Photos are taken in content-hash order, so rows that share one image (the
bench archive's file pool, re-uploads) decode it once and share its files.
"""

import logging

from django.core.management.base import BaseCommand

from media_library.models import Photo
from media_library.renditions import renditions_generate
from media_library.selectors import photo_prefetches
from newsroom.commands import Progress

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "生成图片缺少的规格图（--all 全部重新生成），带进度条。"

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="全部重新生成，而不只是缺少的")
        parser.add_argument("--photo", type=int, action="append", help="只处理这些编号的图片")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, all=False, photo=None, no_progress=False, **options):
        photos = Photo.objects.exclude(file="").exclude(content_hash="")
        if photo:
            photos = photos.filter(pk__in=photo)
        total = photos.count()
        photos = photos.order_by("content_hash", "pk").prefetch_related(*photo_prefetches())
        known_files: set[str] = set()
        written = failed = 0
        # Forced files are made once per content and focal point, then shared.
        forced: set[tuple] = set()
        progress = Progress("规格图", unit="张", stream=self.stderr._out, disable=no_progress)
        # (the raw stream: Django's OutputWrapper would add newlines to the bar)
        progress(0, total)
        for done, item in enumerate(photos.iterator(chunk_size=200), start=1):
            key = (item.content_hash, item.focal_x, item.focal_y)
            force = all and key not in forced
            forced.add(key)
            try:
                written += renditions_generate(photo=item, force=force, known_files=known_files)
            except Exception as error:  # one bad file must not stop the batch
                failed += 1
                logger.exception("renditions failed for photo %s", item.pk)
                self.stderr.write(f"\n图片 {item.pk} 失败：{error}")
            progress(done, total)
        self.stdout.write(f"处理图片 {total} 张，写入文件 {written} 个，失败 {failed} 张。")
