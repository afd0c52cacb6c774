"""The database: engine and session factory, and migrations applied with Alembic."""

import contextlib
import dataclasses
import pathlib
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from typing import Any

import alembic.command
import alembic.config
from sqlalchemy import Column
from sqlalchemy import Engine
from sqlalchemy import Table
from sqlalchemy import bindparam
from sqlalchemy import create_engine
from sqlalchemy import event
from sqlalchemy import insert
from sqlalchemy import text
from sqlalchemy.engine import Dialect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from sqlalchemy.orm import sessionmaker

MIGRATIONS = pathlib.Path(__file__).with_name("migrations")


class Database:
    """One engine and its session factory for one database URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed at the end of the block, or rolled back whole."""
        with self.sessions.begin() as session:
            yield session

    def upgrade(self) -> None:
        """Bring the schema up to the newest migration."""
        with self.engine.begin() as connection:
            config = alembic_config(self.url)
            config.attributes["connection"] = connection
            alembic.command.upgrade(config, "head")

    def reachable(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception:  # any failure means "not reachable" to a health check
            return False
        return True

    def dispose(self) -> None:
        self.engine.dispose()


def commit_lazily(session: Session) -> None:
    """Let this transaction's commit return before its log record is on disk.

    For work that is cheap to lose in a power failure and expensive to wait for, such as
    opening a punch-out session (the buyer clicks again). Never use it for orders: a buyer told
    "received" must find the order after any crash. Call it before the transaction's first
    write: SQLite cannot change it later, and the transaction then stays durable.

    - PostgreSQL: `synchronous_commit = off` for this transaction only (a crash of the server
      may lose the last few hundred milliseconds of such commits, never corrupt anything).
    - SQLite: `synchronous = NORMAL` on this connection until it goes back to the pool, where
      it is set to FULL again (`_sqlite_checkin`). In WAL mode the commit then survives a crash
      of the process but not a power failure, and it does not wait for the disk while it holds
      the database's single write lock, which every other writer is waiting for.
    """
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL synchronous_commit = off"))
    elif connection.dialect.name == "sqlite":
        pooled = connection.connection
        if not pooled.dbapi_connection.in_transaction:
            pooled.dbapi_connection.execute("PRAGMA synchronous=NORMAL")
            pooled.info["commit_lazily"] = True


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
        plan = self._plans.get(connection.dialect.name) or self._plan(connection.dialect)
        cursor = connection.connection.dbapi_connection.cursor()
        try:
            cursor.execute(plan.sql, plan.parameters(values))
            return cursor.fetchone()[0]
        finally:
            cursor.close()

    def _plan(self, dialect: Dialect) -> "_InsertPlan":
        columns = [c for c in self.table.columns if not (c.primary_key and c.autoincrement)]
        statement = (
            insert(self.table)
            .values({c.key: bindparam(c.key) for c in columns})
            .returning(*self.table.primary_key.columns)
        )
        compiled = statement.compile(dialect=dialect)
        plan = _InsertPlan(
            sql=compiled.string,
            keys=tuple(compiled.positiontup) if compiled.positional else None,
            columns={c.key: (_default_of(c), _processor_of(c, dialect)) for c in columns},
        )
        self._plans[dialect.name] = plan
        return plan


@dataclasses.dataclass(frozen=True, slots=True)
class _InsertPlan:
    sql: str
    keys: tuple[str, ...] | None  # the order of positional parameters, or None for named
    columns: dict[str, tuple[Callable[[], Any], Callable[[Any], Any] | None]]

    def parameters(self, values: Mapping[str, Any]) -> dict[str, Any] | tuple:
        unknown = set(values) - self.columns.keys()
        if unknown:
            raise KeyError(f"no column {sorted(unknown)[0]!r}")
        row = {}
        for key, (default, process) in self.columns.items():
            value = values[key] if key in values else default()
            row[key] = value if process is None or value is None else process(value)
        return row if self.keys is None else tuple(row[key] for key in self.keys)


def _default_of(column: Column) -> Callable[[], Any]:
    default = column.default
    if default is None or not (default.is_scalar or default.is_callable):
        return lambda: None
    if default.is_callable:
        return lambda: default.arg(None)
    return lambda: default.arg


def _processor_of(column: Column, dialect: Dialect) -> Callable[[Any], Any] | None:
    return column.type.dialect_impl(dialect).bind_processor(dialect)


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        pathlib.Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "checkin", _sqlite_checkin)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: the write-ahead log is on disk when a commit returns, so an order answered 200
    # survives a power failure, not only a crash of the process (NORMAL). About 0.2 ms a commit.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _sqlite_checkin(dbapi_connection, record) -> None:
    """A connection a lazy commit relaxed is durable again before anyone else gets it."""
    if record.info.pop("commit_lazily", False) and dbapi_connection is not None:
        dbapi_connection.execute("PRAGMA synchronous=FULL")


def alembic_config(url: str) -> alembic.config.Config:
    config = alembic.config.Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config
