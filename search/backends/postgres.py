from collections import defaultdict

from search.backends.base import Fields, SearchBackend
from search.backends.statistics import LexemeStatistics
from search.segment import Phrase, Query, tokens

#: PostgreSQL keeps positions up to 16383 and at most 256 positions per lexeme.
#: Past 16383 tokens (about as many characters) phrases are no longer exact;
#: a news article is far shorter.
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 256

#: Weights for D, C, B, A: a word in the headline counts ten times one in a
#: byline or tag, and five times one in the body.
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
#: Divide by 1 + log(document length) so long features do not outrank the
#: short story that is about the word.
RANK_NORMALIZATION = 1

#: Microseconds per entry: reading and scoring its vector while walking newest
#: first, and collecting it from GIN and sorting it (``narrowing``).
WALK_US = 15
COLLECT_US = 1.3
#: Tokens of each word that GIN is asked for when collecting (the rarest).
NARROW_TOKENS = 2


#: "17A", "17B", "17C", "17" (D is unmarked): formatted once, not per token,
#: because a rebuild formats tens of millions of them.
_LABELS = {
    weight: [f"{position}{suffix}" for position in range(MAX_POSITION + 1)]
    for weight, suffix in {"A": "A", "B": "B", "C": "C", "D": ""}.items()
}


class PostgresBackend(SearchBackend):
    """A ``tsvector`` literal built here, so no PostgreSQL parser or locale is involved.

    Tokens are letters, digits and CJK characters only (``segment.py``), so
    they need no quoting inside the literal.
    """

    column_type = "tsvector"
    statistics = LexemeStatistics()

    def document(self, fields: Fields) -> str:
        positions: dict[str, list[str]] = defaultdict(list)
        position = 0
        for weight, text in fields:
            labels = _LABELS[weight]
            found = list(tokens(text))
            for offset, token in enumerate(found, position + 1):
                positions[token].append(labels[min(offset, MAX_POSITION)])
            # A gap between fields: a phrase never runs from one field into the next.
            position += len(found) + 1
        return " ".join(
            f"'{token}':{','.join(labels[:MAX_POSITIONS_PER_LEXEME])}"
            for token, labels in positions.items()
        )

    def bulk_load_start(self):
        # Building a GIN index from all rows at once is several times faster
        # than inserting into it row by row.
        # TRUNCATE and CREATE INDEX refuse to run while deferred foreign-key
        # checks are pending in the transaction: check them now.
        return [
            "SET CONSTRAINTS ALL IMMEDIATE",
            "TRUNCATE search_searchentry",
            "DROP INDEX IF EXISTS search_entry_vector_gin",
        ]

    def bulk_load_end(self):
        return [
            "SET CONSTRAINTS ALL IMMEDIATE",
            "SET LOCAL maintenance_work_mem = '256MB'",
            "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (vector)",
        ]

    def placeholder(self) -> str:
        return "%s::tsvector"

    @staticmethod
    def tsquery(query: Query) -> str:
        phrases = []
        for phrase in query.phrases:
            parts = [f"'{token}'" for token in phrase.tokens]
            if phrase.prefix:
                parts[-1] += ":*"
            phrases.append("(" + " <-> ".join(parts) + ")")
        return " & ".join(phrases)

    @staticmethod
    def tsquery_all(query: Query) -> str:
        """Every token of every word, in any order and place: no positions needed.

        GIN answers ``&`` of lexemes from its posting lists alone. A phrase
        (``<->``) makes it re-check each hit against the stored vector, which
        for a word found in thousands of articles means reading thousands of
        TOASTed vectors; this query needs no re-check.
        """
        parts = []
        for phrase in query.phrases:
            for index, token in enumerate(phrase.tokens):
                last = index == len(phrase.tokens) - 1
                part = f"'{token}'" + (":*" if phrase.prefix and last else "")
                if part not in parts:
                    parts.append(part)
        return " & ".join(parts)

    def match(self, column, query):
        return f"{column} @@ %s::tsquery", [self.tsquery(query)]

    def narrow(self, column, query):
        return f"{column} @@ %s::tsquery", [self.tsquery_all(query)]

    def narrow_is_exact(self, query):
        # A one-token word (疫情, 5g, a lone 村:*) is the same query either way.
        return all(len(phrase.tokens) == 1 for phrase in query.phrases)

    def narrowing(self, connection, query, *, wanted):
        # Measured on the bench archive (58,432 articles, 2 cores): reading and
        # scoring an entry's vector while walking costs about WALK_US, collecting a match
        # from GIN and sorting it about COLLECT_US. Walking reads wanted / share
        # entries, collecting share * total: the walk wins above
        # share = sqrt(wanted * WALK_US / (total * COLLECT_US)), about a fifth.
        #
        # Each token's share is what the planner would estimate for it alone,
        # from ANALYZE's most common lexemes (``LexemeStatistics``). Not the
        # planner's estimate for the whole query: that multiplies the shares of
        # a word's bigrams as if independent (尼龙 & 龙新 & 新材 & 材料: 18%
        # estimated, 63% real), whereas a word is about as common as its rarest
        # bigram. Several words are taken as about as common as the rarest too:
        # words typed together tend to stand together (疫情 防控: 30% if
        # independent, 55% real). Where they do not, the walk reads more
        # entries than estimated; the phrase check keeps the result exact
        # either way.
        #
        # GIN reads the whole posting list of every lexeme it is given, so
        # collecting asks only for each word's NARROW_TOKENS rarest tokens: nearly
        # as selective, and the score checks the phrases exactly anyway.
        words = [
            [
                Phrase(tokens=(token,), prefix=phrase.prefix and i == len(phrase.tokens) - 1)
                for i, token in enumerate(phrase.tokens)
            ]
            for phrase in query.phrases
        ]
        lexemes = self.statistics.of(connection)
        estimate = {
            single: lexemes.share(single.tokens[0], prefix=single.prefix)
            for word in words
            for single in word
        }
        share = 1.0
        narrow = []
        for word in words:
            own = sorted(word, key=estimate.__getitem__)
            share = min(share, estimate[own[0]])
            # A prefix (人:* in 36人) is costly for GIN, many lexemes merged, and
            # rarely narrows much: asked for only when it is all the word has.
            exact = [single for single in own if not single.prefix] or own
            narrow.extend(exact[:NARROW_TOKENS])
        walk = share * share * lexemes.entries * COLLECT_US >= wanted * WALK_US
        return walk, Query(words=query.words, phrases=tuple(dict.fromkeys(narrow)))

    def rank(self, column, query):
        # Cover density: a phrase scores where its bigrams stand together, in
        # the weight of the field they stand in. Plain ts_rank scores the
        # bigrams one by one and let a short caption that repeats 六中全会
        # outrank the story with 六中全会 in its headline (measured on the seed).
        return (
            f"ts_rank_cd('{RANK_WEIGHTS}'::float4[], {column}, %s::tsquery, {RANK_NORMALIZATION})",
            [self.tsquery(query)],
        )

    def score(self, column, query):
        # Cover density is above zero exactly where the phrases match, so the
        # score alone says whether a document matches: one read of it, not two
        # (checked over the bench archive, 58,432 documents and 37 queries,
        # phrases, prefixes and several words; tests/search pins it too).
        rank, params = self.rank(column, query)
        return f"NULLIF({rank}, 0)", params
