"""The index column and its ``matches`` lookup, for either backend."""

from django.db import models
from django.db.models import Lookup

from search.backends import backend_for


class IndexField(models.Field):
    """``tsvector`` on PostgreSQL, text on SQLite; the value comes from the backend."""

    description = "全文检索索引"

    def db_type(self, connection):
        return backend_for(connection).column_type

    def get_placeholder(self, value, compiler, connection):
        return backend_for(connection).placeholder()


class BackendLookup(Lookup):
    """A lookup whose SQL the search backend writes (``backend_method``)."""

    prepare_rhs = False
    backend_method = ""

    def as_sql(self, compiler, connection):
        column, params = self.process_lhs(compiler, connection)
        write = getattr(backend_for(connection), self.backend_method)
        sql, query_params = write(column, self.rhs)
        return sql, (*params, *query_params)


@IndexField.register_lookup
class Matches(BackendLookup):
    """``vector__matches=query``: the document holds every word of the query."""

    lookup_name = "matches"
    backend_method = "match"


@IndexField.register_lookup
class Holds(BackendLookup):
    """``vector__holds=query``: every token of the query is in the document,
    anywhere; true wherever ``matches`` is, answered by the index alone."""

    lookup_name = "holds"
    backend_method = "narrow"
