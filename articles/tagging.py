"""Tags the way Chinese editors type them, with suggestions as they type.

- ``parse_tags`` accepts the full-width comma and the enumeration comma
  (疫情防控，疫苗接种、乡村振兴) as well as the ASCII comma, so a tag list typed
  on a Chinese keyboard does not become one long tag.
- ``TagAutocompleteWidget`` is taggit's text input with suggestions from
  existing tags (``tag_suggestions``), so the same tag is not created twice
  under slightly different spellings.
"""

import re

from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Count
from django.http import JsonResponse
from django.urls import reverse_lazy
from taggit.forms import TagWidget
from taggit.models import Tag
from taggit.utils import _parse_tags

from newsroom.admin_input import without_nul

_SEPARATORS = re.compile(r"[，、；;]")
SUGGESTIONS = 15


def parse_tags(tagstring: str) -> list[str]:
    return _parse_tags(_SEPARATORS.sub(",", tagstring or ""))


class TagAutocompleteWidget(TagWidget):
    class Media:
        js = ["articles/admin/tag-autocomplete.js"]

    def __init__(self, attrs=None):
        attrs = {
            "data-tag-suggestions": reverse_lazy("tag_suggestions"),
            "autocomplete": "off",
            "placeholder": "用逗号分隔，如：疫情防控，乡村振兴",
            "size": 60,
            **(attrs or {}),
        }
        super().__init__(attrs)


@staff_member_required
def tag_suggestions(request):
    """Existing tags containing what was typed, most used first."""
    # No tag holds a NUL, and PostgreSQL refuses one inside a string.
    term = without_nul(request.GET.get("q", "")).strip()[:50]
    tags = Tag.objects.all()
    if term:
        tags = tags.filter(name__icontains=term)
    names = (
        tags.annotate(uses=Count("taggit_taggeditem_items"))
        .order_by("-uses", "name")
        .values_list("name", flat=True)[:SUGGESTIONS]
    )
    return JsonResponse({"results": list(names)})
