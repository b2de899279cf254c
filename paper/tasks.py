"""Page images are rendered after the upload commits, off the reader's path.

The same task backend as photo renditions (``media_library.tasks``): right
after the commit by default, in the background with ``TASKS_BACKEND=database``.
Until it has run, the page shows its stories without the page image.
"""

import logging

from django.db import transaction
from django_tasks import task

from paper.models import Page
from paper.pageimages import page_images_generate

logger = logging.getLogger(__name__)


@task()
def page_render(page_id: int, print_hash: str) -> int:
    page = Page.objects.filter(pk=page_id, print_hash=print_hash).first()
    if page is None:  # deleted, or given another file, before its turn came
        return 0
    try:
        return page_images_generate(page=page)
    except Exception:
        logger.exception("page images failed for page %s", page_id)
        raise


def page_images_schedule(page: Page) -> None:
    """Enqueue the page's rendering once the current transaction commits."""
    page_id, print_hash = page.pk, page.print_hash
    transaction.on_commit(lambda: page_render.enqueue(page_id, print_hash))
