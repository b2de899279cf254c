import shutil

import pytest
from django.conf import settings


def pytest_collection_modifyitems(items):
    """Every transactional test rolls back by restoring the serialized database.

    A transactional test (live server, real commits) ends by flushing the
    database, which would also wipe what migrations created — the newsroom's
    groups and their permissions — for every later test. Restoring the
    serialized initial data instead keeps them, and it only works if every
    transactional test does it (a plain flush re-creates content types that
    the restore then collides with).
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
            name in item.fixturenames for name in ("transactional_db", "live_server")
        )
        if transactional:
            kwargs = {**(marker.kwargs if marker else {}), "transaction": True}
            kwargs["serialized_rollback"] = True
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.fixture(scope="session", autouse=True)
def _remove_test_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
