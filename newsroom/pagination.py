"""Lists that page without counting.

Counting every live article of a section costs more than showing twenty of
them, and readers page with 上一页/下一页, not by a total. So a page of a list
fetches one row more than it shows: that row only says there is a next page.
The page number comes from ``?p=``; a page past the end is a 404.
"""

from dataclasses import dataclass

from django.http import Http404

PER_PAGE = 20
#: Deep offsets cost the database; no reader pages this far by hand.
MAX_PAGE = 1000


@dataclass
class Window:
    """One page of a list, with what the pagination include needs."""

    object_list: list
    number: int
    has_next: bool
    per_page: int = PER_PAGE

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def __bool__(self):
        return bool(self.object_list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1


def page_number(request) -> int:
    raw = request.GET.get("p", "1")
    try:
        number = int(raw)
    except ValueError:
        raise Http404("页码应是数字") from None
    if not 1 <= number <= MAX_PAGE:
        raise Http404("没有这一页")
    return number


def paginate(request, queryset, per_page: int = PER_PAGE) -> Window:
    """The ``?p=`` page of ``queryset`` (ordered), in one query plus its prefetches."""
    number = page_number(request)
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if number > 1 and not rows:
        raise Http404("没有这一页")
    return Window(rows[:per_page], number, len(rows) > per_page, per_page)
