"""Renditions are made after the upload commits, off the reader's path.

With the default task backend (``ImmediateBackend``) the task runs right
after the commit, in the uploading request. Configure a real queue
(``TASKS_BACKEND=database`` and ``manage.py db_worker``, see the README) and
it runs in the background instead; until it has, pages show the photo
without an image (see ``templates/includes/figure.html``).
"""

import logging

from django.db import transaction
from django_tasks import task

from media_library.models import Photo
from media_library.renditions import renditions_generate

logger = logging.getLogger(__name__)


@task()
def photo_render(photo_id: int, only: list[str] | None = None) -> int:
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:  # deleted before its turn came
        return 0
    try:
        return renditions_generate(photo=photo, only=set(only) if only else None)
    except Exception:
        # The task backend records the failure; say it where people look.
        logger.exception("renditions failed for photo %s", photo_id)
        raise


def renditions_schedule(photo, *, only: set[str] | None = None) -> None:
    """Enqueue the photo's renditions once the current transaction commits."""
    photo_id = photo.pk
    names = sorted(only) if only else None

    def enqueue():
        # The photo is stored by now. A queue that fails here (the database
        # restarting between the commit and the enqueue, in the cluster soak)
        # must not answer the upload with an error: the photo waits without
        # renditions, as it does in a busy queue, until `manage.py
        # renditions` (which makes only what is missing) catches up.
        try:
            photo_render.enqueue(photo_id, names)
        except Exception:
            logger.exception(
                "renditions for photo %s not queued; run `manage.py renditions`", photo_id
            )

    transaction.on_commit(enqueue)
