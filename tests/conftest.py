"""Shared test fixtures: the offscreen Qt platform, isolated settings, and databases for the UI tests."""

from __future__ import annotations

import os

# Before anything imports Qt: tests never open windows on a real display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from pathlib import Path

import pytest

from enact_match.config import HOME_ENV
from enact_match.paths import resource_path
from enact_match.services.catalog import save_record
from enact_match.services.database import Database, open_database
from enact_match.services.demo import load_demo


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Settings, data and QSettings of each test live in its own folder."""
    home = tmp_path / "home"
    monkeypatch.setenv(HOME_ENV, str(home))
    monkeypatch.delenv("ENACT_MATCH_DB", raising=False)
    from PySide6.QtCore import QCoreApplication, QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "qsettings"))
    QCoreApplication.setOrganizationName("ENACT-tests")
    QCoreApplication.setApplicationName("ENACT Match tests")
    yield home


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty SQLite database file."""
    database = open_database(str(tmp_path / "ui-test.sqlite3"))
    yield database
    from enact_match.ui.workers import wait_for_background_work

    wait_for_background_work()
    database.dispose()


def _small_fixture(db: Database) -> None:
    # Used when the demo data set is not available.
    unit = save_record(
        db, "units", {"name": "Laboratoire lorrain de recherche en informatique", "acronym": "LORIA"}
    )
    save_record(
        db,
        "teams",
        {"name": "Traitement automatique des langues", "acronym": "SYNALP", "unit": unit.ref, "axes": "1"},
    )
    company = save_record(db, "companies", {"name": "Métallurgie de Lorraine", "legal_form": "SARL"})
    save_record(
        db, "needs", {"title": "Détection de défauts sur des tôles", "company": company.ref, "axes": "2"}
    )


@pytest.fixture
def demo_db(db: Database) -> Database:
    """The database with the demo data set (or a small set of records when it is not shipped)."""
    if resource_path("demo", "demo.json").is_file():
        load_demo(db)
    else:
        _small_fixture(db)
    return db
