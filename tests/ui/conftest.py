"""Fixtures of the interface tests: Qt settings in the test's folder, and SQLite databases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from enact_match.services.database import Database, open_database
from enact_match.services.demo import load_demo


@pytest.fixture(autouse=True)
def isolated_qsettings(isolated_home: Path) -> None:
    """QSettings (window layout, columns) of each test live in its own folder."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(isolated_home / "qsettings"))
    QCoreApplication.setOrganizationName("ENACT-tests")
    QCoreApplication.setApplicationName("ENACT Match tests")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty SQLite database file."""
    database = open_database(str(tmp_path / "ui-test.sqlite3"))
    yield database
    from enact_match.ui.workers import wait_for_background_work

    wait_for_background_work()
    database.dispose()


@pytest.fixture
def demo_db(db: Database) -> Database:
    """The database with the shipped demo data set."""
    load_demo(db)
    return db
