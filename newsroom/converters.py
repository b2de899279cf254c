"""URL converters for Chinese-first URLs."""

import datetime


class UnicodeSlugConverter:
    """Like Django's ``slug`` converter, but for ``slugify(..., allow_unicode=True)`` slugs."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError as error:
            # A well-shaped but impossible date (2021-02-30) is a 404, not a 500.
            raise ValueError(value) from error

    def to_url(self, value):
        return value.isoformat() if isinstance(value, datetime.date) else value
