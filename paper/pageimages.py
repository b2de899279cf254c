"""Page images (电子报): rendered from the page's print file, files cleaned up after."""

from django.core.files.base import ContentFile
from django.db import transaction

from paper import rendering
from paper.models import Page, PageImage
from sitecache.changes import changed
from sitecache.keys import keys_of


def page_files_delete(names) -> None:
    """Delete stored files no page or page image refers to any more."""
    storage = Page._meta.get_field("print_file").storage
    used = set(Page.objects.filter(print_file__in=names).values_list("print_file", flat=True))
    used |= set(PageImage.objects.filter(file__in=names).values_list("file", flat=True))
    for name in set(names) - used:
        storage.delete(name)


def page_images_generate(*, page: Page) -> int:
    """Render the page's print file into its images; returns how many were written.

    Files are named after the print file's content and the PDF page, so a
    second page carrying the same file shares them.
    """
    if not page.print_file or not page.print_hash:
        return 0
    with page.print_file.open("rb") as handle:
        data = handle.read()
    image = rendering.rasterize(data, page.print_file.name, page.print_pdf_page)
    storage = PageImage._meta.get_field("file").storage
    digest = page.print_hash
    rows = []
    try:
        for spec, width, height, content in rendering.renderings(image):
            name = f"epaper/images/{digest[:2]}/{digest}/p{page.print_pdf_page or 1}-{spec}"
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, ContentFile(content))
            rows.append(PageImage(page=page, spec=spec, file=saved, width=width, height=height))
    finally:
        image.close()
    with transaction.atomic():
        # The file may have been replaced while this one rendered.
        if not Page.objects.filter(pk=page.pk, print_hash=digest).exists():
            transaction.on_commit(lambda: page_files_delete([row.file.name for row in rows]))
            return 0
        PageImage.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["page", "spec"],
            update_fields=["file", "width", "height"],
        )
        changed(keys_of(Page, [page.pk]))
    return len(rows)
