"""The import wizard: a French Excel CSV through its pages, valid rows only, Cancel, remembered mappings."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from enact_match.services import catalog
from enact_match.services.database import Database
from enact_match.services.importing import ImportReport
from enact_match.ui import import_wizard
from enact_match.ui.import_wizard import ColumnMappingModel, ImportWizard
from enact_match.ui.workers import run_write_in_background
from tests.ui.app_fixtures import english, make_context, window_on

__all__ = ["english", "window_on"]

HEADER = "Raison sociale;Forme juridique;SIREN;Ville;Adresse internet"
GOOD_ROWS = [
    "Fonderie Éloi Maréchal;SAS;732829320;Épinal;https://fonderie-eloi.example",
    "Aciéries de Hayange;SA;552100554;Hayange;https://acieries.example",
]
BAD_ROW = "Chaudronnerie Œuvre;SARL;123456789;Thionville;https://oeuvre.example"


def write_french_csv(path: Path, rows: list[str]) -> Path:
    """A CSV as French Excel writes it: cp1252, semicolons, CRLF."""
    path.write_bytes("\r\n".join([HEADER, *rows]).encode("cp1252") + b"\r\n")
    return path


def open_wizard(qtbot: QtBot, db: Database, path: Path, kind: str = "companies") -> ImportWizard:
    wizard = ImportWizard(make_context(db), path)
    qtbot.addWidget(wizard)
    wizard.file_page.set_kind(kind)
    wizard.show()
    with qtbot.waitSignal(wizard.preview_shown, timeout=10000):
        wizard.next()
    return wizard


def run_import(qtbot: QtBot, wizard: ImportWizard) -> None:
    """From the preview page, through the options page, to the end of the import."""
    wizard.next()
    assert wizard.currentId() == ImportWizard.OPTIONS
    with qtbot.waitSignal(wizard.import_finished, timeout=15000):
        wizard.next()


def company_names(db: Database) -> set[str]:
    return {row.name for row in catalog.list_companies(db)}


def test_wizard_imports_a_cp1252_semicolon_csv_with_french_headers_and_the_companies_appear(
    qtbot: QtBot, english: None, db: Database, tmp_path: Path, qtmodeltester: object
) -> None:
    wizard = open_wizard(qtbot, db, write_french_csv(tmp_path / "entreprises.csv", GOOD_ROWS))
    page = wizard.preview_page
    assert "cp1252" in page.reading_label.text()
    assert "semicolon" in page.reading_label.text()
    assert page.header_spin.value() == 1
    assert page.mapping_model.fields() == ["name", "legal_form", "siren", "city", None]
    assert page.rows_model.rowCount() == 2
    assert page.rows_model.index(0, 1).data() == "Fonderie Éloi Maréchal"
    assert page.rows_model.invalid_cells() == []
    qtmodeltester.check(page.mapping_model)  # type: ignore[attr-defined]
    qtmodeltester.check(page.rows_model)  # type: ignore[attr-defined]

    run_import(qtbot, wizard)

    assert wizard.currentId() == ImportWizard.RESULT
    assert wizard.report is not None and wizard.report.created == 2
    assert "Created: 2" in wizard.result_page.summary_label.text()
    assert company_names(db) == {"Fonderie Éloi Maréchal", "Aciéries de Hayange"}
    assert {row.city for row in catalog.list_companies(db)} == {"Épinal", "Hayange"}


def test_preview_tints_the_invalid_cell_and_says_why_in_its_tooltip(
    qtbot: QtBot, english: None, db: Database, tmp_path: Path
) -> None:
    wizard = open_wizard(qtbot, db, write_french_csv(tmp_path / "mixed.csv", [GOOD_ROWS[0], BAD_ROW]))
    model = wizard.preview_page.rows_model
    assert model.invalid_cells() == [(1, 3)]  # the second row's SIREN (column 0 is the line)
    assert model.index(1, 3).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "checksum is wrong" in model.index(1, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 3).data(Qt.ItemDataRole.BackgroundRole) is None


def test_valid_rows_mode_imports_the_other_rows_and_writes_the_rejected_one_with_its_reason(
    qtbot: QtBot, english: None, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_french_csv(tmp_path / "mixed.csv", [GOOD_ROWS[0], BAD_ROW, GOOD_ROWS[1]])
    rejected = tmp_path / "rejected.csv"
    monkeypatch.setattr(import_wizard, "choose_rejected_file", lambda _parent, _suggested: rejected)
    wizard = open_wizard(qtbot, db, source)
    wizard.next()
    options = wizard.options_page
    options.valid_rows_radio.setChecked(True)
    assert not options.isComplete()  # the rejected rows need a file
    options.rejected_browse.click()
    assert options.isComplete()
    with qtbot.waitSignal(wizard.import_finished, timeout=15000):
        wizard.next()

    assert wizard.report is not None
    assert (wizard.report.created, len(wizard.report.rejected)) == (2, 1)
    assert company_names(db) == {"Fonderie Éloi Maréchal", "Aciéries de Hayange"}
    with rejected.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    assert lines[0][:2] == ["line", "Raison sociale"]
    assert lines[1][0] == "3" and lines[1][1] == "Chaudronnerie Œuvre"
    assert "checksum is wrong" in lines[1][-1]


def test_all_or_nothing_refuses_a_file_with_a_bad_row_and_names_the_problem(
    qtbot: QtBot, english: None, db: Database, tmp_path: Path
) -> None:
    wizard = open_wizard(qtbot, db, write_french_csv(tmp_path / "mixed.csv", [GOOD_ROWS[0], BAD_ROW]))
    run_import(qtbot, wizard)
    assert wizard.currentId() == ImportWizard.OPTIONS
    assert "Row 3, column “SIREN”" in wizard.options_page.message_label.text()
    assert company_names(db) == set()


def test_cancelling_the_import_rolls_it_back(
    qtbot: QtBot, english: None, db: Database, tmp_path: Path
) -> None:
    wizard = open_wizard(qtbot, db, write_french_csv(tmp_path / "entreprises.csv", GOOD_ROWS))
    wizard.next()
    # Hold the writer thread so that Cancel is pressed before the import's first row.
    release = threading.Event()
    run_write_in_background(lambda: release.wait(10), lambda _result: None)
    with qtbot.waitSignal(wizard.import_finished, timeout=15000):
        wizard.next()
        assert wizard.progress is not None
        wizard.progress.canceled.emit()  # what its Cancel button sends
        release.set()
    assert wizard.report is None
    assert wizard.currentId() == ImportWizard.OPTIONS
    assert "cancelled" in wizard.options_page.message_label.text()
    assert company_names(db) == set()


def test_a_dry_run_writes_nothing_and_reports_what_it_would_create(
    qtbot: QtBot, english: None, db: Database, tmp_path: Path
) -> None:
    wizard = open_wizard(qtbot, db, write_french_csv(tmp_path / "entreprises.csv", GOOD_ROWS))
    wizard.next()
    wizard.options_page.dry_run_check.setChecked(True)
    with qtbot.waitSignal(wizard.import_finished, timeout=15000):
        wizard.next()
    assert wizard.report is not None and wizard.report.dry_run and wizard.report.created == 2
    assert company_names(db) == set()


def test_the_mapping_chosen_in_the_wizard_is_proposed_the_second_time(
    qtbot: QtBot, english: None, db: Database, tmp_path: Path
) -> None:
    first = open_wizard(qtbot, db, write_french_csv(tmp_path / "first.csv", GOOD_ROWS[:1]))
    mapping = first.preview_page.mapping_model
    with qtbot.waitSignal(first.preview_shown, timeout=10000):
        mapping.setData(mapping.index(4, ColumnMappingModel.FIELD), "website")
    assert not first.preview_page.remembered_label.text()
    run_import(qtbot, first)
    assert catalog.list_companies(db)[0].website == "https://fonderie-eloi.example"

    second = open_wizard(qtbot, db, write_french_csv(tmp_path / "second.csv", GOOD_ROWS[1:]))
    assert second.preview_page.mapping_model.fields() == ["name", "legal_form", "siren", "city", "website"]
    assert second.preview_page.preview is not None and second.preview_page.preview.remembered
    assert "last time" in second.preview_page.remembered_label.text()
    assert "remembered" in second.preview_page.mapping_model.index(4, ColumnMappingModel.CONFIDENCE).data()


def test_a_row_matching_an_existing_company_is_listed_and_updates_it(
    qtbot: QtBot, english: None, db: Database, tmp_path: Path
) -> None:
    existing = catalog.save_record(db, "companies", {"name": "Fonderie Eloi Marechal", "siren": "732829320"})
    wizard = open_wizard(qtbot, db, write_french_csv(tmp_path / "entreprises.csv", GOOD_ROWS))
    links = wizard.preview_page.links_model
    assert links.rowCount() == 1
    assert existing.ref in links.index(0, 0).data()
    assert "same SIREN" in links.index(0, 0).data()
    run_import(qtbot, wizard)
    assert wizard.report is not None and (wizard.report.created, wizard.report.updated) == (1, 1)
    assert len(catalog.list_companies(db)) == 2


def test_a_refused_file_shows_one_translated_line_and_cannot_go_on(
    qtbot: QtBot, english: None, db: Database, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip at all")
    wizard = open_wizard(qtbot, db, broken)
    assert wizard.preview_page.problem_label.text() == "The file is not a valid XLSX workbook."
    assert not wizard.preview_page.isComplete()


def test_file_import_in_the_menu_opens_the_wizard_and_refreshes_the_lists(
    qtbot: QtBot, window_on: object, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_on(demo_db)  # type: ignore[operator]
    asked: list[object] = []

    def fake_ask(_parent: object, context: object, _path: object = None) -> ImportReport:
        asked.append(context)
        catalog.save_record(demo_db, "companies", {"name": "Imported by the wizard"})
        return ImportReport("companies", 1, 1, 0, (), False, "utf-8", ";")

    monkeypatch.setattr(ImportWizard, "ask", fake_ask)
    page = window.page("companies")
    qtbot.waitUntil(lambda: page.model().rowCount() > 0, timeout=15000)
    with qtbot.waitSignal(window.data_changed, timeout=10000):
        window._import_action.trigger()
    assert asked
    qtbot.waitUntil(
        lambda: any(row.name == "Imported by the wizard" for row in page.model().rows()), timeout=10000
    )
