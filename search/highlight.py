"""Highlighted headlines and snippets for the results page, in Python.

The index holds tokens, not text, so the words are found again in the
article's own text: NFKC and case are folded the same way as in the index,
and the marks are put on the original characters.
"""

import re
from html import escape

from django.utils.safestring import SafeString, mark_safe

from search.segment import normalize

#: Full-width letters and digits (Ｇ, ５) to ASCII, as NFKC does, one character
#: to one. Only letters and digits: words never hold punctuation, and Chinese
#: text is full of full-width commas and brackets, which would cost a
#: character-by-character translation of every snippet's text for nothing.
_FULL_WIDTH = {
    code: code - 0xFEE0
    for first, last in (("０", "９"), ("Ａ", "Ｚ"), ("ａ", "ｚ"))
    for code in range(ord(first), ord(last) + 1)
}
_HAS_FULL_WIDTH = re.compile("[０-９Ａ-Ｚａ-ｚ]")

SNIPPET_CHARS = 110
LEAD_CHARS = 30


def _folded(text: str) -> tuple[str, list[int] | None]:
    """``text`` folded like the index, with a map back to ``text`` when lengths differ."""
    folded = (text.translate(_FULL_WIDTH) if _HAS_FULL_WIDTH.search(text) else text).lower()
    if len(folded) == len(text):
        # Full-width letters and digits, and case, fold one character to one:
        # positions stay the same (the usual case for news text).
        return folded, None
    folded, origin = [], []
    for index, char in enumerate(text):
        piece = normalize(char)
        folded.append(piece)
        origin += [index] * len(piece)
    return "".join(folded), origin


def spans(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the words occur in ``text``: sorted, merged ``(start, end)`` pairs."""
    if not words or not text:
        return []
    folded, origin = _folded(text)
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    found = []
    for match in pattern.finditer(folded):
        start, end = match.span()
        if origin is not None:
            start, end = origin[start], origin[end - 1] + 1
        if found and start <= found[-1][1]:
            found[-1] = (found[-1][0], max(end, found[-1][1]))
        else:
            found.append((start, end))
    return found


def _marked(text: str, found: list[tuple[int, int]], offset: int = 0) -> str:
    # html.escape, as Django's escape does, without the wrapper for lazy
    # strings, which costs more than the escaping (several pieces a result).
    out, cursor = [], 0
    for start, end in found:
        start, end = start - offset, end - offset
        if end <= 0 or start >= len(text):
            continue
        start, end = max(start, 0), min(end, len(text))
        out += [escape(text[cursor:start]), "<mark>", escape(text[start:end]), "</mark>"]
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def highlight(text: str, words: tuple[str, ...]) -> SafeString:
    """``text`` escaped, with each occurrence of the words in ``<mark>``."""
    return mark_safe(_marked(text, spans(text, words)))


def snippet(text: str, words: tuple[str, ...], length: int = SNIPPET_CHARS) -> SafeString:
    """A passage of ``text`` around the first occurrence of a word, marked.

    Without an occurrence (the word is only in a caption or a byline, or
    its characters are split by punctuation), the opening of the text.
    """
    text = " ".join(text.split())
    found = spans(text, words)
    start = max(found[0][0] - LEAD_CHARS, 0) if found else 0
    end = min(start + length, len(text))
    passage = _marked(text[start:end], found, offset=start)
    return mark_safe(("…" if start else "") + passage + ("…" if end < len(text) else ""))
