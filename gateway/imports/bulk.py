"""Inserting many rows at once, by the fastest path each driver offers.

SQLAlchemy's executemany costs several microseconds of Python per row, and psycopg 3 sends the
rows of an executemany one by one. Imports insert millions of rows of a few known tables, so they
take the drivers' own bulk paths: COPY FROM STDIN on PostgreSQL through psycopg, the sqlite3
module's executemany (a loop in C) on SQLite, and a Core executemany anywhere else.
"""

import decimal

from sqlalchemy import Table
from sqlalchemy import any_
from sqlalchemy import bindparam
from sqlalchemy import insert
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: list[dict]) -> None:
    """Insert rows (dicts with the same keys, column names of `table`) in the session's
    transaction."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    names = list(rows[0])
    if dialect.name == "postgresql" and dialect.driver == "psycopg":
        _copy(connection.connection.driver_connection, table.name, names, rows)
    elif dialect.name == "sqlite":
        columns = ", ".join(f'"{name}"' for name in names)
        marks = ", ".join("?" * len(names))
        statement = f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})'  # noqa: S608
        connection.exec_driver_sql(statement, [tuple(map(_sqlite, row.values())) for row in rows])
    else:
        session.execute(insert(table), rows)


def among(session: Session, column, values: list):
    """`column IN (values)` for a chunk's worth of values. On PostgreSQL it is written
    `column = ANY(:array)`: one parameter instead of a thousand for the driver to parse."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    return column.in_(values)


def _copy(driver_connection, table: str, names: list[str], rows: list[dict]) -> None:
    """COPY the rows in; a constraint the rows break is raised as SQLAlchemy's IntegrityError,
    as the other paths raise it."""
    import psycopg
    from psycopg import sql

    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, names))
    )
    try:
        with driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(tuple(row.values()))
    except psycopg.IntegrityError as exc:
        raise IntegrityError(f"COPY {table}", None, exc) from exc


def _sqlite(value):
    """sqlite3 binds no Decimal; its text goes into the NUMERIC column exactly as SQLAlchemy's
    Numeric would store it, and reads back through Numeric as the same Decimal."""
    return str(value) if isinstance(value, decimal.Decimal) else value
