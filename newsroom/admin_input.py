"""Admin add forms prefilled from the query string, with only what fits.

Django's admin takes an add form's initial values from the query string
(``/admin/articles/article/add/?section=3``) and renders them unchecked:
``?section=x`` or ``?start=2021-02-30`` was a server error. ``SafeQueryInput``
keeps a value only if its field would accept it, converted as the form
would convert it, and leaves the rest out.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import FileField

from newsroom.converters import parse_id

_REFUSED = (ValidationError, ValueError, TypeError, OverflowError)


def _prefill(field, value):
    """``value`` as ``field`` takes it; raises one of ``_REFUSED`` if it cannot."""
    if field.is_relation:
        # An id of the related object: a number the database can hold
        # (a widget may look the object up to show it).
        for item in value if isinstance(value, list) else [value]:
            if parse_id(item) is None:
                raise ValueError(item)
        return value
    formfield = field.formfield()
    if formfield is None or isinstance(field, FileField):
        raise ValueError(field.name)
    return formfield.clean(value)


def without_nul(text: str) -> str:
    return text.replace("\x00", "")


class SafeQueryInput:
    """A ``ModelAdmin`` mixin: query-string prefills its fields can take, no
    others; search terms without NUL characters."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, without_nul(search_term))

    def get_changeform_initial_data(self, request):
        kept = {}
        for name, value in super().get_changeform_initial_data(request).items():
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.auto_created and not field.concrete:
                continue  # a reverse relation: no field of the form
            try:
                kept[name] = _prefill(field, value)
            except _REFUSED:
                continue
        return kept
