"""Test support shared by the storage, services and command-line tests: databases on both backends."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from enact_match.services.database import Database, open_database

TEST_DATABASE_URL_ENV = "TEST_DATABASE_URL"
# What a contact created by hand must record (GDPR): where the data comes from, on what legal basis.
GDPR_FACTS = {"source": "met at a trade fair", "legal_basis": "legitimate_interest"}


def backends() -> list[str]:
    """SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it)."""
    return ["sqlite", "postgresql"] if os.environ.get(TEST_DATABASE_URL_ENV) else ["sqlite"]


def reset_postgresql(url: str) -> None:
    """Drop everything in the test database's public schema, so that each test starts empty."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def database_location(backend: str, tmp_path: Path) -> str:
    """A fresh, empty database of the given backend: a SQLite file or the reset PostgreSQL database."""
    if backend == "sqlite":
        return str(tmp_path / "enact-test.sqlite3")
    url = os.environ[TEST_DATABASE_URL_ENV]
    reset_postgresql(url)
    return url


@pytest.fixture(params=backends())
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty database on each available backend."""
    db = open_database(database_location(request.param, tmp_path))
    yield db
    db.dispose()
