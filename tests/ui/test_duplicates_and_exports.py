"""The duplicates review screen (compare, choose, merge) and the exports: tables, briefs, shortlists."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from enact_match.services import catalog
from enact_match.services.database import Database
from enact_match.ui import exports_ui, prompts
from enact_match.ui.duplicates_dialog import DuplicatesDialog
from enact_match.ui.main_window import MainWindow
from enact_match.ui.record_pages import RecordPage
from tests.ui.app_fixtures import english, make_context, window_on

__all__ = ["english", "window_on"]

Opener = Callable[[Database], MainWindow]


def two_spellings_of_one_company(db: Database) -> tuple[object, object]:
    first = catalog.save_record(
        db, "companies", {"name": "Métallurgie Lorraine", "legal_form": "SARL", "city": "Metz"}
    )
    second = catalog.save_record(
        db, "companies", {"name": "METALLURGIE LORRAINE SAS", "city": "Metz", "siren": "732829320"}
    )
    catalog.save_record(db, "companies", {"name": "Fonderie Valmorel", "city": "Nancy"})
    catalog.save_record(db, "needs", {"title": "Détection de défauts", "company": first.ref})
    catalog.save_record(db, "needs", {"title": "Maintenance prédictive des fours", "company": second.ref})
    return first, second


def test_merging_two_duplicate_companies_keeps_the_chosen_values_and_moves_their_needs(
    qtbot: QtBot, english: None, db: Database, monkeypatch: pytest.MonkeyPatch, qtmodeltester: object
) -> None:
    first, second = two_spellings_of_one_company(db)
    dialog = DuplicatesDialog(make_context(db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.fields_model.columnCount() == 2, timeout=10000)
    assert len(dialog.groups()) == 1
    assert "same name" in dialog.groups_model.index(0, 0).data()
    model = dialog.fields_model
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    kept_column = next(i for i, member in enumerate(model.members()) if member.id == first.id)
    dialog.set_keep(kept_column)
    other_column = 1 - kept_column
    assert "(kept)" in model.headerData(kept_column, Qt.Orientation.Horizontal)
    fields = [model.headerData(row, Qt.Orientation.Vertical) for row in range(model.rowCount())]
    name_row, siren_row = fields.index("Name"), fields.index("SIREN")
    # The kept record's name; its empty SIREN is filled from the other record.
    assert model.index(name_row, kept_column).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.index(siren_row, other_column).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    model.setData(model.index(name_row, other_column), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.fields_taken_from(other_column) == ["name", "siren"]

    questions: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda _parent, _title, words: questions.append(words) or True)
    with qtbot.waitSignals([dialog.merged, dialog.data_written], timeout=10000):
        dialog.merge_selected()

    assert "Métallurgie Lorraine" in questions[0]
    companies = {row.id: row for row in catalog.list_companies(db)}
    assert second.id not in companies
    assert companies[first.id].name == "METALLURGIE LORRAINE SAS"
    assert companies[first.id].siren == "732829320"
    assert companies[first.id].need_count == 2
    assert {need.company_id for need in catalog.list_needs(db)} == {first.id}
    qtbot.waitUntil(lambda: dialog.groups() == [] and "No duplicates" in dialog.status_label.text())


def test_edit_menu_opens_the_duplicates_review_and_a_merge_refreshes_the_lists(
    qtbot: QtBot, window_on: Opener, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_spellings_of_one_company(db)
    window = window_on(db)
    page = window.page("companies")
    assert isinstance(page, RecordPage)
    qtbot.waitUntil(lambda: page.model().rowCount() == 3, timeout=10000)
    window._duplicates_action.trigger()
    dialog = window.findChild(DuplicatesDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.merge_button.isEnabled(), timeout=10000)
    monkeypatch.setattr(prompts, "confirm", lambda *_args: True)
    with qtbot.waitSignal(window.data_changed, timeout=10000):
        dialog.merge_button.click()
    qtbot.waitUntil(lambda: page.model().rowCount() == 2, timeout=10000)


def test_exporting_needs_to_xlsx_from_the_menu_keeps_text_cells_as_text(
    qtbot: QtBot, window_on: Opener, demo_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    catalog.save_record(demo_db, "needs", {"title": '=HYPERLINK("http://evil.example","clic")'})
    target = tmp_path / "besoins"
    monkeypatch.setattr(prompts, "ask_choice", lambda _parent, _title, _label, items: items[0][0])
    monkeypatch.setattr(
        exports_ui, "choose_export_file", lambda _parent, _kind: (target.with_suffix(".xlsx"), "xlsx")
    )
    told: list[str] = []
    monkeypatch.setattr(prompts, "show_info", lambda _parent, _title, words: told.append(words))
    window = window_on(demo_db)
    window._export_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=15000)

    sheet = openpyxl.load_workbook(target.with_suffix(".xlsx")).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    titles = [cell.value for cell in cells if isinstance(cell.value, str) and cell.value.startswith("=")]
    assert titles == ['=HYPERLINK("http://evil.example","clic")']
    assert str(catalog.count_records(demo_db)["needs"]) in told[0]


def test_the_brief_button_of_a_need_writes_a_pdf_and_offers_to_open_it(
    qtbot: QtBot, window_on: Opener, demo_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "fiche.pdf"
    monkeypatch.setattr(exports_ui, "choose_pdf_file", lambda _parent, _title, _name: (target, "fr"))
    monkeypatch.setattr(prompts, "confirm", lambda *_args: True)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window = window_on(demo_db)
    page = window.page("needs")
    assert isinstance(page, RecordPage)
    qtbot.waitUntil(lambda: page.model().rowCount() > 0, timeout=15000)
    button = page.findChild(object, "brief_button")
    page.select_record("needs", page.model().row_at(0).id)
    assert button.isEnabled()
    button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=60000)
    assert opened[0].toLocalFile() == str(target)
    assert target.read_bytes().startswith(b"%PDF")


def test_the_shortlist_report_covers_the_needs_the_page_lists(
    qtbot: QtBot, window_on: Opener, demo_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "shortlist.pdf"
    monkeypatch.setattr(exports_ui, "choose_pdf_file", lambda _parent, _title, _name: (target, "en"))
    offered: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda _parent, _title, words: offered.append(words) and False)
    written: list[list[str]] = []
    from enact_match.services import briefs

    original = briefs.write_shortlist

    def spy(
        db: Database, service: object, refs: list[str], path: Path, lang: str, **options: object
    ) -> object:
        written.append(list(refs))
        return original(db, service, refs, path, lang, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(briefs, "write_shortlist", spy)
    window = window_on(demo_db)
    page = window.page("needs")
    assert isinstance(page, RecordPage)
    qtbot.waitUntil(lambda: page.model().rowCount() > 2, timeout=15000)
    first = page.model().row_at(0)
    page.set_filter_text(first.ref)
    shown = page.proxy().rowCount()
    window._shortlist_action.trigger()
    qtbot.waitUntil(lambda: bool(offered), timeout=60000)
    assert str(target) in offered[0]
    assert len(written[0]) == shown and first.ref in written[0]
    assert target.read_bytes().startswith(b"%PDF")
