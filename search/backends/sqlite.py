from search.backends.base import Fields, SearchBackend
from search.segment import normalize

#: Separates the weighted parts of the stored text; never typed by anyone.
SEPARATOR = "\x1f"


class SqliteBackend(SearchBackend):
    """The normalized text, matched as substrings: enough for the demo edition.

    The stored text starts with the headline (weight A) up to the first
    separator, so a headline match ranks first without another column.
    """

    def document(self, fields: Fields) -> str:
        parts = {weight: [] for weight in "ABCD"}
        for weight, text in fields:
            parts[weight].append(normalize(text).replace(SEPARATOR, " "))
        return SEPARATOR.join("\n".join(parts[weight]) for weight in "ABCD")

    def match(self, column, query):
        return " AND ".join(f"instr({column}, %s) > 0" for _ in query.words), list(query.words)

    def rank(self, column, query):
        headline = f"substr({column}, 1, instr({column}, char(31)))"
        return (
            "(" + " + ".join(f"(instr({headline}, %s) > 0)" for _ in query.words) + ")",
            list(query.words),
        )
