"""Photo files are served through this view, never straight from MEDIA_ROOT.

- Renditions (``/media/photos/<pk>/w800.webp``) reach readers only while the
  photo is public (``Photo.objects.public()``, which joins through
  ``live()`` and the licence expiry); staff see every photo's.
- The original (``/media/photos/<pk>/original.jpg``) is for staff only: it
  is the file as uploaded, GPS position and camera serial numbers included.

An unguessable path is not a permission. Files are read through the storage
API, so the same view serves local files and S3 objects.
"""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control

from media_library.models import Photo, Rendition
from media_library.specs import CONTENT_TYPES

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
        renditions = renditions.filter(photo__in=Photo.objects.public())
    return get_object_or_404(renditions.only("file")).file


def photo_file(request, pk, name):
    suffix = name.rsplit(".", 1)[-1].lower()
    content_type = CONTENT_TYPES.get(suffix) or ORIGINAL_TYPES.get(suffix)
    if content_type is None:
        raise Http404
    stored = _stored_file(request, pk, name)
    try:
        handle = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    if _is_staff(request):
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=300)
    return response
