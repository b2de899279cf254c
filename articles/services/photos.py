"""Changing a photo that articles use: the library's write, under the articles' rules."""

from django.core.exceptions import ValidationError

from articles import policy
from media_library.models import Photo
from media_library.services import photo_update


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
    return photo_update(photo=photo, by=by)
