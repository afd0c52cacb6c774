"""Rows written straight to a DBAPI cursor: `RowInsert` for one table, and `Rows`, the inserts
of one request gathered to be written later (by the group commit) or at once (in the request's
own transaction).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Column
from sqlalchemy import Table
from sqlalchemy import bindparam
from sqlalchemy import insert as sql_insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class Ref:
    """An inserted row's id before it exists: a value naming it becomes the id when written."""

    index: int


class Rows:
    """The inserts of one request, in order, written later (`GroupCommit.write`) or now
    (`bind`). A value may be the `Ref` of an earlier row of the same request."""

    def __init__(self) -> None:
        self._inserts: list[tuple[RowInsert, dict[str, Any]]] = []
        self._ids: list[int] = []
        self._session: Session | None = None

    def add(self, insert: RowInsert, values: dict[str, Any]) -> Ref | int:
        """Queue a row (returns its Ref), or write it at once once bound (returns its id)."""
        self._inserts.append((insert, values))
        if self._session is not None:
            self._ids.append(insert(self._session, self._resolved(values)))
            return self._ids[-1]
        return Ref(len(self._inserts) - 1)

    def change(self, ref: Ref, **values: Any) -> None:
        """Change a queued row's values before it is written."""
        if ref.index < len(self._ids):
            raise RuntimeError("the row is written already")
        self._inserts[ref.index][1].update(values)

    def discard_after(self, ref: Ref | int) -> None:
        """Drop the queued rows added after `ref` (a request refused half-way); rows already
        written stay, to be rolled back with their transaction."""
        if isinstance(ref, Ref):
            del self._inserts[max(ref.index + 1, len(self._ids)) :]

    def bind(self, session: Session) -> None:
        """Write the queued rows in `session`'s transaction now, and later rows as they come:
        for a request that must also write through the session (a cart, say), so that all its
        rows commit or roll back together."""
        self._session = session
        for insert, values in self._inserts[len(self._ids) :]:
            self._ids.append(insert(session, self._resolved(values)))

    @property
    def bound(self) -> bool:
        return self._session is not None

    @property
    def pending(self) -> bool:
        return len(self._ids) < len(self._inserts)

    def id_of(self, ref: Ref | int) -> int:
        return ref if isinstance(ref, int) else self._ids[ref.index]

    def write(self, dbapi_connection, dialect) -> None:
        """Write the queued rows on a DBAPI connection inside its open transaction."""
        written = len(self._ids)
        try:
            for insert, values in self._inserts[written:]:
                self._ids.append(insert.execute(dbapi_connection, dialect, self._resolved(values)))
        except BaseException:
            del self._ids[written:]  # rolled back with the transaction: written again later
            raise

    def _resolved(self, values: dict[str, Any]) -> dict[str, Any]:
        return {
            key: self._ids[value.index] if isinstance(value, Ref) else value
            for key, value in values.items()
        }


class RowInsert:
    """`INSERT INTO table ... RETURNING id` of one row, run on the DBAPI cursor of a session's
    connection, inside the session's transaction (and savepoint).

    Why: SQLAlchemy's execution path (cache look-up, parameter and result handling) cost more
    than SQLite's own work for a small row, and a punch-out setup writes three. The row is what
    a Core insert would write: the statement is compiled by SQLAlchemy once per dialect, each
    value goes through its column's bind processor, and a column left out gets its Python-side
    default (or NULL). Engine events do not see these statements.
    """

    def __init__(self, table: Table) -> None:
        self.table = table
        self._plans: dict[str, _InsertPlan] = {}

    def __call__(self, session: Session, values: Mapping[str, Any]) -> int:
        connection = session.connection()
        return self.execute(connection.connection.dbapi_connection, connection.dialect, values)

    def execute(self, dbapi_connection, dialect: Dialect, values: Mapping[str, Any]) -> int:
        """Insert on a DBAPI connection, in its open transaction; returns the new id."""
        plan = self.plan(dialect)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(plan.sql, plan.parameters(values))
            return cursor.fetchone()[0]
        finally:
            cursor.close()

    def plan(self, dialect: Dialect) -> _InsertPlan:
        """The statement and how to make its parameters, compiled once per dialect."""
        return self._plans.get(dialect.name) or self._compile(dialect)

    def _compile(self, dialect: Dialect) -> _InsertPlan:
        columns = [c for c in self.table.columns if not (c.primary_key and c.autoincrement)]
        statement = (
            sql_insert(self.table)
            .values({c.key: bindparam(c.key) for c in columns})
            .returning(*self.table.primary_key.columns)
        )
        compiled = statement.compile(dialect=dialect)
        by_key = {c.key: c for c in columns}
        order = compiled.positiontup if compiled.positional else list(by_key)
        plan = _InsertPlan(
            sql=compiled.string,
            positional=compiled.positional,
            columns=tuple(
                (key, _default_of(by_key[key]), _processor_of(by_key[key], dialect))
                for key in order
            ),
            names=frozenset(by_key),
        )
        self._plans[dialect.name] = plan
        return plan


_MISSING = object()


@dataclasses.dataclass(frozen=True, slots=True)
class _InsertPlan:
    sql: str
    positional: bool  # parameters as a sequence in `columns` order, else by name
    # (key, default, bind processor) of every column written, in the statement's parameter order
    columns: tuple[tuple[str, Callable[[], Any], Callable[[Any], Any] | None], ...]
    names: frozenset[str]

    def parameters(self, values: Mapping[str, Any]) -> dict[str, Any] | list:
        if not values.keys() <= self.names:
            raise KeyError(f"no column {sorted(values.keys() - self.names)[0]!r}")
        row = []
        for key, default, process in self.columns:
            value = values.get(key, _MISSING)
            if value is _MISSING:
                value = default()
            row.append(value if process is None or value is None else process(value))
        return row if self.positional else dict(zip(self.names_in_order(), row, strict=True))

    def names_in_order(self) -> Iterator[str]:
        return (key for key, _default, _process in self.columns)


def _default_of(column: Column) -> Callable[[], Any]:
    default = column.default
    if default is None or not (default.is_scalar or default.is_callable):
        return lambda: None
    if default.is_callable:
        return lambda: default.arg(None)
    return lambda: default.arg


def _processor_of(column: Column, dialect: Dialect) -> Callable[[Any], Any] | None:
    return column.type.dialect_impl(dialect).bind_processor(dialect)


def insert(into: Session | Rows, statement: RowInsert, values: dict[str, Any]) -> int | Ref:
    """Insert a row now in a session's transaction (its id), or queue it in `Rows` (a Ref)."""
    if isinstance(into, Rows):
        return into.add(statement, values)
    return statement(into, values)
