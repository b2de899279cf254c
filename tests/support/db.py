"""Asserting that the database itself refuses a write."""

import pytest
from django.db import IntegrityError, transaction


def violates(constraint: str, create) -> None:
    """``create()`` fails on the named constraint, and the test goes on."""
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        create()
