"""Photo files are served through this view, never straight from MEDIA_ROOT.

- Renditions (``/media/photos/<pk>/w800.webp``) reach readers only while the
  photo is public (``articles.models.public_photos()``, which joins through
  ``live()`` and the licence expiry); staff see every photo's.
- The original (``/media/photos/<pk>/original.jpg``) is for staff only: it
  is the file as uploaded, GPS position and camera serial numbers included.

An unguessable path is not a permission. Files are read through the storage
API, so the same view serves local files and S3 objects.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from articles.models import public_photos
from media_library.models import Photo, Rendition
from media_library.specs import CONTENT_TYPES
from newsroom.responses import file_response

ORIGINAL_TYPES = {
    "jpeg": "image/jpeg",
    "jpe": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
}


def _is_staff(request) -> bool:
    return request.user.is_authenticated and request.user.is_staff


def _stored_file(request, pk, name):
    if name.startswith("original."):
        if not _is_staff(request):
            raise Http404
        photo = get_object_or_404(Photo, pk=pk)
        if name != photo.file_name:
            raise Http404
        return photo.file
    renditions = Rendition.objects.filter(photo_id=pk, spec=name)
    if not _is_staff(request):
        renditions = renditions.filter(photo__in=public_photos())
    return get_object_or_404(renditions.only("file")).file


def photo_file(request, pk, name):
    suffix = name.rsplit(".", 1)[-1].lower()
    content_type = CONTENT_TYPES.get(suffix) or ORIGINAL_TYPES.get(suffix)
    if content_type is None:
        raise Http404
    stored = _stored_file(request, pk, name)
    return file_response(stored, content_type, max_age=None if _is_staff(request) else 300)
