"""Photo files are served through a view, never straight from MEDIA_ROOT.

A photo's file is public only while the photo is (``Photo.objects.public()``,
which joins through ``live()``); staff see every photo. An unguessable path
is not a permission.
"""

import mimetypes

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control

from media_library.models import Photo


def photo_file(request, pk, name):
    staff = request.user.is_authenticated and request.user.is_staff
    photos = Photo.objects.all() if staff else Photo.objects.public()
    photo = get_object_or_404(photos, pk=pk)
    if name != photo.file_name:
        raise Http404
    try:
        handle = photo.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=mimetypes.guess_type(name)[0])
    response["X-Content-Type-Options"] = "nosniff"
    if staff:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=300)
    return response
