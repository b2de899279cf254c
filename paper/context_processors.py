from django.conf import settings
from django.utils.functional import SimpleLazyObject

from paper.selectors import sections


def site(request):
    """The site's name and its sections, for the header of every page."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        # Read once, only by templates that show the nav.
        "nav_sections": SimpleLazyObject(sections),
    }
