"""Introduce flow: the e-mail is composed, sent through the mail client or copied; the match is introduced."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from pytestqt.qtbot import QtBot

from enact_match.services.catalog import list_matches
from enact_match.services.database import Database
from enact_match.services.pipeline import match_history
from enact_match.ui.context import AppContext
from enact_match.ui.introduce_dialog import IntroduceDialog
from tests.ui.flow_data import OFFICER, FlowData, context, flow_data, flow_db

__all__ = ["context", "flow_data", "flow_db"]


@pytest.fixture
def dialog(qtbot: QtBot, context: AppContext, flow_data: FlowData) -> IntroduceDialog:
    widget = IntroduceDialog(context, flow_data.furnace_need, flow_data.maintenance_team, score=71.6)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.introduction_composed, timeout=10000):
        widget.show()
    return widget


def test_dialog_fills_the_template_with_need_team_and_both_sides_contacts(dialog: IntroduceDialog) -> None:
    assert dialog.subject_edit.text() == "ENACT introduction: Maintenance prédictive des fours"
    body = dialog.body_edit.toPlainText()
    assert "Fonderie <b>Lorraine</b> is looking for a partner" in body
    assert "Prognostics and health management (CRAN)" in body
    assert "Match score: 72/100" in body
    assert body.rstrip().endswith("Grand E-Nov+")
    assert (
        dialog.recipients_label.text()
        == "Alain Petit <alain@cran.example>, Zoé Durand <zoe@fonderie.example>"
    )


def test_open_in_mail_client_sends_the_edited_text_and_moves_the_match_to_introduced(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, dialog: IntroduceDialog, flow_db: Database
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url).toString()) or True)
    dialog.subject_edit.setText("Mise en relation R&D")
    dialog.body_edit.setPlainText("Bonjour,\nvoici le contact.")
    with qtbot.waitSignal(dialog.match_introduced, timeout=5000):
        dialog.mail_button.click()
    url = urlsplit(opened[0])
    assert url.scheme == "mailto"
    assert parse_qs(url.query)["subject"] == ["Mise en relation R&D"]
    assert parse_qs(url.query)["body"] == ["Bonjour,\r\nvoici le contact."]
    [match] = list_matches(flow_db)
    assert (match.status, match.score) == ("introduced", 71.6)
    history = match_history(flow_db, match.id)
    assert [event.to_status for event in history] == ["suggested", "introduced"]
    assert (history[-1].author, history[-1].note) == (OFFICER, "Mise en relation R&D")
    assert dialog.result() == IntroduceDialog.DialogCode.Accepted


def test_copy_text_puts_recipients_subject_and_body_on_the_clipboard_and_records_nothing(
    dialog: IntroduceDialog, flow_db: Database
) -> None:
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Alain Petit <alain@cran.example>")
    assert "ENACT introduction: Maintenance prédictive des fours" in copied
    assert list_matches(flow_db) == []
    assert "Mark as introduced" in dialog.status_label.text()


def test_switching_to_the_french_template_recomposes_the_e_mail(
    qtbot: QtBot, dialog: IntroduceDialog
) -> None:
    with qtbot.waitSignal(dialog.introduction_composed, timeout=5000):
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("fr"))
    assert dialog.subject_edit.text() == "Mise en relation ENACT : Maintenance prédictive des fours"
    assert dialog.body_edit.toPlainText().startswith("Bonjour,")


def test_mark_as_introduced_records_the_match_without_opening_the_mail_client(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, dialog: IntroduceDialog, flow_db: Database
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: pytest.fail("mail client opened"))
    with qtbot.waitSignal(dialog.match_introduced, timeout=5000):
        dialog.introduced_button.click()
    assert [match.status for match in list_matches(flow_db)] == ["introduced"]


def test_cancel_leaves_the_database_unchanged(dialog: IntroduceDialog, flow_db: Database) -> None:
    dialog.cancel_button.click()
    assert dialog.result() == IntroduceDialog.DialogCode.Rejected
    assert list_matches(flow_db) == []
