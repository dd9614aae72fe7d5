"""The events page on the demo data: events, participants, requests, the schedule grid and the agendas."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from pytestqt.qtbot import QtBot

from enact_match.services import catalog, events
from enact_match.services.database import Database
from enact_match.services.events import EventSpec
from enact_match.ui import events_page, prompts
from enact_match.ui.event_dialog import EventDialog, RequestDialog
from enact_match.ui.events_models import RequestsModel, UnplacedModel, unplaced_reason_label
from enact_match.ui.events_page import EventsPage, parse_windows
from enact_match.ui.workers import wait_for_background_work
from tests.ui.app_fixtures import english, make_context, window_on

__all__ = ["english", "window_on"]  # fixtures
DEMO_EVENT = "EV-2027-METZ"


def _open(qtbot: QtBot, db: Database) -> EventsPage:
    page = EventsPage(make_context(db))
    qtbot.addWidget(page)
    page.resize(1300, 800)
    with qtbot.waitSignal(page.event_loaded, timeout=20000):
        page.show()
    return page


@pytest.fixture
def page(qtbot: QtBot, demo_db: Database, english: None) -> EventsPage:
    return _open(qtbot, demo_db)


def _schedule(qtbot: QtBot, page: EventsPage, seconds: int = 2) -> events.ScheduleResult:
    page.time_limit_spin.setValue(seconds)
    with qtbot.waitSignal(page.scheduled, timeout=60000) as signal:
        page.schedule_button.click()
    qtbot.waitUntil(lambda: page.grid_model.meetings() == list(signal.args[0].placed), timeout=20000)
    return signal.args[0]


def _write_and_reload(qtbot: QtBot, page: EventsPage, start: Any) -> None:
    with qtbot.waitSignal(page.data_written, timeout=60000):
        start()
    with qtbot.waitSignal(page.event_loaded, timeout=20000):
        pass


def test_the_page_lists_the_demo_event_with_its_participants_and_requests(
    page: EventsPage, demo_db: Database, qtmodeltester: Any
) -> None:
    assert [row.ref for row in page.events_model.rows()] == [DEMO_EVENT]
    assert page.title_label.text() == "Rencontres IA & Industrie Grand Est"
    assert len(page.participants_model.rows()) == len(events.list_participants(demo_db, DEMO_EVENT))
    assert page.requests_model.rows() == events.list_requests(demo_db, DEMO_EVENT)
    for model in (page.events_model, page.participants_model, page.requests_model):
        qtmodeltester.check(model)


def test_the_event_dialog_shows_the_services_refusal_in_words_then_creates_the_event(
    qtbot: QtBot, demo_db: Database, english: None
) -> None:
    dialog = EventDialog(make_context(demo_db))
    qtbot.addWidget(dialog)
    dialog.ref_edit.setText("EV-NANCY")
    dialog.name_edit.setText("Journée santé numérique")
    dialog.first_day_edit.setDate(QDate(2027, 5, 4))
    dialog.last_day_edit.setDate(QDate(2027, 5, 4))
    dialog.day_start_edit.setTime(QTime(14, 0))
    dialog.day_end_edit.setTime(QTime(10, 0))
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.error_text() != "", timeout=10000)
    assert dialog.error_text() == "The day must end after it starts."
    assert [row.ref for row in events.list_events(demo_db)] == [DEMO_EVENT]

    dialog.day_start_edit.setTime(QTime(9, 0))
    dialog.day_end_edit.setTime(QTime(12, 0))
    dialog.add_break(time(10, 20), time(10, 40))
    dialog.table_count_spin.setValue(3)
    with qtbot.waitSignal(dialog.saved, timeout=10000) as signal:
        dialog.buttons.accepted.emit()
    row = signal.args[0]
    assert (row.ref, row.tables, row.breaks) == (
        "EV-NANCY",
        ("T01", "T02", "T03"),
        ((time(10, 20), time(10, 40)),),
    )
    assert row.slot_count == 8
    assert events.get_event(demo_db, "EV-NANCY").first_day == date(2027, 5, 4)


def test_a_new_event_gets_participants_from_the_form_and_a_request_by_hand(
    qtbot: QtBot, page: EventsPage, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = EventSpec("EV-NEW", "Salon test", date(2027, 6, 1), time(9), time(11), tables=("A", "B"))
    monkeypatch.setattr(
        EventDialog, "ask", classmethod(lambda cls, *args: events.create_event(demo_db, spec))
    )
    with qtbot.waitSignal(page.event_loaded, timeout=20000):
        page.new_button.click()
    qtbot.waitUntil(lambda: page.title_label.text() == "Salon test", timeout=20000)
    company = catalog.list_companies(demo_db)[0]
    team = catalog.list_teams(demo_db)[0]
    completions = page.record_completer.model().stringList()
    assert f"{company.name} ({company.ref})" in completions

    page.record_edit.setText(f"{company.name} ({company.ref})")
    page.attendees_edit.setText("Directrice R&D")
    page.availability_edit.setText("09:00-10:00")
    _write_and_reload(qtbot, page, page.add_participant_button.click)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("team"))
    assert (page.record_edit.text(), page.attendees_edit.text()) == ("", "")  # ready for the next one
    page.record_edit.setText(team.ref)
    _write_and_reload(qtbot, page, page.add_participant_button.click)
    participants = page.participants_model.rows()
    assert [(row.kind, row.ref, row.attendees) for row in participants] == [
        ("company", company.ref, "Directrice R&D"),
        ("team", team.ref, None),
    ]
    assert participants[0].availability is not None and participants[1].availability is None

    monkeypatch.setattr(RequestDialog, "ask", classmethod(lambda cls, *args: (company.ref, team.ref, "must")))
    _write_and_reload(qtbot, page, page.add_request_button.click)
    assert [(row.company, row.team, row.priority, row.source) for row in page.requests_model.rows()] == [
        (company.name, team.name, "must", "manual")
    ]
    result = _schedule(qtbot, page)
    assert [(row.company_ref, row.team_ref) for row in result.placed] == [(company.ref, team.ref)]
    assert result.placed[0].slot_start.hour == 9  # the company only comes until 10:00


def test_a_participant_that_is_not_in_the_list_is_refused_under_the_form(page: EventsPage) -> None:
    page.record_edit.setText("Nobody at all")
    assert page.save_participant() is None
    assert page.participant_error.text() == "Choose a company or team from the list."


def test_availability_is_read_as_hours_repeated_on_every_day() -> None:
    days = [date(2027, 3, 18), date(2027, 3, 19)]
    windows = parse_windows("09:00-12:00; 14:00–16:20", days)
    assert windows is not None and len(windows) == 4
    assert {(begin.time(), end.time()) for begin, end in windows} == {
        (time(9), time(12)),
        (time(14), time(16, 20)),
    }
    assert parse_windows("  ", days) is None
    with pytest.raises(ValueError):
        parse_windows("morning", days)


def test_scheduling_the_demo_fills_the_grid_with_the_services_meetings_and_lists_the_unplaced(
    qtbot: QtBot, page: EventsPage, demo_db: Database, qtmodeltester: Any
) -> None:
    result = _schedule(qtbot, page)
    grid = page.grid_model
    assert grid.rowCount() == len(events.list_slots(demo_db, DEMO_EVENT))
    assert [grid.headerData(c, Qt.Orientation.Horizontal) for c in range(grid.columnCount())][:2] == [
        "T01",
        "T02",
    ]
    assert grid.headerData(0, Qt.Orientation.Vertical) == "09:00–09:20"
    shown = grid.meetings()
    assert (
        {row.id for row in shown}
        == {row.id for row in result.placed}
        == {row.id for row in events.list_meetings(demo_db, DEMO_EVENT)}
    )
    for slot in range(grid.rowCount()):
        cells = [grid.meeting_at(slot, table) for table in range(grid.columnCount())]
        sides = Counter(
            side for m in cells if m for side in (m.company_participant_id, m.team_participant_id)
        )
        assert all(count == 1 for count in sides.values()), f"someone is twice in slot {slot}"
    first = shown[0]
    assert grid.index(0, 0).data() is None or "↔" in grid.index(0, 0).data()
    assert f"{first.company} ↔ {first.team}" in {
        grid.index(r, c).data() for r in range(grid.rowCount()) for c in range(grid.columnCount())
    }

    assert result.unplaced, "the demo has requests that cannot all be placed"
    assert page.unplaced_model.rows() == list(result.unplaced)
    reason = page.unplaced_model.index(0, UnplacedModel.REASON).data()
    assert reason == unplaced_reason_label(result.unplaced[0].reason) != result.unplaced[0].reason
    words = page.result_label.text()
    assert f"{len(result.placed)} of {len(result.placed) + len(result.unplaced)} requests placed" in words
    assert f"Greedy baseline on the same requests: {result.greedy_placed} placed" in words
    assert page.schedule_button.text() == "Re-sc&hedule"
    for model in (grid, page.unplaced_model):
        qtmodeltester.check(model)


def test_cancel_in_the_scheduling_progress_stops_the_optimiser_and_changes_nothing(
    qtbot: QtBot, page: EventsPage, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda *args: shown.append(args[-1]))
    before = events.list_meetings(demo_db, DEMO_EVENT)
    page.time_limit_spin.setValue(30)
    task = page.schedule()
    assert task is not None
    dialog = page.findChild(QProgressDialog)
    assert dialog is not None
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None
    # the page reads the event again once the task has failed
    with qtbot.waitSignal(page.event_loaded, timeout=30000):
        cancel.click()
    assert "cancelled" in page.status_label.text()
    assert shown == []  # told in the status line, not as an error
    assert events.list_meetings(demo_db, DEMO_EVENT) == before


def test_confirmed_meetings_stay_put_when_a_participant_cancels_and_the_day_is_rescheduled(
    qtbot: QtBot, page: EventsPage, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _schedule(qtbot, page)
    monkeypatch.setattr(prompts, "confirm", lambda *args: True)
    _write_and_reload(qtbot, page, page.confirm_button.click)
    confirmed = events.list_meetings(demo_db, DEMO_EVENT)
    assert confirmed and {row.status for row in confirmed} == {"confirmed"}
    leaving = confirmed[0]
    monkeypatch.setattr(prompts, "ask_choice", lambda *args: f"company:{leaving.company_ref}")
    _write_and_reload(qtbot, page, page.cancel_participant_button.click)
    assert "meetings cancelled" in page.status_label.text()
    assert leaving.company_ref not in {m.company_ref for m in page.grid_model.meetings()}

    _schedule(qtbot, page)
    after = {row.id: row for row in events.list_meetings(demo_db, DEMO_EVENT)}
    for before in confirmed:
        if before.company_ref != leaving.company_ref:
            assert (after[before.id].slot_start, after[before.id].table) == (before.slot_start, before.table)
            assert after[before.id].status == "confirmed"


def test_selected_grid_meetings_are_the_only_ones_confirmed(
    qtbot: QtBot, page: EventsPage, demo_db: Database
) -> None:
    result = _schedule(qtbot, page)
    chosen = result.placed[0]
    row = next(
        r
        for r in range(page.grid_model.rowCount())
        for c in range(page.grid_model.columnCount())
        if page.grid_model.meeting_at(r, c) == chosen
    )
    column = next(
        c for c in range(page.grid_model.columnCount()) if page.grid_model.meeting_at(row, c) == chosen
    )
    page.grid_view.setCurrentIndex(page.grid_model.index(row, column))
    _write_and_reload(qtbot, page, page.confirm_button.click)
    statuses = {m.id: m.status for m in events.list_meetings(demo_db, DEMO_EVENT)}
    assert statuses.pop(chosen.id) == "confirmed"
    assert set(statuses.values()) == {"proposed"}
    assert page.grid_model.meeting_at(row, column).status == "confirmed"
    assert page.grid_model.index(row, column).data().startswith("✓ ")


def test_editing_a_priority_in_the_requests_table_stores_it(
    qtbot: QtBot, page: EventsPage, demo_db: Database
) -> None:
    position = next(
        n
        for n, r in enumerate(page.requests_model.rows())
        if r.priority == "normal" and r.state == "requested"
    )
    request = page.requests_model.row_at(position)
    index = page.requests_model.index(position, RequestsModel.PRIORITY)
    assert index.flags() & Qt.ItemFlag.ItemIsEditable
    _write_and_reload(qtbot, page, lambda: page.requests_model.setData(index, "must"))
    stored = {row.id: row for row in events.list_requests(demo_db, DEMO_EVENT)}
    assert stored[request.id].priority == "must"


def test_do_not_want_declines_the_selected_pair_and_its_priority_can_no_longer_be_edited(
    qtbot: QtBot, page: EventsPage, demo_db: Database
) -> None:
    position = next(n for n, r in enumerate(page.requests_model.rows()) if r.state == "requested")
    request = page.requests_model.row_at(position)
    page.requests_view.setCurrentIndex(page.requests_model.index(position, 0))
    _write_and_reload(qtbot, page, page.do_not_want_button.click)
    stored = {row.id: row for row in events.list_requests(demo_db, DEMO_EVENT)}
    assert stored[request.id].state == "declined"
    shown = next(n for n, r in enumerate(page.requests_model.rows()) if r.id == request.id)
    assert page.requests_model.index(shown, RequestsModel.STATE).data() == "Do not want"
    assert not page.requests_model.index(shown, RequestsModel.PRIORITY).flags() & Qt.ItemFlag.ItemIsEditable


def test_adding_requests_from_accepted_suggestions_reports_what_it_did(
    qtbot: QtBot, page: EventsPage, demo_db: Database
) -> None:
    before = len(events.list_requests(demo_db, DEMO_EVENT))
    _write_and_reload(qtbot, page, page.from_suggestions_button.click)
    assert page.status_label.text().startswith("0 requests added")
    assert len(page.requests_model.rows()) == before


def test_the_agendas_are_written_into_the_chosen_folder(
    qtbot: QtBot, page: EventsPage, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _schedule(qtbot, page)
    folder = tmp_path / "agendas"
    monkeypatch.setattr(events_page, "choose_folder", lambda *args: folder)
    offered: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda _parent, _title, words: offered.append(words) or False)
    with qtbot.waitSignal(page.agendas_written, timeout=120000) as signal:
        page.write_button.click()
    report = signal.args[0]
    participants = len(events.list_participants(demo_db, DEMO_EVENT))
    assert report.participants == participants
    names = {path.name for path in folder.iterdir()}
    assert {"table-plan.pdf", "schedule.csv", "schedule.xlsx"} <= names
    assert sum(name.endswith(".ics") for name in names) == participants
    assert sum(name.endswith(".pdf") for name in names) == participants + 1
    assert offered == ["Open the folder now?"]
    assert f"{len(report.files)} files written" in page.outputs_label.text()


def test_deleting_the_event_empties_the_page(
    qtbot: QtBot, page: EventsPage, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prompts, "confirm", lambda *args: True)
    with qtbot.waitSignal(page.events_loaded, timeout=20000):
        page.delete_button.click()
    qtbot.waitUntil(lambda: page.title_label.text() == "No event: create one with New…", timeout=10000)
    assert events.list_events(demo_db) == []
    assert not page.tabs.isEnabled()


def test_a_refusal_of_the_service_is_shown_in_words(
    qtbot: QtBot, page: EventsPage, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda _parent, _title, words: shown.append(words))
    events.update_event(demo_db, DEMO_EVENT, replace(_spec_of(demo_db), ref="EV-RENAMED"))
    page.schedule_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert shown == ["This event no longer exists."]
    wait_for_background_work()


def _spec_of(db: Database) -> EventSpec:
    row = events.get_event(db, DEMO_EVENT)
    return EventSpec(
        row.ref,
        row.name,
        row.first_day,
        row.day_start,
        row.day_end,
        row.last_day,
        row.venue,
        row.slot_minutes,
        row.breaks,
        row.tables,
        row.max_meetings,
        row.time_zone,
        row.notes,
        row.structure_code,
    )


def test_the_main_window_offers_the_events_page(window_on: Any, demo_db: Database) -> None:
    window = window_on(demo_db)
    assert isinstance(window.page("events"), EventsPage)
