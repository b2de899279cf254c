"""Changing a photo that articles use: the library's write, under the articles' rules."""

from django.core.exceptions import ValidationError

from articles import policy, signals
from articles.services._common import PUBLIC_STATES, announce_keys, quietly
from media_library.models import Photo
from media_library.services import photo_update
from sitecache.keys import key_of


def photo_change(*, photo: Photo, by, **fields) -> Photo:
    """Change a photo's description, credit or focal point.

    A photo out with a published article keeps what readers need (title,
    caption, alt text, credit); otherwise the library's ``photo_update``.
    """
    for field, value in fields.items():
        setattr(photo, field, value)
    errors = policy.photo_in_use_errors(photo)
    if errors:
        raise ValidationError(errors)
    with quietly():
        photo = photo_update(photo=photo, by=by)
    if photo.articles.filter(status__in=PUBLIC_STATES).exists():
        # Pages that show the photo loaded it: its key reaches them all.
        announce_keys(signals.photo_changed, keys={key_of(photo)}, by=by)
    return photo
