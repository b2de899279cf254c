"""How a search on PostgreSQL takes the newest matches of its words: from the
newest weeks first, or walk, or collect.

A search scores the newest ``wanted`` matches (``selectors.CANDIDATES``),
and scoring an entry means reading its stored vector, which is what a search
costs: a news story's vector is kept out of line, in TOAST chunks. Each way
below reads the ``wanted`` matches it scores; they differ in what else they
do to find them:

- ``Walk``: read the entries newest first, by the index on ``published``,
  and score each; the entries that do not match are read for nothing. A word
  in a share ``s`` of the entries is matched about once every ``1 / s``
  entries, so the walk reads ``wanted / s``, all but ``wanted`` in vain.
- ``Collect``: ask GIN for the entries that hold the words' tokens, anywhere
  (``&`` of plain lexemes: GIN answers from its posting lists without reading
  any vector), sort them newest first, and read and score in that order. GIN
  hands over every match, ``s × entries`` of them, to be sorted.

So a walk pays for ``wanted / s - wanted`` vectors read in vain, a collect
for ``s × entries`` matches handed over: walking wins for common words,
collecting for rare ones, and ``read_cost`` says how many matches handed
over one vector read is worth.

- ``Window``: collect, but from the newest weeks first. GIN indexes each
  entry's week (``search.weeks``) beside its vector, so it hands over only
  the matches in the weeks that hold about ``wanted / s`` entries, a few
  hundred, whatever the word; the older matches are collected only if those
  fall short. It reads no vector in vain and hands over little: on the bench
  archive it took about half the time of the better other way for words in
  10% to 40% of the entries, and less or about as much for commoner ones.
  For words rarer than about 2%, the window would span a quarter of the
  archive or more, and the plain collect is as good.

PostgreSQL's own planner cannot make this choice well: it takes checking a
vector to cost one operator call, whatever the vector's size (here, reading
several TOAST chunks), and estimates a word as if its bigrams were
independent (尼龙 & 龙新 & 新材 & 材料), which makes common words look rare.
Left to choose, it walks for some rare words, reading much of the archive.

A reader's filter (a section, a reporter, dates) does not enter the choice
between walking and collecting, and rules out the window, whose weeks are
counted over the whole archive:
the stream then holds only the filter's entries, and of those the walk
reads as many as without it (a word is about as common within a section as
in the whole archive), while GIN still hands over every match in the
archive before the filter applies. Only a filter with fewer entries than
the walk would read makes walking cheaper than reckoned here: the walk then
reads the whole filter and stops.
"""

from dataclasses import dataclass

from search.backends.statistics import Lexemes
from search.segment import Phrase, Query

#: Tokens of each word that GIN is asked for when collecting: the rarest. A
#: word's tokens stand together, so its rarest one alone already narrows to
#: about the word's own matches, and the second removes most entries where
#: that one stands in another word. GIN reads a posting list for every token
#: it is given, and more than two seldom narrow further.
NARROW_TOKENS = 2

#: A window takes weeks holding this many times ``wanted / share`` entries:
#: a word is not spread evenly over the weeks, and what falls short is
#: collected from the older weeks, more slowly.
WINDOW_MARGIN = 1.5
#: At most this share of the archive in a window; beyond it, collect.
WINDOW_SHARE = 0.25


@dataclass(frozen=True)
class Walk:
    """Read every entry newest first, scoring each, until enough match."""


@dataclass(frozen=True)
class Collect:
    """Read only the entries GIN gives for ``tokens`` (one-token phrases, every
    one required), newest first, scoring each, until enough match."""

    tokens: Query


@dataclass(frozen=True)
class Window:
    """Like ``Collect``, but first only the entries of ``weeks`` (the newest,
    up to the current one), then, if those fall short, the older ones."""

    tokens: Query
    weeks: tuple[int, ...]


def choose_strategy(
    lexemes: Lexemes, query: Query, *, wanted: int, week: int | None = None
) -> Walk | Collect | Window:
    """The cheaper way to find the newest ``wanted`` matches of ``query``.

    ``week``: the current one (``search.weeks``), when a window may be taken.
    """
    # How common the query is: its rarest word's rarest token. A word is
    # about as common as its rarest bigram, since its bigrams stand together;
    # and words typed together tend to stand together too (疫情 防控). Where
    # they do not, the walk reads more entries than reckoned; the score
    # checks every phrase, so the result is exact either way.
    words = [_single_tokens(phrase) for phrase in query.phrases]
    share = min(
        (min(lexemes.share(t.tokens[0], prefix=t.prefix) for t in word) for word in words),
        default=1.0,
    )
    tokens = Query(words=query.words, phrases=_rarest_tokens(lexemes, words))
    if week is not None:
        weeks = _window(lexemes, week, wanted / share * WINDOW_MARGIN)
        if weeks:
            return Window(tokens=tokens, weeks=weeks)
    read_in_vain = wanted / share - wanted
    handed_over = share * lexemes.entries
    if read_in_vain * read_cost(lexemes) <= handed_over:
        return Walk()
    return Collect(tokens=tokens)


def _window(lexemes: Lexemes, week: int, entries: float) -> tuple[int, ...]:
    """The newest weeks up to ``week`` that hold ``entries`` entries, as last
    counted; none if that takes more than WINDOW_SHARE of the archive."""
    if entries > WINDOW_SHARE * lexemes.entries:
        return ()
    held = 0
    for counted, count in lexemes.weeks:
        if counted > week:
            continue  # scheduled for later: not what a reader finds now
        held += count
        if held >= entries:
            return tuple(range(counted, week + 1))
    return ()


def read_cost(lexemes: Lexemes) -> float:
    """What reading one entry's vector costs, in matches handed over by GIN.

    Counted in tuples fetched. A match handed over is one: its entry's row,
    fetched in page order by the bitmap, then sorted. An entry read is its
    row, likewise, plus for each TOAST chunk of its vector an index tuple of
    the TOAST table and the chunk itself: two more per chunk. A vector
    short enough to stay in its row costs no more than its row, and the
    walk then wins for much rarer words. Where the two ways cost alike the
    choice matters little; this only has to keep far from choosing a way
    that costs many times the other.
    """
    return 1 + 2 * lexemes.chunks_per_entry


def _single_tokens(phrase: Phrase) -> list[Phrase]:
    """A word's tokens, each as a phrase of its own: the last keeps the word's prefix mark."""
    last = len(phrase.tokens) - 1
    return [
        Phrase(tokens=(token,), prefix=phrase.prefix and i == last)
        for i, token in enumerate(phrase.tokens)
    ]


def _rarest_tokens(lexemes: Lexemes, words: list[list[Phrase]]) -> tuple[Phrase, ...]:
    """Each word's NARROW_TOKENS rarest tokens, for GIN.

    A prefix (人:* in 36人) merges the posting lists of every lexeme it
    begins, costly for GIN and seldom narrowing: asked for only when it is
    all the word has.
    """
    chosen = []
    for word in words:
        exact = [token for token in word if not token.prefix] or word
        rarest = sorted(exact, key=lambda t: lexemes.share(t.tokens[0], prefix=t.prefix))
        chosen.extend(rarest[:NARROW_TOKENS])
    return tuple(dict.fromkeys(chosen))
