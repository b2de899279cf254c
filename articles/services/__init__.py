"""The newsroom's writes. Admin, management commands and tests all call these.

Each service checks permission and state (``articles.policy``), runs in one
transaction, logs a ``Transition`` and keeps a revision; a refusal raises
``PermissionDenied`` or ``ValidationError`` with a Chinese message before
anything is written.
"""

from articles.services.corrections import correction_add
from articles.services.editing import (
    article_check_version,
    article_delete,
    article_editing,
    article_restore,
    article_save,
)
from articles.services.hotspots import hotspots_add, hotspots_set
from articles.services.notifications import notification_read, notifications_read_all
from articles.services.pageimport import page_import_confirm
from articles.services.photo_requests import photo_request_create, photo_request_fulfil
from articles.services.photos import photo_change
from articles.services.placement import article_move, article_place, article_unplace
from articles.services.release import issue_release
from articles.services.workflow import (
    article_approve,
    article_publish,
    article_return,
    article_schedule,
    article_submit,
    article_withdraw,
)

__all__ = [
    "article_approve",
    "article_check_version",
    "article_delete",
    "article_editing",
    "article_move",
    "article_place",
    "article_publish",
    "article_restore",
    "article_return",
    "article_save",
    "article_schedule",
    "article_submit",
    "article_unplace",
    "article_withdraw",
    "correction_add",
    "hotspots_add",
    "hotspots_set",
    "issue_release",
    "notification_read",
    "notifications_read_all",
    "page_import_confirm",
    "photo_change",
    "photo_request_create",
    "photo_request_fulfil",
]
