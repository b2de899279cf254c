"""The reader's way through the paper: home, issues, pages, the archive, reporters."""

from newsroom.views.bench import trivial
from newsroom.views.paper import home, issue_archive, issue_detail, page_detail
from newsroom.views.reporters import reporter_detail, reporter_list, reporter_photos
from newsroom.views.robots import robots_txt

__all__ = [
    "home",
    "issue_archive",
    "issue_detail",
    "page_detail",
    "reporter_detail",
    "reporter_list",
    "reporter_photos",
    "robots_txt",
    "trivial",
]
