"""Infrastructure only: files follow their rows out, after the commit."""

from django.db import transaction

from media_library.files import delete_unreferenced


def photo_deleted(sender, instance, **kwargs):
    if instance.file:
        name = instance.file.name
        transaction.on_commit(lambda: delete_unreferenced(originals=[name]))


def rendition_deleted(sender, instance, **kwargs):
    if instance.file:
        name = instance.file.name
        transaction.on_commit(lambda: delete_unreferenced(renditions=[name]))
