"""The laptop bundles dialog: export, merge after a preview and a confirmation, conflicts settled."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from enact_match.services import bundles, catalog
from enact_match.services.database import Database, open_database
from enact_match.ui import bundles_dialog, prompts
from enact_match.ui.bundles_dialog import BundlesDialog
from enact_match.ui.workers import wait_for_background_work
from tests.ui.app_fixtures import english, make_context, window_on

__all__ = ["english", "window_on"]


@pytest.fixture
def other_laptop(tmp_path: Path) -> Iterator[Database]:
    db = open_database(str(tmp_path / "other-laptop.sqlite3"))
    yield db
    wait_for_background_work()
    db.dispose()


def _dialog(qtbot: QtBot, db: Database) -> BundlesDialog:
    dialog = BundlesDialog(make_context(db))
    qtbot.addWidget(dialog)
    return dialog


def _in_conflict(db: Database, other: Database, tmp_path: Path) -> catalog.CompanyRow:
    """A company whose city was edited on both laptops; `db` has merged the other laptop's bundle."""
    company = catalog.save_record(db, "companies", {"name": "<b>Fonderie</b>", "city": "Metz"})
    path = tmp_path / "first.enact-bundle"
    bundles.export_bundle(db, path)
    bundles.merge_bundle(other, path)
    catalog.save_record(db, "companies", {"name": company.name, "city": "Nancy"}, company.id)
    catalog.save_record(other, "companies", {"name": company.name, "city": "Thionville"}, company.id)
    path = tmp_path / "other.enact-bundle"
    bundles.export_bundle(other, path)
    bundles.merge_bundle(db, path)
    return company


def test_export_writes_the_chosen_file_and_says_where(
    qtbot: QtBot, db: Database, english: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog.save_record(db, "companies", {"name": "Fonderie Valmorel"})
    target = tmp_path / "mine.enact-bundle"
    monkeypatch.setattr(bundles_dialog, "choose_export_file", lambda *_args: target)
    dialog = _dialog(qtbot, db)

    dialog.export_button.click()

    qtbot.waitUntil(lambda: str(target) in dialog.summary.text(), timeout=10000)
    assert bundles.read_bundle(target).record_count == 1


def test_merge_shows_the_preview_then_merges_only_after_confirmation(
    qtbot: QtBot,
    db: Database,
    other_laptop: Database,
    english: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    catalog.save_record(other_laptop, "companies", {"name": "Aciéries", "siren": "552100554"})
    catalog.save_record(db, "companies", {"name": "Acieries SA", "siren": "552100554"})
    path = tmp_path / "other.enact-bundle"
    bundles.export_bundle(other_laptop, path)
    monkeypatch.setattr(bundles_dialog, "choose_bundle_file", lambda *_args: path)
    questions: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda _parent, _title, text: questions.append(text) or False)
    dialog = _dialog(qtbot, db)

    dialog.merge_button.click()
    qtbot.waitUntil(lambda: len(questions) == 1, timeout=10000)

    assert "Companies: 1 added, 0 updated, 0 deleted" in questions[0]
    assert "Possibly the same company: " in questions[0]
    assert len(catalog.list_companies(db)) == 1  # refused: nothing merged
    monkeypatch.setattr(prompts, "confirm", lambda *_args: True)
    with qtbot.waitSignal(dialog.merged, timeout=10000) as merged:
        dialog.merge_button.click()
    assert not merged.args[0].dry_run
    assert len(catalog.list_companies(db)) == 2
    assert "What the merge changed:" in dialog.summary.text()


def test_a_refused_bundle_shows_why_in_words(
    qtbot: QtBot, db: Database, english: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff not a bundle")
    errors: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda _parent, _title, text: errors.append(text))
    dialog = _dialog(qtbot, db)

    dialog.preview_merge(path)

    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert errors == ["This file is not an ENACT Match bundle."]
    assert dialog.merge_button.isEnabled()


def test_conflicts_are_listed_as_plain_text_and_keeping_a_value_settles_them(
    qtbot: QtBot,
    qtmodeltester: object,
    db: Database,
    other_laptop: Database,
    english: None,
    tmp_path: Path,
) -> None:
    company = _in_conflict(db, other_laptop, tmp_path)
    dialog = _dialog(qtbot, db)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10000)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]

    assert dialog.model.data(dialog.model.index(0, 1)) == "<b>Fonderie</b>"
    assert dialog.model.data(dialog.model.index(0, 2)) == "City"
    choices = [dialog.value_box.itemText(number) for number in range(dialog.value_box.count())]
    assert sorted(choices) == ["Nancy", "Thionville"]
    dialog.value_box.setCurrentIndex(choices.index("Thionville"))
    with qtbot.waitSignal(dialog.resolved, timeout=10000):
        dialog.keep_button.click()

    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=10000)
    assert catalog.get_row(db, "companies", company.id).city == "Thionville"
    assert not dialog.keep_button.isEnabled()


def test_the_main_window_opens_the_bundles_dialog_from_the_file_menu(window_on: object, db: Database) -> None:
    window = window_on(db)  # type: ignore[operator]
    dialog = window.open_bundles()
    assert isinstance(dialog, BundlesDialog) and dialog.isVisible()
    dialog.close()
