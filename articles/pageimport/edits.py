"""The editor's fixes to a proposed split, before confirming: pure functions on items.

Each returns a new list and leaves the one it was given alone, so a preview
can be rebuilt from the state it was given however often the editor clicks.
"""

import copy

from articles.pageimport.items import PageItem


def _copy(items: list[PageItem]) -> list[PageItem]:
    return copy.deepcopy(items)


def merge_with_next(items: list[PageItem], index: int) -> list[PageItem]:
    """One story the reader took for two: the second's headline becomes an intertitle."""
    items = _copy(items)
    if not 0 <= index < len(items) - 1:
        return items
    first, second = items[index], items.pop(index + 1)
    if second.headline:
        first.blocks.append(("h2", second.headline))
    if second.dateline and not first.dateline:
        first.dateline = second.dateline
    first.blocks += second.blocks
    first.photos += second.photos
    known = {(c.name, c.role) for c in first.credits}
    first.credits += [c for c in second.credits if (c.name, c.role) not in known]
    first.mended += [*second.mended, f"编辑把「{second.headline or '下一条'}」并入本条。"]
    first.unsure += second.unsure
    return items


def split_at(items: list[PageItem], index: int, block: int) -> list[PageItem]:
    """Two stories the reader took for one: a new item from ``block`` on.

    An intertitle there becomes the new item's headline (the reverse of a merge).
    """
    items = _copy(items)
    if not 0 <= index < len(items) or not 0 < block < len(items[index].blocks):
        return items
    item = items[index]
    head, tail = item.blocks[:block], item.blocks[block:]
    new = PageItem()
    if tail[0][0] == "h2":
        new.headline = tail[0][1]
        tail = tail[1:]
    else:
        new.unsure.append("编辑在这里拆开，请补上标题和署名。")
    new.blocks = tail
    new.mended.append(f"编辑从「{item.headline}」拆出本条。")
    item.blocks = head
    items.insert(index + 1, new)
    return items


def toggle_heading(items: list[PageItem], index: int, block: int) -> list[PageItem]:
    """A paragraph that is an intertitle, or the other way round."""
    items = _copy(items)
    if 0 <= index < len(items) and 0 <= block < len(items[index].blocks):
        tag, text = items[index].blocks[block]
        items[index].blocks[block] = ("p" if tag == "h2" else "h2", text)
    return items


def remove(items: list[PageItem], index: int) -> list[PageItem]:
    """An item that is not a story (a stray line, a banner): left out of the import."""
    items = _copy(items)
    if 0 <= index < len(items):
        items.pop(index)
    return items
