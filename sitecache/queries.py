"""Queries run so often that building their SQL costs more than the answer,
their SQL built once: the few a page rendered afresh still runs around its kept
fragments (the sections, the issue, article or reporter it is about), the
reads of one article's searchable text on every desk save, whether a user
sees an article, and what a search may find (as SQL for its statement).

Django builds a query's SQL anew each time it runs it; for these one-row
lookups that costs more than the database's answer. A ``Prepared`` query is
built once per process and database from its queryset, with marker values in
place of its arguments: its SQL is kept, with where each marker went among
the parameters and how a row becomes instances (``select_related`` too, as
Django's own iterable does it). Running it puts the real values in the
markers' places. The instances are those the queryset would give, their
post-init signal and so their cache keys (``sitecache.keys``) included.

A backend that adapts the parameters (SQLite writes dates as text) hides
the markers: there the queryset is run as it is.
"""

import datetime
from collections.abc import Callable
from typing import NamedTuple

from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.query import get_related_populators

#: Markers for the arguments of prepared queries: values no query passes itself.
AT = datetime.datetime(2000, 1, 1, 0, 0, 0, 424242, tzinfo=datetime.UTC)
DAY = datetime.date(1111, 11, 11)
ID = -424242
TEXT = "sitecache-marker-424242"


class _Plan(NamedTuple):
    sql: str
    params: tuple
    #: For each argument, the positions of its marker among ``params``.
    slots: tuple[tuple[int, ...], ...]
    select: list
    klass_info: dict
    annotations: dict
    converters: dict


class Prepared:
    """``Prepared(Model, build, *markers)``; ``query(*values)`` is
    ``list(build(*values))`` without building its SQL again.

    ``build`` makes the queryset from its arguments, which must reach the SQL
    as parameters (a filter's value, a time), each marker once or more and
    unlike any other parameter.
    """

    def __init__(self, model, build: Callable[..., QuerySet], *markers):
        self.model = model
        self.build = build
        self.markers = markers
        self._plans: dict[str, _Plan | None] = {}

    def __call__(self, *values) -> list:
        using = router.db_for_read(self.model)
        plan = self._plan_for(using)
        if plan is None:
            return list(self.build(*values).using(using))
        return self._run(plan, using, values)

    def rows(self, *values) -> list[tuple]:
        """For a ``values_list`` queryset: its rows, as tuples, converted as Django would."""
        using = router.db_for_read(self.model)
        plan = self._plan_for(using)
        if plan is None:
            return [tuple(row) for row in self.build(*values).using(using)]
        return [tuple(row) for row in self._rows(plan, using, values)]

    def sql(self, *values) -> tuple[str, str, list]:
        """``(database, SQL, parameters)`` of ``build(*values)``, for a statement
        that uses it as a subquery."""
        using = router.db_for_read(self.model)
        plan = self._plan_for(using)
        if plan is None:
            sql, params = self.build(*values).using(using).query.get_compiler(using).as_sql()
            return using, sql, list(params)
        return using, plan.sql, self._params(plan, values)

    def _plan_for(self, using: str) -> "_Plan | None":
        if using not in self._plans:
            self._plans[using] = self._plan(using)
        return self._plans[using]

    def _plan(self, using: str) -> _Plan | None:
        compiler = self.build(*self.markers).using(using).query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        params = tuple(params)
        slots = []
        for marker in self.markers:
            found = tuple(
                n for n, p in enumerate(params) if type(p) is type(marker) and p == marker
            )
            if not found:
                return None
            slots.append(found)
        fields = [expression for expression, _sql, _alias in compiler.select]
        return _Plan(
            sql,
            params,
            tuple(slots),
            compiler.select,
            compiler.klass_info,
            compiler.annotation_col_map or {},
            compiler.get_converters(fields[: compiler.col_count]),
        )

    def _params(self, plan: _Plan, values) -> list:
        params = list(plan.params)
        for positions, value in zip(plan.slots, values, strict=True):
            for position in positions:
                params[position] = value
        return params

    def _rows(self, plan: _Plan, using: str, values):
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, self._params(plan, values))
            rows = cursor.fetchall()
        for row in rows:
            if plan.converters:
                row = list(row)
                for position, (converters, expression) in plan.converters.items():
                    for convert in converters:
                        row[position] = convert(row[position], expression, connection)
            yield row

    def _run(self, plan: _Plan, using: str, values) -> list:
        klass_info, select = plan.klass_info, plan.select
        model = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [column[0].target.attname for column in select[start:end]]
        populators = get_related_populators(klass_info, select, using)
        found = []
        for row in self._rows(plan, using, values):
            instance = model.from_db(using, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            for name, position in plan.annotations.items():
                setattr(instance, name, row[position])
            found.append(instance)
        return found
