"""The page a locked-out user sees (django-axes calls this)."""

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "registration/lockout.html", context, status=429)
