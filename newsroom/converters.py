"""URL converters: Chinese-first slugs, ISO dates, and ids the database can hold."""

import datetime

#: The largest id any of our databases stores: a signed 64-bit integer
#: (PostgreSQL ``bigint``, SQLite ``INTEGER``). Past it SQLite's driver raises
#: OverflowError instead of finding nothing.
MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """``value`` as an id (1 … MAX_ID), or ``None``: for ids read from forms
    and query strings, where anything may arrive."""
    if isinstance(value, int):
        number = value
    else:
        text = str(value or "")
        # ASCII digits only, and few enough for a 64-bit number: int() would
        # also take "１２" and " 12 ", and spend time on 10,000 digits.
        if not (text.isascii() and text.isdigit() and len(text) <= len(str(MAX_ID))):
            return None
        number = int(text)
    return number if 1 <= number <= MAX_ID else None


class IdConverter:
    """A positive integer the database can hold: ids, page numbers, years.

    Django's ``int`` takes any run of digits, and an id past 2**63-1 then
    answers 500 on SQLite; here it simply does not match (404).
    """

    regex = r"[0-9]{1,19}"

    def to_python(self, value):
        number = parse_id(value)
        if number is None:
            raise ValueError(value)
        return number

    def to_url(self, value):
        return str(value)


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
