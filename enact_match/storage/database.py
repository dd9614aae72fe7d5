"""Opening a database: URL resolution, SQLite pragmas, write transactions, automatic migrations."""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from enact_match.paths import migrations_dir
from enact_match.storage.encryption import (
    DatabaseKeyError,
    cipher_driver,
    connect_keyed,
    encrypted_engine,
    is_encrypted_file,
)

log = logging.getLogger(__name__)

# Per-connection SQLite settings (see docs/architecture.md, "Storage"): WAL for concurrent readers,
# FULL sync so that a committed import survives a power cut, foreign keys enforced, and a busy
# timeout so that a second writer waits instead of failing at once.
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
    "PRAGMA secure_delete=ON",
    "PRAGMA temp_store=MEMORY",
)


class DatabaseUrlError(ValueError):
    """The text given as a database location is neither a file path nor a valid SQLAlchemy URL."""


def normalise_url(location: str) -> str:
    """Turn a file path or a SQLAlchemy URL into a SQLAlchemy URL.

    Args:
        location: `/path/to/file.db`, `~/x.db`, `sqlite:///...` or `postgresql+psycopg://...`.

    Returns:
        A URL string; a plain `postgresql://` URL is given the psycopg (v3) driver.
    """
    text = location.strip()
    if not text:
        raise DatabaseUrlError("empty database location")
    if "://" not in text:
        path = Path(os.path.expanduser(text)).resolve()
        return f"sqlite:///{path}"
    try:
        url = make_url(text)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseUrlError(str(exc)) from exc
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy (not the driver) decide when transactions begin, so BEGIN IMMEDIATE works.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Writers take the write lock at BEGIN: a deferred BEGIN that reads then writes gets
        # "database is locked" at once, whatever the busy timeout.
        if connection.get_execution_options().get("sqlite_write"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


class Database:
    """A database handle: engine, read and write sessions. Thread-safe; sessions are not."""

    def __init__(self, url: str, engine: Engine, key: str | None = None) -> None:
        self.url = url
        self.engine = engine
        self._key = key  # an encrypted (SQLCipher) file's key: backups are made with the same key
        self._driver = sqlite3 if key is None else cipher_driver()
        self._read_sessions = sessionmaker(bind=engine, expire_on_commit=False)
        writer = engine.execution_options(sqlite_write=True) if self.is_sqlite else engine
        self._write_sessions = sessionmaker(bind=writer, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def is_encrypted(self) -> bool:
        """True for an encrypted (SQLCipher) SQLite file."""
        return self._key is not None

    @property
    def driver_error(self) -> type[Exception]:
        """The DB-API `DatabaseError` of the connections `connect_file` returns."""
        return self._driver.DatabaseError  # type: ignore[no-any-return]

    @property
    def file_path(self) -> Path | None:
        """The file of a SQLite database (None for PostgreSQL or an in-memory database)."""
        database = make_url(self.url).database if self.is_sqlite else None
        return Path(database) if database and database != ":memory:" else None

    def connect_file(self, path: Path, read_only: bool = False) -> Any:
        """A plain DB-API connection (autocommit) to another SQLite file: a backup or its copy.

        Read-only connections never create the file (a missing file is an error). The file of an
        encrypted database is opened (or created) with the database's key.
        """
        target = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
        if self._key is not None:
            connection = connect_keyed(self._driver, target, self._key, isolation_level=None, uri=read_only)
        else:
            connection = self._driver.connect(target, isolation_level=None, uri=read_only)
        connection.execute("PRAGMA busy_timeout=5000")
        return connection

    @property
    def display_location(self) -> str:
        """The file path of a SQLite database, or the URL without its password."""
        url = make_url(self.url)
        if self.is_sqlite:
            return url.database or ":memory:"
        return url.render_as_string(hide_password=True)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit of work (rolled back at the end)."""
        with self._read_sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def writing(self, *, dry_run: bool = False) -> Iterator[Session]:
        """A write unit of work: one transaction, committed at the end, rolled back on any error.

        With `dry_run`, everything is done (and checked by the database) then rolled back.
        """
        with self._write_sessions() as session:
            transaction = session.begin()
            try:
                yield session
                session.flush()
            except BaseException:
                transaction.rollback()
                raise
            if dry_run:
                transaction.rollback()
            else:
                transaction.commit()

    def dispose(self) -> None:
        self.engine.dispose()


_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*['\"]?([\w]+)['\"]?", re.MULTILINE)


def head_revision() -> str:
    """The newest migration's revision id, read from the scripts without importing Alembic.

    Alembic costs about 0.3 s to import; it is only imported when a migration has to run.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (migrations_dir() / "versions").glob("*.py"):
        found = dict(match.groups() for match in _REVISION_LINE.finditer(script.read_text(encoding="utf-8")))
        revisions.add(found["revision"])
        if found.get("down_revision") not in (None, "None"):
            parents.add(found["down_revision"])
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"the migration scripts must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_schema(engine: Engine, before_migration: Callable[[], None] | None = None) -> None:
    """Apply every pending Alembic migration (a no-op on an up-to-date database).

    Args:
        before_migration: called when a migration is about to change an existing (non-empty)
            database, e.g. to back it up first.
    """
    current = current_revision(engine)
    if current == head_revision():
        return
    if current is not None and before_migration is not None:
        before_migration()
    from alembic import command
    from alembic.config import Config

    log.info("migrating database from %s to head", current)
    writer = engine.execution_options(sqlite_write=True) if engine.dialect.name == "sqlite" else engine
    with writer.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(migrations_dir()))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def decode_json(text: str | bytes) -> Any:
    """A JSON column's value: ``json.loads``, except for ``[]``, the default of the list columns (keywords,
    axes...), made without the parser (a quarter of the time `match --all` took to read 100,000 needs)."""
    return [] if text == "[]" else json.loads(text)


def open_database(
    location: str,
    *,
    migrate: bool = True,
    before_migration: Callable[[Database], None] | None = None,
    key_for: Callable[[Path], str | None] | None = None,
) -> Database:
    """Open (and create or upgrade) the database at `location` (file path or SQLAlchemy URL).

    Args:
        before_migration: called with the database before a migration changes an existing one.
        key_for: asked for the key when the file is encrypted (see storage/encryption.py); None
            from it, or no `key_for`, refuses the file with `key_required`.

    Raises:
        DatabaseKeyError: an encrypted file without its key, with a wrong key, or without sqlcipher3.
    """
    url = normalise_url(location)
    parsed = make_url(url)
    key: str | None = None
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database) if parsed.database and parsed.database != ":memory:" else None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            if is_encrypted_file(path):
                key = key_for(path) if key_for is not None else None
                if key is None:
                    raise DatabaseKeyError("key_required", str(path))
        if path is None or key is None:
            engine = create_engine(url, connect_args={"timeout": 5}, json_deserializer=decode_json)
        else:
            engine = encrypted_engine(url, path, key, json_deserializer=decode_json)
        _install_sqlite_hooks(engine)
        if key is not None:
            try:
                engine.connect().close()  # a wrong key is refused now, with the pragmas' hooks in place
            except BaseException:
                engine.dispose()
                raise
    else:
        engine = create_engine(url, pool_pre_ping=True, json_deserializer=decode_json)
    db = Database(url, engine, key)
    if migrate:
        upgrade_schema(engine, None if before_migration is None else lambda: before_migration(db))
    return db
