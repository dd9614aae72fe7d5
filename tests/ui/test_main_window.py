"""The main window: welcome page on first start, global search, live language switch, settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from enact_match.config import Settings
from enact_match.services import catalog
from enact_match.services.database import Database
from enact_match.ui import i18n
from enact_match.ui.main_window import MainWindow
from enact_match.ui.record_pages import RecordPage
from enact_match.ui.settings_dialog import SettingsDialog
from tests.ui.app_fixtures import english, window_on

__all__ = ["english", "window_on"]

Opener = Callable[[Database], MainWindow]


def test_an_empty_database_shows_the_welcome_page_which_loads_the_demo(
    qtbot: QtBot, window_on: Opener, db: Database
) -> None:
    window = window_on(db)
    assert window.windowTitle() == "ENACT Match"
    assert window.is_welcome_shown()
    with qtbot.waitSignal(window.data_changed, timeout=30000):
        window.welcome_page().load_demo()
    assert not window.is_welcome_shown()
    needs = window.page("needs")
    assert isinstance(needs, RecordPage)
    qtbot.waitUntil(lambda: needs.model().rowCount() > 0, timeout=15000)
    assert catalog.count_records(db)["needs"] == needs.model().rowCount()


def test_search_finds_a_company_typed_with_a_typo_without_accents_or_legal_form_and_opens_it(
    qtbot: QtBot, window_on: Opener, db: Database
) -> None:
    company = catalog.save_record(db, "companies", {"name": "Métallurgie Lorraine", "legal_form": "SARL"})
    catalog.save_record(db, "companies", {"name": "Fonderie Valmorel", "legal_form": "SAS"})
    window = window_on(db)
    qtbot.waitUntil(lambda: window.search_popup().has_index(), timeout=15000)
    window.open_search()
    popup = window.search_popup()
    popup.set_search_text("metalurgie lorraine")
    hits = popup.hits()
    assert hits and hits[0].id == company.id
    assert hits[0].label == "Métallurgie Lorraine SARL"
    popup.activate_current()
    assert window.current_page_key() == "companies"
    page = window.page("companies")
    qtbot.waitUntil(
        lambda: page.current_row() is not None and page.current_row().id == company.id, timeout=10000
    )


def test_switching_the_language_live_translates_visible_words(
    qtbot: QtBot, window_on: Opener, db: Database
) -> None:
    window = window_on(db)
    title = window.welcome_page().findChild(object, "demo_button")
    assert title.text() == "Load the demo data"
    try:
        assert i18n.install_language("fr")
        qtbot.waitUntil(lambda: title.text() == "Charger les données de démonstration", timeout=5000)
        assert window.menuBar().actions()[0].text() == "&Fichier"
    finally:
        i18n.install_language("en")
    qtbot.waitUntil(lambda: title.text() == "Load the demo data", timeout=5000)


def test_settings_are_saved_and_the_user_applies_at_once(
    qtbot: QtBot, window_on: Opener, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_on(demo_db)
    chosen = Settings(user_name="Julie Martin", user_structure="POLARIS")
    monkeypatch.setattr(SettingsDialog, "ask", classmethod(lambda cls, *_args: chosen))
    window.open_settings()
    assert Settings.load() == chosen
    assert window._context.viewer is not None
    assert window._context.viewer.name == "Julie Martin"


def test_settings_dialog_lists_structures_and_returns_the_edited_settings(
    qtbot: QtBot, demo_db: Database
) -> None:
    structures = catalog.list_structures(demo_db)
    dialog = SettingsDialog(Settings(), structures)
    qtbot.addWidget(dialog)
    combo = dialog.findChild(object, "structure_combo")
    assert combo.count() == len(structures) + 1
    combo.setCurrentIndex(1)
    dialog.findChild(object, "user_name_edit").setText("  Paul  ")
    result = dialog.settings()
    assert result.user_name == "Paul" and result.user_structure == structures[0][0]


def test_window_geometry_is_remembered(qtbot: QtBot, window_on: Opener, db: Database, tmp_path: Path) -> None:
    window = window_on(db)
    window.resize(1000, 640)
    window.close()
    assert QSettings().value("window/geometry") is not None


def test_recomputing_all_suggestions_shows_progress_and_can_be_cancelled(
    qtbot: QtBot, window_on: Opener, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors: list[str] = []
    monkeypatch.setattr("enact_match.ui.prompts.show_error", lambda _p, title, _text: errors.append(title))
    window = window_on(demo_db)
    task = window.recompute_suggestions()
    with qtbot.waitSignal(task.finished, timeout=60000):
        pass
    assert errors == []
    cancelled = window.recompute_suggestions()
    cancelled.cancel()
    with qtbot.waitSignal(cancelled.finished, timeout=60000):
        pass
    assert errors == []  # a cancelled re-match is not an error
