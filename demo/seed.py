"""Read the seed page's text into items, mending the faults of a print layout.

Pure functions over text: no database here, so the mending is easy to test.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from demo.edition import COLUMN_BANNERS, ITEMS, SEED_FILE, Item

SEED_PATH = Path(__file__).parent / "seed" / SEED_FILE

#: A printed paragraph ends with one of these; a line that ends otherwise was
#: cut by the layout ("中国科" / "学院") and continues on the next line.
PARAGRAPH_ENDS = tuple("。！？”’）)」』…：；")

ROLE_WORDS = {
    "本报记者": "reporter",
    "记者": "reporter",
    "通讯员": "correspondent",
    "摄影": "photographer",
    "撰稿": "writer",
    "编辑": "editor",
}
_CREDIT = re.compile(r"(本报记者|记者|通讯员|摄影|撰稿|编辑)\s*([^\s（）()]+)")
_DATELINE = re.compile(r"^(本报讯)（([^）]*)）(.*)$")
_SIGNATURE = re.compile(r"^（(本报记者\s*[^）]+)）$")
_PHOTO_CREDIT = re.compile(r"^(.*?)\s+(\S+)\s+摄$")


@dataclass
class SeedItem:
    item: Item
    dateline: str
    blocks: list[tuple[str, str]]  # ("p" | "h2", text)
    credits: list[tuple[str, str]]  # (role, name) in print order


class SeedError(Exception):
    """The seed text does not hold what the edition map says it does."""


def read_lines(path: Path = SEED_PATH) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _find(lines: list[str], prefix: str, start: int) -> int:
    for index in range(start, len(lines)):
        if lines[index].startswith(prefix):
            return index
    raise SeedError(f"not found in the seed text after line {start}: {prefix!r}")


def join_broken_lines(lines: list[str], *, headings: tuple[str, ...] = ()) -> list[str]:
    """Join lines the layout cut in the middle of a sentence (or a word)."""
    paragraphs: list[str] = []
    for line in lines:
        previous = paragraphs[-1] if paragraphs else None
        if (
            previous is not None
            and previous not in headings
            and line not in headings
            and not previous.endswith(PARAGRAPH_ENDS)
        ):
            paragraphs[-1] = previous + line
        else:
            paragraphs.append(line)
    return paragraphs


def parse_credits(text: str) -> list[tuple[str, str]]:
    """ "记者高轶鹏 通讯员张晓旭" → [("reporter", "高轶鹏"), ("correspondent", "张晓旭")]."""
    return [(ROLE_WORDS[word], name) for word, name in _CREDIT.findall(text)]


def headings_printed(lines: list[str]) -> None:
    """Every heading the map names must be a line of the page, as printed."""
    printed = set(lines)
    for item in ITEMS:
        expected = item.printed_headings or tuple(
            h for h in (item.kicker, item.headline, item.subheadline) if h
        )
        for heading in (*expected, *item.intertitles):
            if heading not in printed:
                raise SeedError(f"heading not printed on the seed page: {heading!r}")
    for banner in COLUMN_BANNERS:
        if banner not in printed:
            raise SeedError(f"column banner not printed on the seed page: {banner!r}")


def parse_item(lines: list[str], item: Item, cursor: int) -> tuple[SeedItem, int]:
    if item.after:
        cursor = _find(lines, item.after, cursor) + 1
    start = _find(lines, item.body_starts, cursor)
    stop = _find(lines, item.body_stops, start + 1) if item.body_stops else len(lines)
    raw = lines[start:stop]
    for printed, mended in item.mends:
        raw = [line.replace(printed, mended) for line in raw]
    paragraphs = join_broken_lines(raw, headings=item.intertitles)

    dateline, credits = "", []
    if match := _DATELINE.match(paragraphs[0]):
        dateline, credit_text, rest = match.groups()
        credits = parse_credits(credit_text)
        paragraphs[0] = rest
    if match := _SIGNATURE.match(paragraphs[-1]):
        credits = parse_credits(match.group(1))
        paragraphs.pop()
    if item.photo_news:
        match = _PHOTO_CREDIT.match(paragraphs[-1])
        if not match:
            raise SeedError(f"photo news without a credit: {item.headline!r}")
        paragraphs[-1] = match.group(1)
        credits.append(("photographer", match.group(2)))

    blocks = [("h2" if p in item.intertitles else "p", p) for p in paragraphs]
    return SeedItem(item=item, dateline=dateline, blocks=blocks, credits=credits), stop


def parse_seed(path: Path = SEED_PATH) -> list[SeedItem]:
    lines = read_lines(path)
    headings_printed(lines)
    items, cursor = [], 0
    for item in ITEMS:
        parsed, cursor = parse_item(lines, item, cursor)
        items.append(parsed)
    return items
