"""The seed page, read by the page importer, with the demo's data beside each item.

Pure functions over text: no database here.
"""

from dataclasses import dataclass
from pathlib import Path

from articles.pageimport import PageItem, decode_page, read_page
from demo.edition import EDITS, ITEMS, SEED_FILE, Item

SEED_PATH = Path(__file__).parent / "seed" / SEED_FILE


@dataclass
class SeedItem:
    item: Item  # what the demo adds: section, tags, events, photo
    read: PageItem  # what the importer read from the page, with the editor's fixes


class SeedError(Exception):
    """The seed text does not hold what the demo's data says it does."""


def read_lines(path: Path = SEED_PATH) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def seed_text(path: Path = SEED_PATH) -> tuple[str, str]:
    """``(text, encoding)`` of the seed page."""
    return decode_page(path.read_bytes())


def apply_edits(items: list[PageItem], edits=EDITS) -> None:
    """The editor's fixes: replace printed words in one item's text."""
    by_headline = {item.headline: item for item in items}
    for headline, printed, mended in edits:
        item = by_headline.get(headline)
        texts = (
            [text for _tag, text in item.blocks] + [p.caption for p in item.photos] if item else []
        )
        if not any(printed in text for text in texts):
            raise SeedError(f"edit not applicable to {headline!r}: {printed!r}")
        item.blocks = [(tag, text.replace(printed, mended)) for tag, text in item.blocks]
        for photo in item.photos:
            photo.caption = photo.caption.replace(printed, mended)


def parse_seed(text: str | None = None) -> list[SeedItem]:
    """The seed page's items in print order, each with its demo data."""
    text = text if text is not None else seed_text()[0]
    items = read_page(text)
    apply_edits(items)
    data = {item.headline: item for item in ITEMS}
    read = [item.headline for item in items]
    if sorted(read) != sorted(data):
        raise SeedError(f"the importer read {read}, the demo has data for {list(data)}")
    return [SeedItem(item=data[item.headline], read=item) for item in items]
