"""Short insert-only writes of many requests, committed together on one connection.

A punch-out setup or a ProfileRequest writes two or three rows and reads nothing it writes.
Such a request gathers its inserts in `Rows` while it is answered, and hands them to the
process's `GroupCommit` at the end. The first thread waiting leads: it writes every waiting
request's rows in one transaction, commits once, and wakes the others, whose rows are then
committed too. Each request still returns only after its rows are committed, so anything
answered is in the database; it only no longer pays a transaction of its own.

Why: on SQLite, each of those small transactions cost more than the request's own work (the
commit writes every page the rows touched to the log, and the single write lock sent the other
writers into the busy handler's sleeps). Grouped, the rows share pages and one commit, the lock
is held only while rows are written, never while a request is parsed or built, and the leaders
of several server processes queue on an operating-system lock instead of sleeping and retrying.

The writes are committed the way `commit_lazily` describes (without waiting for the disk): a
setup lost in a power failure costs the buyer one more click. Orders never come here.
"""

import contextlib
import fcntl
import os
import pathlib
import threading
from collections.abc import Iterator

from sqlalchemy import Engine

from gateway.rows import Rows

# SQLite checkpoints (copies its write-ahead log into the database file, waiting for the disk
# twice) inside the commit that takes the log past this many pages, while holding the write
# lock every writer waits for. At SQLite's 1000 that was one group commit in eighty, and a
# fifth of the setup rate; at 10000 (a log of up to 40 MB) it is a tenth as often.
CHECKPOINT_PAGES = 10000


class _Job:
    __slots__ = ("done", "error", "rows")

    def __init__(self, rows: Rows) -> None:
        self.rows = rows
        self.done = False
        self.error: BaseException | None = None


class GroupCommit:
    """Commits the `Rows` of concurrent requests of one process together (see the module).

    The writer keeps one connection of its own, opened in the process that uses it (never
    across a fork), with lazy commits set once: PostgreSQL `synchronous_commit = off`, SQLite
    `synchronous = NORMAL`. SQLite transactions begin IMMEDIATE (the write lock is taken at
    once, so the transaction cannot fail to upgrade later), after an exclusive `flock` on
    `lock_path`, which the leaders of every process on this database share.
    """

    def __init__(self, engine: Engine, *, lock_path: pathlib.Path | None = None) -> None:
        self._engine = engine
        self._dialect = engine.dialect
        self._lock_path = lock_path
        self._wake = threading.Condition(threading.Lock())
        self._waiting: list[_Job] = []
        self._leading = False
        self._connection = None
        self._pid = 0
        self._lock_file = None
        self._lock_pid = 0
        self.transactions = 0  # committed by this object, for the curious (and the tests)

    def write(self, rows: Rows) -> None:
        """Commit `rows` (with whatever other threads are waiting to write); raises what
        writing them raised, after a rollback that touched nobody else's rows."""
        job = _Job(rows)
        with self._wake:
            self._waiting.append(job)
            while self._leading and not job.done:
                self._wake.wait()
            if not job.done:
                self._leading = True
                batch, self._waiting = self._waiting, []
        if not job.done:
            try:
                self._commit(batch)
            finally:
                with self._wake:
                    self._leading = False
                    self._wake.notify_all()
        if job.error is not None:
            raise job.error

    def close(self) -> None:
        """Close the connection and the lock file this process opened (a new write reopens)."""
        with self._wake:
            if self._connection is not None and self._pid == os.getpid():
                self._connection.close()
            if self._lock_file is not None and self._lock_pid == os.getpid():
                self._lock_file.close()
            self._connection = self._lock_file = None

    def _commit(self, batch: list[_Job]) -> None:
        """One transaction for the batch. Should it fail, each request is written once more in
        a transaction of its own: one request's bad row fails that request alone, and a
        connection the server closed (a restart, say) is replaced by a new one."""
        try:
            self._transaction(batch)
        except Exception:
            for job in batch:
                try:
                    self._transaction([job])
                except Exception as error:
                    job.error = error
        for job in batch:
            job.done = True

    def _transaction(self, batch: list[_Job]) -> None:
        connection = self._connect()
        with self._interprocess_lock():
            try:
                if self._dialect.name == "sqlite":
                    connection.execute("BEGIN IMMEDIATE")
                for job in batch:
                    job.rows.write(connection, self._dialect)
                connection.commit()
                self.transactions += 1
            except Exception:
                self._rollback(connection)
                raise

    def _rollback(self, connection) -> None:
        try:
            connection.rollback()
        except Exception:  # a broken connection: open a new one next time
            self._connection = None
            with contextlib.suppress(Exception):
                connection.close()

    def _connect(self):
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        pooled = self._engine.raw_connection()
        pooled.detach()  # ours alone, never back in the pool
        connection = pooled.dbapi_connection
        if self._dialect.name == "sqlite":
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute(f"PRAGMA wal_autocheckpoint={CHECKPOINT_PAGES}")
        elif self._dialect.name == "postgresql":
            cursor = connection.cursor()
            cursor.execute("SET synchronous_commit = off")
            cursor.close()
            connection.commit()
        self._connection, self._pid = connection, os.getpid()
        return connection

    @property
    def waiting(self) -> int:
        """Requests whose rows wait for the transaction in progress to end."""
        with self._wake:
            return len(self._waiting)

    @property
    def leading(self) -> bool:
        """Whether a thread is writing a transaction now."""
        with self._wake:
            return self._leading

    @contextlib.contextmanager
    def _interprocess_lock(self) -> Iterator[None]:
        if self._lock_path is None:
            yield
            return
        if self._lock_file is None or self._lock_pid != os.getpid():
            self._lock_file = open(self._lock_path, "a+b")
            self._lock_pid = os.getpid()
        fcntl.flock(self._lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)


def group_commit_for(engine: Engine) -> GroupCommit | None:
    """The group commit of a database, or None for an in-memory SQLite database (whose every
    connection is a database of its own)."""
    if engine.dialect.name != "sqlite":
        return GroupCommit(engine)
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return GroupCommit(
        engine,
        lock_path=pathlib.Path(database).with_name(pathlib.Path(database).name + "-writers.lock"),
    )
