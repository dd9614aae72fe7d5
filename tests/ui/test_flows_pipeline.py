"""Pipeline flow: matches by stage, moves with type or reason, drag and drop, notes and history, filters."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from enact_match.services.catalog import list_matches
from enact_match.services.database import Database
from enact_match.services.pipeline import StageChange, match_history, record_decision
from enact_match.ui import prompts
from enact_match.ui.context import AppContext
from enact_match.ui.introduce_dialog import IntroduceDialog
from enact_match.ui.pipeline_page import PipelinePage
from tests.ui.flow_data import OFFICER, FlowData, context, flow_data, flow_db, make_match

__all__ = ["context", "flow_data", "flow_db"]


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> PipelinePage:
    widget = PipelinePage(context)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    return widget


def _show(qtbot: QtBot, page: PipelinePage) -> None:
    with qtbot.waitSignal(page.matches_loaded, timeout=10000):
        page.show()


def _status(db: Database, match_id: uuid.UUID) -> str:
    return next(match.status for match in list_matches(db) if match.id == match_id)


def _move(qtbot: QtBot, page: PipelinePage, match_id: uuid.UUID, stage: str) -> None:
    with qtbot.waitSignal(page.matches_loaded, timeout=10000):
        page.move_match(match_id, stage)


def test_board_shows_each_match_in_its_stage_column_with_counts(
    qtbot: QtBot, qtmodeltester: object, page: PipelinePage, flow_db: Database, flow_data: FlowData
) -> None:
    make_match(flow_db, flow_data.furnace_need, flow_data.maintenance_team, "shortlisted")
    make_match(flow_db, flow_data.imaging_need, flow_data.imaging_team, "introduced")
    make_match(flow_db, flow_data.furnace_need, flow_data.robotics_team, "shortlisted")
    _show(qtbot, page)
    assert [page.count(stage) for stage in ("suggested", "shortlisted", "introduced")] == [0, 2, 1]
    assert page.columns["shortlisted"].header.text() == "Shortlisted (2)"
    assert page.total_label.text() == "3 matches"
    for model in (page.model, page.columns["shortlisted"].proxy):
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_moving_a_match_through_the_pipeline_to_collaboration_started_records_the_type(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, page: PipelinePage, flow_db: Database, flow_data: FlowData
) -> None:
    match_id = make_match(flow_db, flow_data.furnace_need, flow_data.maintenance_team, "shortlisted")

    def introduce(_parent: object, context: AppContext, need_id: uuid.UUID, team_id: uuid.UUID) -> bool:
        record_decision(context.db, need_id, team_id, StageChange("introduced"), OFFICER)
        return True

    monkeypatch.setattr(IntroduceDialog, "ask", introduce)
    asked: list[list[tuple[str, str]]] = []
    monkeypatch.setattr(prompts, "ask_choice", lambda _p, _t, _l, items: asked.append(items) or "cifre")
    _show(qtbot, page)
    _move(qtbot, page, match_id, "introduced")
    _move(qtbot, page, match_id, "meeting_held")
    _move(qtbot, page, match_id, "collaboration_started")
    assert ("cifre", "CIFRE thesis") in asked[0]
    [match] = list_matches(flow_db)
    assert (match.status, match.collaboration_type) == ("collaboration_started", "cifre")
    assert page.count("collaboration_started") == 1
    assert [event.to_status for event in match_history(flow_db, match_id)] == [
        "suggested",
        "shortlisted",
        "introduced",
        "meeting_held",
        "collaboration_started",
    ]
    assert "Collaboration: CIFRE thesis" in page.details_label.text()


def test_declining_asks_the_reason_and_cancelling_changes_nothing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, page: PipelinePage, flow_db: Database, flow_data: FlowData
) -> None:
    match_id = make_match(flow_db, flow_data.furnace_need, flow_data.maintenance_team, "shortlisted")
    _show(qtbot, page)
    monkeypatch.setattr(prompts, "ask_choice", lambda *_args: None)
    page.move_match(match_id, "declined")
    assert _status(flow_db, match_id) == "shortlisted"
    monkeypatch.setattr(prompts, "ask_choice", lambda *_args: "benefit_unclear")
    _move(qtbot, page, match_id, "declined")
    [match] = list_matches(flow_db)
    assert (match.status, match.decline_reason) == ("declined", "benefit_unclear")


def test_move_menu_offers_only_the_allowed_transitions(
    qtbot: QtBot, page: PipelinePage, flow_db: Database, flow_data: FlowData
) -> None:
    match_id = make_match(flow_db, flow_data.furnace_need, flow_data.maintenance_team, "introduced")
    _show(qtbot, page)
    with qtbot.waitSignal(page.history_loaded, timeout=5000):
        page.select_match(match_id)
    offered = [action.text() for action in page.move_menu.actions()]
    assert offered == ["Shortlisted", "Meeting held", "Declined…"]


def test_dropping_a_card_on_another_column_moves_the_match_and_forbidden_drops_are_refused(
    qtbot: QtBot, page: PipelinePage, flow_db: Database, flow_data: FlowData
) -> None:
    match_id = make_match(flow_db, flow_data.furnace_need, flow_data.maintenance_team, "shortlisted")
    _show(qtbot, page)
    source = page.columns["shortlisted"].proxy
    data = source.mimeData([source.index(0, 0)])
    forbidden = page.columns["collaboration_started"].proxy
    assert not forbidden.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    target = page.columns["introduced"].proxy
    assert target.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    target_column = page.columns["suggested"].proxy
    with qtbot.waitSignal(page.matches_loaded, timeout=10000):
        target_column.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert _status(flow_db, match_id) == "suggested"
    assert page.count("suggested") == 1 and page.count("shortlisted") == 0


def test_a_note_is_added_to_the_history_with_its_date_and_author(
    qtbot: QtBot, qtmodeltester: object, page: PipelinePage, flow_db: Database, flow_data: FlowData
) -> None:
    match_id = make_match(flow_db, flow_data.furnace_need, flow_data.maintenance_team, "shortlisted")
    _show(qtbot, page)
    with qtbot.waitSignal(page.history_loaded, timeout=5000):
        page.select_match(match_id)
    page.note_edit.setPlainText("Appel avec la fonderie : <b>RDV</b> le 12")
    with qtbot.waitSignal(page.history_loaded, timeout=5000):
        page.add_note_button.click()
    history = page.history_model
    assert history.index(0, 1).data() == f"Appel avec la fonderie : <b>RDV</b> le 12 — {OFFICER}"
    assert history.index(0, 0).data()  # the date, in the locale's short format
    assert history.index(history.rowCount() - 1, 1).data() == f"Created as Suggested — {OFFICER}"
    assert page.note_edit.toPlainText() == ""
    qtmodeltester.check(history)  # type: ignore[attr-defined]
    [event] = [event for event in match_history(flow_db, match_id) if event.note]
    assert event.author == OFFICER


def test_filters_by_structure_and_owner_narrow_every_column(
    qtbot: QtBot, page: PipelinePage, flow_db: Database, flow_data: FlowData
) -> None:
    make_match(flow_db, flow_data.furnace_need, flow_data.maintenance_team, "shortlisted")
    record_decision(
        flow_db, flow_data.imaging_need, flow_data.imaging_team, StageChange("shortlisted"), "Marc Autre"
    )
    _show(qtbot, page)
    assert page.count("shortlisted") == 2
    page.set_filters("GRAND_E_NOV", None)
    assert page.count("shortlisted") == 1
    page.set_filters(None, "Marc Autre")
    assert page.count("shortlisted") == 1
    assert page.columns["shortlisted"].proxy.index(0, 0).data().startswith("Segmentation")
    page.set_filters("GRAND_E_NOV", "Marc Autre")
    assert page.count("shortlisted") == 0
    assert page.columns["shortlisted"].header.text() == "Shortlisted (0)"
