"""Changing a photo that articles use: the library's write, under the articles' rules."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles import cache_keys, policy, signals
from articles.services._common import PUBLIC_STATES, announce_keys, quietly, workflow_log
from media_library.models import Photo
from media_library.services import photo_update
from sitecache.keys import key_of


def _changed(before: Photo, after: Photo) -> list[str]:
    fields = [field for field in Photo._meta.concrete_fields if not field.primary_key]
    return [f.name for f in fields if f.value_from_object(before) != f.value_from_object(after)]


def photo_change(*, photo: Photo, by, **fields) -> Photo:
    """Change a photo's file, description, credit or focal point.

    A photo out with a published (live or scheduled) article may be changed
    only by whoever may change that article (``policy.check_photo_change``),
    and keeps what readers need (title, caption, alt text, credit). Every
    change is logged (``newsroom.workflow``, ``photo.change``: who, when,
    which fields, which published articles show it) once it is committed.
    """
    for field, value in fields.items():
        setattr(photo, field, value)
    with transaction.atomic():
        before = Photo.objects.select_for_update().get(pk=photo.pk)
        changed = _changed(before, photo)
        if not changed:
            return photo
        policy.check_photo_change(by, photo)
        errors = policy.photo_in_use_errors(photo)
        if errors:
            raise ValidationError(errors)
        with quietly():
            photo = photo_update(photo=photo, by=by)
        if photo.articles.filter(status__in=PUBLIC_STATES).exists():
            # Pages that show the photo loaded it: its key reaches them all.
            keys = {key_of(photo)}
            if "credit_reporter" in changed:
                # Off one reporter's page, onto another's.
                keys |= cache_keys.with_indexes(
                    {
                        cache_keys.reporter(pk)
                        for pk in (before.credit_reporter_id, photo.credit_reporter_id)
                        if pk is not None
                    }
                )
            announce_keys(signals.photo_changed, keys=keys, by=by)
        entry = {
            "photo_id": photo.pk,
            "fields": changed,
            "published_article_ids": list(
                policy.published_using(photo).values_list("pk", flat=True)
            ),
            "by_user_id": getattr(by, "pk", None),
            "by_username": getattr(by, "username", None),
            "at": timezone.now().isoformat(),
        }
        transaction.on_commit(lambda: workflow_log.info("photo.change", extra=entry))
    return photo
