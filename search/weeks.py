"""The week an entry was published in, as the index keeps it beside the vector.

GIN indexes the vector and this week together (``search_entry_vector_gin``),
so a search can ask GIN for the matches among the newest weeks alone, and
leave every older match unread (``planner.Window``). Weeks are counted from
the Unix epoch, in UTC: only their order matters.
"""

import datetime

WEEK_SECONDS = 7 * 24 * 60 * 60


def week_of(moment: datetime.datetime | None) -> int | None:
    return None if moment is None else int(moment.timestamp() // WEEK_SECONDS)
