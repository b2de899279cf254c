"""Hotspot suggestions: where on the printed page each placed story is.

From the page PDF's text layer (``paper.textlayer``): a story is found by its
headline; its region then runs from its kicker or headline to the last of its
body text found after it (the start of its first paragraph, the end of its
last). A story whose headline is not on the page, or is too short to tell
from other words, gets no suggestion: the editor draws it by hand.
"""

from dataclasses import dataclass

from articles.body import blocks
from articles.models import Placement
from paper.models import Page
from paper.textlayer import Box, PageText, normalize, read

#: Fewer characters than this match too much by chance.
MIN_HEADLINE = 4
SNIPPET = 12
#: A story's region spans at most this many characters of the text layer
#: beyond its own words: more means the text found belongs elsewhere.
SLACK = 1.5


@dataclass
class Suggestion:
    placement: Placement
    box: Box | None
    matched: list[str]  # what was found, in words for the editor
    missing: list[str]  # what was looked for and not found


def _paragraphs(article) -> list[str]:
    return [text for tag, text in blocks(article.body) if tag == "p" and normalize(text)]


def _story_length(article) -> int:
    parts = [article.kicker, article.headline, article.subheadline, article.body_text]
    return sum(len(normalize(part or "")) for part in parts)


def suggest_one(text: PageText, placement: Placement) -> Suggestion:
    article = placement.article
    headline = normalize(article.headline)
    if len(headline) < MIN_HEADLINE:
        return Suggestion(placement, None, [], [f"标题“{article.headline}”太短，无法可靠匹配"])
    starts = text.find(headline)
    if not starts:
        return Suggestion(placement, None, [], [f"标题“{article.headline}”"])
    paragraphs = _paragraphs(article)
    first = normalize(paragraphs[0])[:SNIPPET] if paragraphs else ""
    last = normalize(paragraphs[-1])[-SNIPPET:] if paragraphs else ""
    limit = int(_story_length(article) * SLACK) + 40

    best = None
    for start in starts:
        end = start + len(headline)
        matched, missing = ["标题"], []
        kicker = normalize(article.kicker or "")
        if kicker:
            found = [
                at for at in text.find(kicker, max(0, start - len(kicker) - 40)) if at < start
            ]
            if found:
                start = found[-1]
                matched.append("引题")
        body_end = None
        if first:
            found = [at for at in text.find(first, end) if at - start <= limit]
            if found:
                body_end = found[0] + len(first)
                matched.append("正文开头")
            else:
                missing.append("正文开头")
        if body_end is not None:
            # Printed as written until the page cuts it: follow the story's
            # words along the text layer, as far as they agree.
            run_start = body_end - len(first)
            body = normalize("".join(words for _tag, words in blocks(article.body)))
            run = 0
            while (
                run < len(body)
                and run_start + run < len(text.text)
                and text.text[run_start + run] == body[run]
            ):
                run += 1
            body_end = max(body_end, run_start + run)
        if last and body_end is not None:
            found = [at for at in text.find(last, run_start) if at - start <= limit]
            if found:
                body_end = max(body_end, found[0] + len(last))
                matched.append("正文结尾")
            else:
                missing.append("正文结尾（正文可能转版或被截断）")
        candidate = (len(matched), -start, max(end, body_end or 0), start, matched, missing)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if len(starts) > 1 and best[0] == 1:
        # The headline alone, printed more than once: which is the story is a guess.
        return Suggestion(placement, None, [], [f"标题“{article.headline}”在版面上出现多次"])
    _n, _order, stop, start, matched, missing = best
    return Suggestion(placement, text.box(start, stop), matched, missing)


def suggest(page: Page, placements: list[Placement] | None = None) -> list[Suggestion]:
    """A suggestion (or the reason there is none) for each story placed on ``page``.

    An empty list when the page has no print file; boxes are None throughout
    when the file has no text layer (a scan or an image).
    """
    if placements is None:
        placements = list(
            Placement.objects.filter(page=page).select_related("article").order_by("position")
        )
    if not page.print_file:
        return []
    with page.print_file.open("rb") as handle:
        data = handle.read()
    text = read(data, page.print_file.name, page.print_pdf_page)
    if text is None:
        return [Suggestion(p, None, [], ["版面文件没有文字层"]) for p in placements]
    return [suggest_one(text, placement) for placement in placements]
