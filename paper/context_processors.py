from django.conf import settings

from paper.models import Section


def site(request):
    """The site's name and its sections, for the header of every page."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        # A lazy queryset: evaluated once, only by templates that show the nav.
        "nav_sections": Section.objects.all(),
    }
