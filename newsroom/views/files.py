"""Reporters' portraits and e-paper pages, served through the site (see newsroom.files)."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control

from articles import selectors
from newsroom.files import epaper_content_type
from newsroom.models import Reporter


def _serve(field_file, content_type: str, *, max_age: int) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def reporter_portrait(request, slug):
    reporter = get_object_or_404(Reporter, slug=slug)
    if not reporter.portrait:
        raise Http404
    return _serve(reporter.portrait, "image/jpeg", max_age=3600)


def page_print(request, date, number):
    """The printed page of a released issue (e-paper); a 404 before its release."""
    issue = selectors.issue_for_reader(date)
    page = get_object_or_404(issue.pages, number=number)
    if not page.print_file:
        raise Http404
    return _serve(page.print_file, epaper_content_type(page.print_file.name), max_age=300)
