from collections import defaultdict

from django.utils import timezone

from search.backends.base import Fields, SearchBackend
from search.backends.planner import choose_strategy
from search.backends.statements import fetch_planned_once
from search.backends.statistics import LexemeStatistics
from search.segment import Query, tokens
from search.weeks import week_of

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
            # The vector and its week (search.weeks), as migration 0004 makes it.
            "CREATE INDEX search_entry_vector_gin ON search_searchentry"
            " USING gin (vector, (ARRAY[week]))",
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

    def strategy(self, connection, query, *, wanted, windowed=False):
        week = week_of(timezone.now()) if windowed else None
        return choose_strategy(self.statistics.of(connection), query, wanted=wanted, week=week)

    def in_weeks(self, column, weeks):
        # As the GIN index has it (search_entry_vector_gin): ARRAY[week].
        return f"ARRAY[{column}] && %s::int[]", [list(weeks)]

    def rank(self, column, query):
        # Cover density: a phrase scores where its bigrams stand together, in
        # the weight of the field they stand in. Plain ts_rank scores the
        # bigrams one by one, so on the seed page a short caption that repeats
        # 六中全会 would outrank the story with 六中全会 in its headline.
        return (
            f"ts_rank_cd('{RANK_WEIGHTS}'::float4[], {column}, %s::tsquery, {RANK_NORMALIZATION})",
            [self.tsquery(query)],
        )

    def fetch(self, connection, sql, params, *, plan_once=False):
        if plan_once:
            return fetch_planned_once(connection, sql, params)
        return super().fetch(connection, sql, params)

    def lateral_score(self, column, query):
        # OFFSET 0 keeps the subquery from being merged into the statement,
        # where its expression would be computed (the document read) twice.
        score, params = self.score(column, query)
        return f"LATERAL (SELECT {score} AS score OFFSET 0) sc", params

    def score(self, column, query):
        # Cover density is above zero exactly where the phrases match, so the
        # score alone says whether a document matches: one read of it, not two.
        # Checked over the whole bench archive for phrases, prefixes and
        # several words; test_relevance pins it on the seed page.
        rank, params = self.rank(column, query)
        return f"NULLIF({rank}, 0)", params
