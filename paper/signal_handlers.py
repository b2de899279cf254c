"""Infrastructure only: a page's print file and images follow their rows out, after the commit."""

from django.db import transaction

from paper.pageimages import page_files_delete


def file_row_deleted(sender, instance, **kwargs):
    stored = instance.print_file if hasattr(instance, "print_file") else instance.file
    if stored:
        name = stored.name
        transaction.on_commit(lambda: page_files_delete([name]))
