"""Chinese text cut into searchable tokens: CJK character bigrams, whole Latin words.

PostgreSQL's parsers do not segment Chinese, and a dictionary segmenter
(jieba and the like) misses words it does not know - reporters' names above
all - and cuts the same word differently in different sentences. Bigrams do
not guess: every run of Chinese characters becomes its overlapping character
pairs, in order, and a word of two or more characters is found exactly where
its pairs stand next to each other (a phrase query: 科技创新 is
``科技 <-> 技创 <-> 创新``). That finds every word a reader can see in the
text, like substring search, but from an index.

- Runs of letters and digits (5G, 2000, COVID) stay whole, so 2000多根 is
  ``2000 <-> 多根`` and 5G基站 is ``5g <-> 基站``.
- After each Chinese run its last character is also a token. It lets a
  one-character query (村) find the character at the end of a run by prefix,
  and lets a query continue past a run into digits or Latin (村5G).
- Text is NFKC-normalized and lower-cased first: full-width ５Ｇ is 5g.

The same functions cut documents and queries, so both sides always agree.
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

#: Han ideographs (with extensions and compatibility forms), kana and hangul.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
_RUN = re.compile(rf"(?P<cjk>[{CJK}]+)|(?P<word>(?:(?![{CJK}])[^\W_])+)")
_WORD = re.compile(r"[^\W_]+")

#: What a query may hold: more is cut off (the form says so) rather than refused.
MAX_QUERY_WORDS = 8
MAX_WORD_TOKENS = 32


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def tokens(text: str) -> Iterator[str]:
    """The document's tokens, in order: bigrams, a run's last character, whole words."""
    for match in _RUN.finditer(normalize(text)):
        run = match.group("cjk")
        if run is None:
            yield match.group("word")
            continue
        for i in range(len(run) - 1):
            yield run[i : i + 2]
        yield run[-1]


@dataclass(frozen=True)
class Phrase:
    """One query word as tokens that must stand next to each other, in order."""

    tokens: tuple[str, ...]
    #: The last token is one character that may begin a longer run (村 in 村委会).
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    """A reader's query: each word must appear (AND), each as a phrase."""

    words: tuple[str, ...] = ()
    phrases: tuple[Phrase, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.phrases)


def _phrase(word: str) -> Phrase:
    runs = list(_RUN.finditer(word))
    parts: list[str] = []
    prefix = False
    for index, match in enumerate(runs):
        last = index == len(runs) - 1
        run = match.group("cjk")
        if run is None:
            parts.append(match.group("word"))
            continue
        parts.extend(run[i : i + 2] for i in range(len(run) - 1))
        # Mid-word, the run ends here in the document too, where its last
        # character is a token of its own; at the end of the query the
        # document's run may go on, so only a lone character is needed.
        if not last:
            parts.append(run[-1])
        elif len(run) == 1:
            parts.append(run)
            prefix = True
    return Phrase(
        tokens=tuple(parts[:MAX_WORD_TOKENS]), prefix=prefix and len(parts) <= MAX_WORD_TOKENS
    )


def parse_query(text: str) -> Query:
    """Words are what the reader separated by spaces or punctuation; each must match."""
    words: list[str] = []
    for word in _WORD.findall(normalize(text)):
        if word not in words:
            words.append(word)
    words = words[:MAX_QUERY_WORDS]
    return Query(words=tuple(words), phrases=tuple(_phrase(w) for w in words))
