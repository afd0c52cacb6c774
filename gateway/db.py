"""The database: engine and session factory, and migrations applied with Alembic."""

import contextlib
import pathlib
from collections.abc import Iterator

import alembic.command
import alembic.config
from sqlalchemy import Engine
from sqlalchemy import create_engine
from sqlalchemy import event
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session
from sqlalchemy.orm import sessionmaker

from gateway.group_commit import group_commit_for

MIGRATIONS = pathlib.Path(__file__).with_name("migrations")


class Database:
    """One engine and its session factory for one database URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.sessions, "do_orm_execute", _sqlite_lock_for_update)
        # short insert-only writes of concurrent requests, committed together (None: in-memory)
        self.group_commit = group_commit_for(self.engine)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed at the end of the block, or rolled back whole.
        Its transaction begins with its first use: a block that never uses it (a punch-out
        setup whose partner is cached) costs no transaction at all."""
        session = self.sessions()
        try:
            yield session
            if session.in_transaction():
                session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            if session.in_transaction() or session.identity_map:
                session.close()  # else it holds no connection and no object: nothing to release

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
        if self.group_commit is not None:
            self.group_commit.close()
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


def _sqlite_lock_for_update(state: ORMExecuteState) -> None:
    """SQLite has no `SELECT ... FOR UPDATE` (SQLAlchemy leaves the clause out), and its
    transaction begins only at the first write. So a read asking for a lock takes the
    database's write lock first, and what it reads stays as read until this transaction ends:
    two requests changing one cart (a double click, two tabs) no longer both read the line and
    write their own total over the other's. PostgreSQL locks the rows themselves."""
    if not state.is_select or getattr(state.statement, "_for_update_arg", None) is None:
        return
    dbapi_connection = state.session.connection().connection.dbapi_connection
    if not dbapi_connection.in_transaction:
        dbapi_connection.execute("BEGIN IMMEDIATE")


def _sqlite_checkin(dbapi_connection, record) -> None:
    """A connection a lazy commit relaxed is durable again before anyone else gets it."""
    if record.info.pop("commit_lazily", False) and dbapi_connection is not None:
        dbapi_connection.execute("PRAGMA synchronous=FULL")


def alembic_config(url: str) -> alembic.config.Config:
    config = alembic.config.Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config
