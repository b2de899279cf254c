"""Writes to the photo library: upload, update, delete. Admin, commands and
tests all go through here."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from media_library.models import Photo, hash_file
from media_library.renditions import focal_of
from media_library.selectors import photo_usage, photo_with_hash
from media_library.specs import CROP_SPECS
from media_library.tasks import renditions_schedule
from media_library.validation import inspect_upload, kept_content
from people.models import Reporter

logger = logging.getLogger(__name__)

STORAGE_UNAVAILABLE = "图片存储暂时无法连接，这张图片没有保存。请稍后再上传一次。"
FIELD_LIMITS = {"title": 120, "credit_text": 120, "rights": 200, "taken_place": 120}


class DuplicatePhoto(ValidationError):
    """The same file is already in the library; ``existing`` says where."""

    def __init__(self, existing: Photo):
        self.existing = existing
        super().__init__(
            _("图库里已有同一张图片：《%(title)s》（编号 %(pk)s）。")
            % {"title": existing, "pk": existing.pk},
            code="duplicate",
        )

    def as_html(self):
        url = reverse("admin:media_library_photo_change", args=[self.existing.pk])
        return format_html(
            '图库里已有同一张图片：<a href="{}">《{}》（编号 {}）</a>。',
            url,
            self.existing,
            self.existing.pk,
        )


def _stem(name: str) -> str:
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem.replace("_", " ").strip() or _("未命名图片")


def photo_upload(
    *,
    file,
    by=None,
    title: str = "",
    caption: str = "",
    alt_text: str = "",
    credit_reporter: Reporter | None = None,
    credit_text: str = "",
    rights: str = "",
    usage_expires=None,
    taken_at=None,
    taken_place: str = "",
    focal_x: float | None = None,
    focal_y: float | None = None,
    allow_duplicate: bool = False,
) -> Photo:
    """Check an uploaded file, store it as a new photo, and schedule its renditions.

    Fields left blank are prefilled from the file's EXIF/IPTC (title, caption,
    photographer, copyright, when and where). A rejected file raises
    ValidationError with the reason and stores nothing; a file already in the
    library raises DuplicatePhoto unless ``allow_duplicate``. Bytes after the
    end of the image are not stored; how many were left out is
    ``photo.trailing_bytes_removed``.
    """
    name = getattr(file, "name", "") or "photo.jpg"
    inspection = inspect_upload(file, name)
    trailing = inspection.trailing(file.size)
    file = kept_content(file, inspection)
    content_hash = hash_file(file)
    if not allow_duplicate:
        existing = photo_with_hash(content_hash)
        if existing is not None:
            raise DuplicatePhoto(existing)

    found = inspection.metadata
    photographer = found.photographer
    if not (credit_reporter or credit_text) and photographer:
        credit_reporter = Reporter.objects.filter(name=photographer).first()
        if credit_reporter is None:
            credit_text = photographer
    photo = Photo(
        title=title or found.title or _stem(name),
        caption=caption or found.caption,
        alt_text=alt_text,
        credit_reporter=credit_reporter,
        credit_text=credit_text,
        rights=rights or found.copyright,
        usage_expires=usage_expires,
        taken_at=taken_at or found.taken_at,
        taken_place=taken_place or found.place,
        focal_x=focal_x,
        focal_y=focal_y,
        width=inspection.width,
        height=inspection.height,
        file_size=file.size,
        content_hash=content_hash,
        uploaded_by=by,
    )
    for field, limit in FIELD_LIMITS.items():
        setattr(photo, field, getattr(photo, field)[:limit])
    photo.full_clean(exclude=["file"])

    suffix = name.rsplit(".", 1)[-1].lower()
    with transaction.atomic():
        # The stored name is random (see photo_upload_to); only the suffix is kept.
        try:
            photo.file.save(f"upload.{suffix}", file, save=False)
        except Exception as error:
            # Object storage unreachable or refusing: nothing was recorded,
            # and the photographer is told to try again, not shown an error page.
            logger.warning("photo storage refused an upload", exc_info=True)
            raise ValidationError(STORAGE_UNAVAILABLE, code="storage") from error
        try:
            photo.save()
            renditions_schedule(photo)
        except BaseException:
            _forget_file(photo.file.storage, photo.file.name)
            raise
    photo.trailing_bytes_removed = trailing
    return photo


def photo_storage_check() -> None:
    """Refuse, with the reason, when the photo storage does not answer.

    Checked before a form is accepted, so the photographer gets the form back
    with the message rather than losing it; the upload itself refuses too.
    """
    storage = Photo._meta.get_field("file").storage
    try:
        storage.exists("photos/.probe")
    except Exception as error:
        logger.warning("photo storage not answering", exc_info=True)
        raise ValidationError(STORAGE_UNAVAILABLE, code="storage") from error


def _forget_file(storage, name: str) -> None:
    """The file of an upload that was not recorded: no photo may point at it."""
    try:
        storage.delete(name)
    except Exception:
        # Storage gone too: an object nothing refers to, which no reader can
        # reach (files are served only through the photo's view).
        logger.error("stored file of a failed upload left behind: %s", name, exc_info=True)


def photo_update(*, photo: Photo, by=None, **fields) -> Photo:
    """Change a photo's description; crops are made again if the focal point moved."""
    before = focal_of(Photo.objects.get(pk=photo.pk))
    for field, value in fields.items():
        setattr(photo, field, value)
    with transaction.atomic():
        photo.full_clean()
        photo.save()
        if focal_of(photo) != before:
            renditions_schedule(photo, only={spec.name for spec in CROP_SPECS})
    return photo


def photo_delete(*, photo: Photo, by=None) -> None:
    """Delete a photo nobody uses; refuse, naming the articles, if anyone does."""
    articles = list(photo_usage(photo))
    if articles:
        raise ValidationError(
            _("图片《%(photo)s》正被以下稿件使用，不能删除：%(articles)s。")
            % {"photo": photo, "articles": "、".join(f"《{a.headline}》" for a in articles)},
            code="in_use",
        )
    with transaction.atomic():
        photo.delete()
