"""Stored files as responses: photos, portraits and e-paper pages reach readers
through views that check what is public, never straight from MEDIA_ROOT or the
bucket."""

from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control


def file_response(stored, content_type: str, *, max_age: int | None) -> FileResponse:
    """A stored file as a response of exactly ``content_type``, never sniffed.

    ``max_age`` seconds of public caching, or ``None`` for a private answer no
    one may keep (what staff see before publication).
    """
    try:
        handle = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    if max_age is None:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=max_age)
    return response
