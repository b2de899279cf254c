"""The page reader: a page's text in, its items in print order out.

The text is read as runs of heading lines and runs of body lines. A heading
run starts a new item unless it is one short line inside a story that goes
on below it (an intertitle, 小标题). Then each item's body is read for its
dateline, credits and photo captions, and a last pass mends what the layout
did across items: a caption printed twice, a headline printed away from its
story, a heading line that belongs to the story above.
"""

import re
from dataclasses import dataclass, field

from articles.pageimport import lines as L
from articles.pageimport.credits import photo_credit, split_credits
from articles.pageimport.items import Credit, PageItem, PhotoCaption

#: A photo-news item is a caption of a few paragraphs ending with its credit.
PHOTO_NEWS_MAX_PARAGRAPHS = 3

_HAN_GAP = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff]")
_WORDS = re.compile(r"[^\w]+")


@dataclass
class _Run:
    heading: bool
    lines: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Draft:
    item: PageItem = field(default_factory=PageItem)
    entries: list[tuple] = field(
        default_factory=list
    )  # ("p"|"h2", text) | ("cap", caption, credits)
    closed: bool = False  # an end signature or a photo credit ends an item
    signed: bool = False
    last_line: str = ""


def _words(text: str) -> str:
    return _WORDS.sub("", text)


def _runs(lines: list[str]) -> list[_Run]:
    runs: list[_Run] = []
    for index, line in enumerate(lines):
        heading = L.is_heading(line)
        if not runs or runs[-1].heading != heading:
            runs.append(_Run(heading))
        runs[-1].lines.append((index, line))
    return runs


def _looks_ahead(run: _Run) -> tuple[bool, bool, bool, int]:
    """What the body run below a heading run is: (starts with a dateline, ends
    with an end signature, is a photo caption, how many paragraphs)."""
    texts = [text for _i, text in run.lines]
    # "图为…" captions a story's own photo; photo news says what happened.
    caption = photo_credit(texts[-1]) is not None and not texts[-1].startswith("图为")
    signed = L.signature(texts[-1]) is not None
    return L.dateline(texts[0]) is not None, signed, caption, len(texts)


def _set_headings(draft: _Draft, heads: list[str], previous: _Draft | None) -> None:
    item = draft.item
    titles = [h for h in heads if L.subtitle(h) is None and L.banner(h) is None]
    subs = [L.subtitle(h) for h in heads if L.subtitle(h) is not None]
    for h in heads:
        if (name := L.banner(h)) is not None:
            item.column = name
            item.mended.append(f"栏目「{name}」不是标题，未放入标题，作为栏目标签。")
    item.subheadline = "——" + "".join(subs) if subs else ""
    if len(subs) > 1:
        item.unsure.append("有几行副题，已连成一行，请核对。")
    extra, titles = titles[:-2], titles[-2:]
    if len(titles) == 2:
        item.kicker, item.headline = titles
    elif titles:
        item.headline = titles[0]
    for line in extra:
        if (
            previous is not None
            and not previous.item.kicker
            and _words(line) in _words(_text_of(previous))
        ):
            previous.item.kicker = line
            previous.item.mended.append(
                f"标题行「{line}」印在下一篇的标题之上，与本稿正文相合，作为本稿引题。"
            )
            item.mended.append(f"标题上方的「{line}」属于上一篇稿件，已移过去。")
        else:
            item.column = item.column or line
            item.unsure.append(f"标题上方多出一行「{line}」，当作栏目名；如是引题请改。")


def _text_of(draft: _Draft) -> str:
    return "".join(entry[1] for entry in draft.entries)


def _new(drafts: list[_Draft], heads: list[str]) -> _Draft:
    draft = _Draft()
    _set_headings(draft, heads, drafts[-1] if drafts else None)
    drafts.append(draft)
    return draft


def _add_body_line(drafts: list[_Draft], draft: _Draft | None, text: str) -> _Draft:
    """Read one body line into the current item (or a new, untitled one)."""
    if draft is not None and text == draft.last_line:
        draft.item.mended.append(f"同一段印了两次，只保留一次：「{text[:12]}…」")
        return draft
    if draft is None or (draft.closed and L.signature(text) is None):
        draft = _new(drafts, [])
        draft.item.unsure.append("这一段前面没有标题，当作一篇单独的稿件；如属上一篇请合并。")
    item = draft.item
    draft.last_line = text
    if (found := L.dateline(text)) is not None:
        if draft.entries:
            draft = _new(drafts, [])
            draft.item.unsure.append("电头前面没有标题，当作一篇新稿件，请补上标题。")
            item = draft.item
        word, credit_text, rest = found
        item.dateline = word
        if credit_text:
            parsed = split_credits(credit_text, default_role="reporter")
            if parsed is None:
                item.unsure.append(f"电头里的「{credit_text}」读不出署名，请手工填写。")
            else:
                item.credits += parsed[0]
                item.unsure += parsed[1]
        if rest:
            draft.entries.append(("p", rest))
        return draft
    if (signed := L.signature(text)) is not None:
        credits, doubts = signed
        known = {(c.name, c.role) for c in item.credits}
        item.credits += [c for c in credits if (c.name, c.role) not in known]
        item.unsure += doubts
        draft.closed = draft.signed = True
        return draft
    if (found := photo_credit(text)) is not None:
        caption, credits, doubts = found
        draft.entries.append(("cap", caption, credits))
        item.unsure += doubts
        kinds = [entry[0] for entry in draft.entries]
        # A caption with its credit ends a photo-news item, not a story's photo.
        draft.closed = (
            not item.dateline
            and "h2" not in kinds
            and len(kinds) <= PHOTO_NEWS_MAX_PARAGRAPHS + 1
            and not caption.startswith("图为")
        )
        return draft
    draft.entries.append(("p", text))
    return draft


def _segment(lines: list[str], notes) -> tuple[list[_Draft], list[str]]:
    """Items in print order, and the heading lines left at the end of the page."""
    runs = _runs(lines)
    at_line: dict[int, list[tuple[str, str]]] = {}
    for index, kind, note in notes:
        at_line.setdefault(index, []).append((kind, note))
    drafts: list[_Draft] = []
    draft: _Draft | None = None
    for position, run in enumerate(runs):
        texts = [text for _i, text in run.lines]
        if run.heading:
            below = runs[position + 1] if position + 1 < len(runs) else None
            if below is None:
                return drafts, texts
            dated, signed, caption, count = _looks_ahead(below)
            starts_item = (
                draft is None
                or draft.closed
                or len(texts) > 1
                or L.subtitle(texts[0]) is not None
                or L.banner(texts[0]) is not None
                or dated
                # a story under a dateline is not signed again at its end
                or (signed and bool(draft.item.dateline))
                or (caption and count <= PHOTO_NEWS_MAX_PARAGRAPHS)
            )
            if starts_item:
                draft = _new(drafts, texts)
            else:
                draft.entries.append(("h2", texts[0]))
                if draft.item.dateline:
                    draft.item.unsure.append(
                        f"「{texts[0]}」当作小标题；如是另一篇稿件的标题，请在这里拆开。"
                    )
            continue
        for index, text in run.lines:
            draft = _add_body_line(drafts, draft, text)
            for kind, note in at_line.get(index, []):
                getattr(draft.item, kind).append(note)
    return drafts, []


def _finish(draft: _Draft) -> PageItem:
    """Decide story or photo news, and fill blocks and photos."""
    item = draft.item
    entries = draft.entries
    kinds = [entry[0] for entry in entries]
    photo_news = (
        draft.closed
        and not item.dateline
        and not draft.signed
        and kinds
        and kinds[-1] == "cap"
        and kinds.count("cap") == 1
        and "h2" not in kinds
        and len(entries) <= PHOTO_NEWS_MAX_PARAGRAPHS + 1
    )
    if photo_news:
        paragraphs = [entry[1] for entry in entries if entry[1]]
        item.photos.append(PhotoCaption("\n".join(paragraphs), list(entries[-1][2])))
    else:
        for entry in entries:
            if entry[0] == "cap":
                item.photos.append(PhotoCaption(entry[1], list(entry[2])))
                item.mended.append(f"正文里的图片说明移回图片：「{entry[1][:12]}…」")
            else:
                item.blocks.append((entry[0], entry[1]))
        _split_one_line_stack(item)
    return item


def _split_one_line_stack(item: PageItem) -> None:
    """ "区城管执法局和公安部门 夜查整治渣土运输车辆": a kicker and a headline set on one line."""
    parts = item.headline.split(" ")
    if item.kicker or item.subheadline or not item.dateline or len(parts) != 2:
        return
    if min(len(p) for p in parts) < 4:
        return
    item.kicker, item.headline = parts
    item.unsure.append(
        f"一行标题「{' '.join(parts)}」拆成了引题和主题；如是一句主题，请把引题并回主题。"
    )


def _dedupe_captions(items: list[PageItem]) -> None:
    """A caption printed twice (once run into a story) is kept once, under its own photo."""
    photo_news = [item for item in items if item.is_photo_news]
    for item in items:
        if item.is_photo_news:
            continue
        for photo in list(item.photos):
            words = _words(photo.caption)
            for other in photo_news:
                theirs = _words(other.photos[0].caption)
                if not theirs or not words.endswith(theirs):
                    continue
                item.photos.remove(photo)
                item.mended = [m for m in item.mended if photo.caption[:12] not in m]
                item.mended.append(
                    f"正文末尾混入了图片新闻「{other.headline}」的说明，已删去（说明留在图片新闻里）。"
                )
                other.mended.append("图片说明印了两次（一次混入上一篇正文），只保留一次。")
                lead = photo.caption[: len(photo.caption) - len(other.photos[0].caption)].strip()
                if lead and _words(lead) + theirs == words:
                    item.blocks.append(("p", lead))
                break


def _place_orphan_headings(items: list[PageItem], heads: list[str]) -> None:
    """Heading lines left at the end of the page: find the story they head."""
    if not heads:
        return
    orphan = PageItem()
    _set_headings(_Draft(item=orphan), heads, None)
    for item in items:
        if item.headline and item.headline != orphan.headline and item.headline in orphan.headline:
            banner = item.headline
            item.column = item.column or banner
            item.kicker, item.headline = orphan.kicker, orphan.headline
            item.subheadline = orphan.subheadline or item.subheadline
            item.unsure = [u for u in item.unsure if banner not in u]
            item.mended.append(
                f"标题「{item.headline}」印在版面末尾，已移回本稿；"
                f"原在稿件上方的「{banner}」是栏目名，不作标题，作为栏目标签。"
            )
            return
    orphan.unsure.append("版面末尾只有标题、没有正文，请并入所属的稿件或删去。")
    items.append(orphan)


def _flag(item: PageItem) -> None:
    """What the editor must look at: gaps where the layout lost words, a missing headline."""
    for _tag, text in [*item.blocks, *(("cap", p.caption) for p in item.photos)]:
        if match := _HAN_GAP.search(text):
            around = text[max(0, match.start() - 4) : match.end() + 4]
            item.unsure.append(f"「{around}」中间有空格，版面可能丢了字，请核对。")
    if not item.headline:
        item.unsure.append("没有标题，请补上。")


def read_page(text: str) -> list[PageItem]:
    """The items of a page's text, in print order."""
    lines, notes = L.join_cut_lines(L.tidy(text))
    drafts, orphan_heads = _segment(lines, notes)
    items = [_finish(draft) for draft in drafts]
    _dedupe_captions(items)
    _place_orphan_headings(items, orphan_heads)
    for item in items:
        _flag(item)
    return items


__all__ = ["Credit", "PageItem", "PhotoCaption", "read_page"]
