"""Needs, companies and teams pages: create, validate, edit, delete and undo through the real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from enact_match.services import catalog
from enact_match.services.database import Database
from enact_match.ui import prompts
from enact_match.ui.forms import RecordForm
from enact_match.ui.record_pages import COMPANIES, NEEDS, TEAMS, RecordPage
from enact_match.ui.table_models import RowRole
from tests.ui.app_fixtures import english, open_page

__all__ = ["english"]
pytestmark = pytest.mark.usefixtures("english")


def _listed(page: RecordPage, attribute: str) -> list[str]:
    return [getattr(row, attribute) for row in page.model().rows()]


def _type(qtbot: QtBot, form: RecordForm, name: str, words: str) -> None:
    editor = form.editor_widget(name)
    editor.setFocus()
    qtbot.keyClicks(editor, words)


def _save(qtbot: QtBot, page: RecordPage) -> object:
    with qtbot.waitSignal(page.record_saved, timeout=10000) as blocker:
        page.save_current()
    return blocker.args[0]


def test_creating_a_need_through_the_form_lists_it_with_the_count(qtbot: QtBot, demo_db: Database) -> None:
    page = open_page(qtbot, demo_db, NEEDS)
    before = page.model().rowCount()
    page.new_record()
    _type(qtbot, page.form(), "title", "Vision pour le tri des dechets")
    _type(qtbot, page.form(), "keywords", "vision; tri")
    page.form().editor_widget("axes").findChild(object, "axes_2").setChecked(True)
    saved = _save(qtbot, page)
    assert "Vision pour le tri des dechets" in _listed(page, "title")
    assert saved.axes == (2,) and saved.keywords == ("vision", "tri")
    assert page.current_row().id == saved.id
    assert str(before + 1) in page.findChild(object, "count_label").text()


def test_bad_siren_shows_the_checksum_message_and_the_save_is_refused(qtbot: QtBot, db: Database) -> None:
    page = open_page(qtbot, db, COMPANIES)
    page.new_record()
    _type(qtbot, page.form(), "name", "Fonderie Test")
    _type(qtbot, page.form(), "siren", "123456788")
    assert "checksum" in page.form().error_text("siren")
    page.save_current()
    qtbot.wait(200)
    assert page.model().rowCount() == 0
    assert catalog.list_companies(db) == []


def test_required_title_and_bad_email_free_form_show_messages_next_to_the_field(
    qtbot: QtBot, db: Database
) -> None:
    page = open_page(qtbot, db, NEEDS)
    page.new_record()
    page.save_current()
    assert page.form().error_text("title") == "A value is required."
    _type(qtbot, page.form(), "title", "x")
    assert page.form().error_text("title") == ""


def test_deleting_a_company_then_undo_brings_it_back(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(qtbot, demo_db, COMPANIES)
    row = page.model().row_at(0)
    assert page.select_record("companies", row.id)
    monkeypatch.setattr(prompts, "confirm", lambda *_args: True)
    with qtbot.waitSignal(page.record_deleted, timeout=10000):
        page.delete_current()
    assert row.name not in _listed(page, "name")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.undo()
    assert row.name in _listed(page, "name")
    assert not page.can_undo()


def test_declining_the_delete_confirmation_keeps_the_record(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(qtbot, demo_db, COMPANIES)
    row = page.model().row_at(0)
    page.select_record("companies", row.id)
    monkeypatch.setattr(prompts, "confirm", lambda *_args: False)
    page.delete_current()
    qtbot.wait(200)
    assert row.name in _listed(page, "name")


def test_editing_a_team_then_undo_restores_the_previous_values(qtbot: QtBot, demo_db: Database) -> None:
    page = open_page(qtbot, demo_db, TEAMS)
    row = page.model().row_at(0)
    page.select_record("teams", row.id)
    editor = page.form().editor_widget("name")
    editor.selectAll()
    qtbot.keyClicks(editor, "Renamed team")
    saved = _save(qtbot, page)
    assert saved.name == "Renamed team"
    assert saved.publications == row.publications or len(saved.publications) == len(row.publications)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.undo()
    assert catalog.get_row(demo_db, "teams", row.id).name == row.name


def test_a_save_over_a_newer_version_reports_it_and_reloads_the_record(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(qtbot, demo_db, COMPANIES)
    row = page.model().row_at(0)
    page.select_record("companies", row.id)
    catalog.save_record(demo_db, "companies", {"city": "Metz"}, row.id)  # someone else saves meanwhile
    errors: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda _parent, title, _text: errors.append(title))
    _type(qtbot, page.form(), "city", "x")
    page.save_current()
    qtbot.waitUntil(
        lambda: page.current_row() is not None and page.current_row().city == "Metz", timeout=10000
    )
    assert errors == ["Saved by someone else"]


def test_filters_on_status_and_text_narrow_the_list_and_the_count(qtbot: QtBot, demo_db: Database) -> None:
    page = open_page(qtbot, demo_db, NEEDS)
    total = page.proxy().rowCount()
    combo = page.findChild(object, "filter_status")
    combo.setCurrentIndex(combo.findData("closed"))
    statuses = {page.proxy().index(i, 0).data(RowRole).status for i in range(page.proxy().rowCount())}
    assert statuses <= {"closed"}
    assert page.proxy().rowCount() < total
    assert "of" in page.findChild(object, "count_label").text()
    combo.setCurrentIndex(0)
    first = page.model().row_at(0)
    page.set_filter_text(first.title.upper())
    assert page.proxy().rowCount() >= 1


def test_user_data_is_shown_as_plain_text_in_lists_headings_and_tooltips(qtbot: QtBot, db: Database) -> None:
    catalog.save_record(db, "companies", {"name": "<b>x</b>"})
    page = open_page(qtbot, db, COMPANIES)
    index = page.proxy().index(0, 0)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "<b>x</b>"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "<qt>&lt;b&gt;x&lt;/b&gt;</qt>"
    page.select_record("companies", page.model().row_at(0).id)
    heading = page.findChild(object, "heading")
    assert heading.textFormat() == Qt.TextFormat.PlainText
    assert "<b>x</b>" in heading.text()


def test_a_need_created_through_the_form_gets_its_suggested_teams_at_once(
    qtbot: QtBot, demo_db: Database
) -> None:
    from enact_match.ui.suggestions_panel import SuggestionsPanel

    page = open_page(qtbot, demo_db, NEEDS)
    page.new_record()
    _type(qtbot, page.form(), "title", "Reconnaissance de la parole pour nos techniciens")
    # QTest cannot type accented characters: the description is set as a paste would.
    description = page.form().editor_widget("description")
    description.setPlainText("Les techniciens dictent leurs consignes en atelier.")
    _save(qtbot, page)
    qtbot.waitUntil(lambda: page.findChild(SuggestionsPanel) is not None, timeout=10000)
    panel = page.findChild(SuggestionsPanel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0 and not panel.busy_label.isVisible(), timeout=60000)
    best = panel.model.row_at(panel.proxy.mapToSource(panel.proxy.index(0, 0)).row())
    assert best.team_name == "MULTISPEECH"  # the speech team of the demo (described in English)
    assert best.rank == 1 and best.score > 0
