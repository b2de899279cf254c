"""Removing stored files nobody refers to any more.

Originals and rendition files can be shared between photo rows (identical
content, the bench archive's file pool), so a file goes only when no row
names it. Always called after commit: a rolled-back delete keeps its files.
"""

import logging

from media_library.models import Photo, Rendition

logger = logging.getLogger(__name__)


def delete_unreferenced(*, renditions=(), originals=()) -> int:
    removed = 0
    for model, names in ((Rendition, set(renditions)), (Photo, set(originals))):
        names.discard("")
        if not names:
            continue
        storage = model._meta.get_field("file").storage
        used = set(model.objects.filter(file__in=names).values_list("file", flat=True))
        for name in names - used:
            try:
                storage.delete(name)
                removed += 1
            except OSError:
                logger.warning("could not delete %s", name, exc_info=True)
    return removed
