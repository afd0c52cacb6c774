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
    opening a punch-out session (the buyer clicks again): on PostgreSQL this is
    `synchronous_commit = off` for this transaction only (a crash may lose the last few hundred
    milliseconds of such commits, never corrupt anything, and other transactions still wait
    for the disk). Never use it for orders: a buyer told "received" must find the order after
    any crash. SQLite has nothing to relax: it commits every transaction, orders included, in
    WAL mode with synchronous=NORMAL (see `_sqlite_pragmas`: durable when the process dies,
    not when the machine loses power).
    """
    if session.get_bind().dialect.name == "postgresql":
        session.connection().execute(text("SET LOCAL synchronous_commit = off"))


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        pathlib.Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: the write-ahead log is on disk when a commit returns, so an order answered 200
    # survives a power failure, not only a crash of the process (NORMAL). About 0.2 ms a commit.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def alembic_config(url: str) -> alembic.config.Config:
    config = alembic.config.Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config
