"""Backups and personal data from the app: the backups dialog restores after confirmation, the GDPR dialog
erases a person, and the start after an unclean exit offers the last good backup of a damaged database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from enact_match.services import backup, catalog, safety
from enact_match.services.database import Database, open_database
from enact_match.ui import app, prompts
from enact_match.ui.backups_dialog import BackupsDialog
from enact_match.ui.gdpr_dialog import GdprDialog
from enact_match.ui.workers import wait_for_background_work
from tests.support import GDPR_FACTS
from tests.ui.app_fixtures import english, make_context

__all__ = ["english"]


def _names(db: Database) -> list[str]:
    return [row.name for row in catalog.list_contacts(db)]


def test_the_backups_dialog_lists_backups_and_restores_one_after_confirmation(
    qtbot: QtBot, qtmodeltester: object, db: Database, english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog.save_record(db, "contacts", {"name": "Anne Martin", **GDPR_FACTS})
    backup.create_backup(db, "import")
    catalog.save_record(db, "contacts", {"name": "Bruno Keller", **GDPR_FACTS})
    dialog = BackupsDialog(make_context(db))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    assert dialog.model.data(dialog.model.index(0, 1)) == "before an import"
    questions: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda _parent, _title, text: questions.append(text) or False)
    dialog.table.selectRow(0)
    dialog.restore_button.click()
    assert len(questions) == 1 and _names(db) == ["Anne Martin", "Bruno Keller"]
    monkeypatch.setattr(prompts, "confirm", lambda *_args: True)
    monkeypatch.setattr(prompts, "show_info", lambda *_args: None)
    with qtbot.waitSignal(dialog.restored, timeout=10000):
        dialog.restore_button.click()
    assert _names(db) == ["Anne Martin"]
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)  # the safety backup is listed too


def test_the_gdpr_dialog_erases_the_chosen_person_after_confirmation(
    qtbot: QtBot, db: Database, english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog.save_record(db, "contacts", {"name": "Anne Martin", **GDPR_FACTS})
    bruno = catalog.save_record(db, "contacts", {"name": "Bruno Keller", **GDPR_FACTS})
    dialog = GdprDialog(make_context(db), bruno.ref)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.contact_box.count() == 2)
    assert dialog.chosen_ref() == bruno.ref
    monkeypatch.setattr(prompts, "confirm", lambda *_args: True)
    monkeypatch.setattr(prompts, "show_info", lambda *_args: None)
    with qtbot.waitSignal(dialog.erased, timeout=10000) as erased:
        dialog.erase_button.click()
    assert erased.args == [bruno.ref]
    assert _names(db) == ["Anne Martin"]


def test_a_start_after_an_unclean_exit_with_a_damaged_database_offers_the_last_good_backup(
    qapp: object, tmp_path: Path, english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "enact.sqlite3"
    db = open_database(str(path))
    for number in range(300):
        catalog.save_record(db, "contacts", {"name": f"Person {number} " + "x" * 150, **GDPR_FACTS})
    backup.create_backup(db, "manual")
    safety.begin_session(db)  # and never ended: the app was killed
    db.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 6] = b"\x5a" * (4096 * 3)
    path.write_bytes(bytes(data))
    damaged = open_database(str(path), migrate=False)
    offers: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda _parent, _title, text: offers.append(text) or True)
    monkeypatch.setattr(prompts, "show_error", lambda _parent, _title, text: pytest.fail(text))
    restored = app.check_database_at_start(damaged)
    wait_for_background_work()
    assert len(offers) == 1 and "integrity check" in offers[0]
    assert backup.check_database(restored) == []
    assert len(_names(restored)) == 300
    restored.dispose()


def test_a_database_in_a_cloud_folder_is_named_at_start(
    qapp: object, tmp_path: Path, english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(str(tmp_path / "OneDrive - ENACT" / "enact.sqlite3"))
    warnings: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda _parent, _title, text: warnings.append(text))
    app.check_database_at_start(db)
    assert len(warnings) == 1 and "cloud" in warnings[0]
    db.dispose()
