"""Database fixtures: every database test runs on SQLite, and again on PostgreSQL when
GATEWAY_TEST_DATABASE_URL names a server (a fresh database is created there for the run)."""

import os
import shutil
import uuid

import pytest
from sqlalchemy import create_engine
from sqlalchemy import text
from sqlalchemy.engine import make_url

from gateway import create_app
from gateway.app import database_of
from gateway.db import Database
from gateway.models import Base

SECRET_KEY = "test-secret-key-" + "x" * 32  # the `app` fixture's

SERVER_URL = os.environ.get("GATEWAY_TEST_DATABASE_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if SERVER_URL else [])


def _server_url(url: str) -> str:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


@pytest.fixture(scope="session", params=BACKENDS)
def migrated_database(request, tmp_path_factory):
    """A migrated, empty database for the whole run: (backend, url)."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("template") / "template.sqlite3"
        database = Database(f"sqlite:///{path}")
        database.upgrade()
        database.dispose()
        yield "sqlite", str(path)
        return
    server = make_url(_server_url(SERVER_URL))
    name = f"gw_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.set(database=name).render_as_string(hide_password=False)
    database = Database(url)
    database.upgrade()
    database.dispose()
    yield "postgresql", url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def database_url(migrated_database, tmp_path):
    """A migrated database with no rows, private to this test."""
    backend, where = migrated_database
    if backend == "sqlite":
        copy = tmp_path / "gateway.sqlite3"
        shutil.copyfile(where, copy)
        yield f"sqlite:///{copy}"
        return
    yield where
    database = Database(where)
    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    database.dispose()


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app(
        {
            "database_url": database_url,
            "instance_path": str(tmp_path / "instance"),
            "secret_key": SECRET_KEY,
        }
    )
    yield app
    database_of(app).dispose()


@pytest.fixture
def db(app):
    return database_of(app)


@pytest.fixture
def cli(app):
    """Invoke gateway commands: cli("partner", "list") -> click Result."""
    runner = app.test_cli_runner()

    def invoke(*args, input=None):
        return runner.invoke(args=list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def catalog(db):
    """The storefront's small catalog (test_storefront_data); a module with a catalog of its
    own defines this fixture again."""
    from .test_storefront_data import build_catalog

    return build_catalog(db)
