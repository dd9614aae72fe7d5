"""Quick capture: a visit typed with the keyboard alone, the top 5 teams, the brief, the next visitor."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from enact_match.config import Settings
from enact_match.services import catalog
from enact_match.services.database import Database
from enact_match.storage.models import Contact
from enact_match.ui import exports_ui, prompts
from enact_match.ui.context import AppContext, viewer_of
from enact_match.ui.quick_capture import QuickCaptureDialog
from enact_match.ui.workers import wait_for_background_work
from tests.ui.app_fixtures import english, window_on

__all__ = ["english", "window_on"]

OFFICER = Settings(user_name="Julie Martin", user_structure="POLARIS")
EVENT = "Salon Industrie du Futur Metz"


class Keyboard:
    """Sends keys to whichever widget has the focus, as a person would, and counts them."""

    def __init__(self, qtbot: QtBot) -> None:
        self._qtbot = qtbot
        self.characters = 0  # letters typed into fields
        self.presses = 0  # every other key: Tab, Enter, Space, arrows, shortcuts

    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, words: str) -> None:
        self._qtbot.keyClicks(self.focused(), words)
        self.characters += len(words)

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self._qtbot.keyClick(self.focused(), key, modifier)
        self.presses += 1


@pytest.fixture
def dialog(
    qtbot: QtBot, demo_db: Database, english: None, monkeypatch: pytest.MonkeyPatch
) -> Iterator[QuickCaptureDialog]:
    # No message box may wait for a click nobody makes: an unexpected error fails the test, and
    # closing the dialog when the test ends discards what the test left typed.
    monkeypatch.setattr(prompts, "show_error", lambda _parent, title, words: pytest.fail(f"{title}: {words}"))
    monkeypatch.setattr(prompts, "confirm", lambda *_args: True)
    QSettings().setValue("quick_capture/source", EVENT)  # remembered from the previous visitor
    widget = QuickCaptureDialog(AppContext(demo_db, OFFICER, viewer_of(OFFICER)))
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.has_company_index, timeout=20000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.company_edit, timeout=5000)
    yield widget
    wait_for_background_work()


def _type_visit(keys: Keyboard, dialog: QuickCaptureDialog, gdpr: bool = True) -> None:
    """A visitor from a demo company, typed in the order of the conversation."""
    keys.type("alumetal")
    assert dialog.company_hits_shown()[0].label.startswith("Alumétal Rhin-Est")
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)  # takes the existing company; the cursor moves to the person
    for words in ("Marc Weber", "Directeur R&D", "m.weber@alumetal.example", "03 88 00 00 00"):
        keys.type(words)
        keys.press(Qt.Key.Key_Tab)
    if gdpr:
        keys.press(Qt.Key.Key_Space)  # GDPR information given
    keys.press(Qt.Key.Key_Tab)
    keys.type("Controle qualite des pieces de fonderie par vision")
    keys.press(Qt.Key.Key_Tab)
    keys.type("Detection de defauts de surface par camera et apprentissage profond")


def _save(qtbot: QtBot, keys: Keyboard, dialog: QuickCaptureDialog) -> None:
    with qtbot.waitSignal(dialog.visit_saved, timeout=30000):
        keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_a_whole_visit_is_captured_with_the_keyboard_alone_and_shows_the_top_five_teams(
    qtbot: QtBot, qtmodeltester: object, dialog: QuickCaptureDialog, demo_db: Database
) -> None:
    keys = Keyboard(qtbot)
    _type_visit(keys, dialog)
    _save(qtbot, keys, dialog)

    # Ten keys besides the text typed; every key went to the focused widget, never to a chosen one.
    assert keys.presses == 10
    assert keys.characters < 200
    result = dialog.saved_result()
    assert result is not None and not result.company_created and result.contact_created
    model = dialog.teams_model
    assert model.rowCount() == 5
    scores = [model.row_at(row).score for row in range(5)]
    assert scores == sorted(scores, reverse=True)
    assert dialog.teams_table.isVisible()
    assert result.need_ref in dialog.results_title.text()
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    with demo_db.reading() as session:
        contact = session.get(Contact, result.contact_id)
        assert contact is not None and contact.company is not None
        assert contact.company.name == "Alumétal Rhin-Est"
        assert (contact.name, contact.role, contact.phone) == (
            "Marc Weber",
            "Directeur R&D",
            "03 88 00 00 00",
        )
        assert (contact.source, contact.informed_on, contact.captured_by) == (
            EVENT,
            date.today(),
            "Julie Martin",
        )
    need = catalog.get_row(demo_db, "needs", result.need_id)
    assert need.description.startswith("Detection de defauts")
    assert keys.focused() is dialog.next_button  # Enter now starts the next visitor


def test_next_visitor_clears_the_visitor_keeps_the_event_and_returns_to_the_company(
    qtbot: QtBot, dialog: QuickCaptureDialog
) -> None:
    keys = Keyboard(qtbot)
    _type_visit(keys, dialog)
    _save(qtbot, keys, dialog)
    keys.press(Qt.Key.Key_Return)

    assert dialog.saved_result() is None
    assert keys.focused() is dialog.company_edit
    visit = dialog.visit()
    assert (visit.company_name, visit.contact_name, visit.need_title, visit.gdpr_informed) == (
        "",
        "",
        "",
        False,
    )
    assert visit.company_id is None
    assert (visit.source, visit.captured_by, visit.legal_basis) == (
        EVENT,
        "Julie Martin",
        "legitimate_interest",
    )
    assert dialog.teams_model.rowCount() == 0
    assert not dialog.has_unsaved_input()


def test_the_event_defaults_are_remembered_for_the_next_session(
    qtbot: QtBot, dialog: QuickCaptureDialog, demo_db: Database
) -> None:
    dialog.captured_by_edit.setText("Paul Durand")
    dialog.legal_basis_box.setCurrentIndex(dialog.legal_basis_box.findData("consent"))
    keys = Keyboard(qtbot)
    _type_visit(keys, dialog)
    _save(qtbot, keys, dialog)

    again = QuickCaptureDialog(AppContext(demo_db, OFFICER, viewer_of(OFFICER)))
    qtbot.addWidget(again)
    visit = again.visit()
    assert (visit.source, visit.captured_by, visit.legal_basis) == (EVENT, "Paul Durand", "consent")


def test_a_contact_without_the_gdpr_information_is_refused_and_nothing_is_written(
    qtbot: QtBot, dialog: QuickCaptureDialog, demo_db: Database
) -> None:
    before = catalog.count_records(demo_db)
    keys = Keyboard(qtbot)
    _type_visit(keys, dialog, gdpr=False)
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.is_saving() and dialog.gdpr_error.isVisible(), timeout=30000)

    assert dialog.saved_result() is None
    assert "told how their data" in dialog.gdpr_error.text()
    assert keys.focused() is dialog.gdpr_check  # the cursor waits on the box to tick
    assert catalog.count_records(demo_db) == before
    keys.press(Qt.Key.Key_Space)
    _save(qtbot, keys, dialog)
    assert catalog.count_records(demo_db)["needs"] == before["needs"] + 1


def test_enter_in_a_field_saves_and_a_refused_value_is_shown_next_to_it(
    qtbot: QtBot, dialog: QuickCaptureDialog, demo_db: Database
) -> None:
    keys = Keyboard(qtbot)
    keys.type("Nouvelle Entreprise")
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_Tab)
    keys.type("123456789")  # a SIREN with a wrong checksum
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.is_saving() and bool(dialog.problems_label.text()), timeout=30000)

    assert "checksum" in dialog.company_form.error_text("siren")
    assert dialog.need_form.error_text("title")  # the need's title is required too
    assert keys.focused() is dialog.company_form.editor_widget("siren")
    assert catalog.count_records(demo_db)["companies"] == len(catalog.list_companies(demo_db))
    assert not [row for row in catalog.list_companies(demo_db) if row.name == "Nouvelle Entreprise"]


def test_print_brief_writes_the_pdf_of_the_saved_need(
    qtbot: QtBot, dialog: QuickCaptureDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "fiche-salon.pdf"
    monkeypatch.setattr(exports_ui, "choose_pdf_file", lambda _parent, _title, _name: (target, "fr"))
    offered: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda _parent, _title, words: offered.append(words) and False)
    failed: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda _parent, _title, words: failed.append(words))
    keys = Keyboard(qtbot)
    _type_visit(keys, dialog)
    _save(qtbot, keys, dialog)
    keys.press(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(offered or failed), timeout=60000)

    assert failed == []
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in offered[0]


def test_escape_asks_before_losing_a_typed_visitor_and_closes_at_once_otherwise(
    qtbot: QtBot, dialog: QuickCaptureDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [False, True]
    asked: list[str] = []
    monkeypatch.setattr(
        prompts, "confirm", lambda _parent, _title, words: asked.append(words) or answers.pop(0)
    )
    keys = Keyboard(qtbot)
    keys.type("Fonderie")
    keys.press(Qt.Key.Key_Escape)  # closes the completion list first
    keys.press(Qt.Key.Key_Escape)
    assert dialog.isVisible() and len(asked) == 1  # kept: the user said no
    keys.press(Qt.Key.Key_Escape)
    assert not dialog.isVisible() and len(asked) == 2

    dialog.next_visitor()
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.company_edit, timeout=5000)
    keys.press(Qt.Key.Key_Escape)
    assert not dialog.isVisible() and len(asked) == 2  # nothing typed: no question


def test_ctrl_shift_n_opens_the_quick_capture_from_the_main_window(
    qtbot: QtBot, window_on: object, demo_db: Database
) -> None:
    window = window_on(demo_db)  # type: ignore[operator]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    qtbot.keyClick(
        window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = window.findChild(QuickCaptureDialog)
    assert dialog is not None and dialog.isVisible()
    assert window.open_quick_capture() is dialog  # one form, shown again
