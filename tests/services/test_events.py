"""Events: slots, validation, participants, meeting requests from matches and wishes, scheduling."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

import enact_match.scheduling as scheduling
from enact_match.services import catalog, events, pipeline
from enact_match.services.catalog import StaleRecordError, Viewer
from enact_match.services.database import Database
from enact_match.services.demo import load_demo
from enact_match.services.events import EventError
from enact_match.services.pipeline import StageChange
from enact_match.storage.models import Match, Meeting
from tests.services.event_fixtures import FAIR, build_fair

PARIS = ZoneInfo("Europe/Paris")


def _hours(slots: list[events.Slot]) -> list[str]:
    return [slot.start.strftime("%d %H:%M") for slot in slots]


def test_slots_run_back_to_back_and_restart_after_the_lunch_break() -> None:
    slots = events.slots_for(
        date(2027, 3, 18), date(2027, 3, 18), time(9), time(16, 20), 20, [(time(12), time(14))], PARIS
    )
    assert len(slots) == 16
    assert _hours(slots)[8:10] == ["18 11:40", "18 14:00"]
    assert slots[-1].end == datetime(2027, 3, 18, 16, 20, tzinfo=PARIS)
    assert [slot.index for slot in slots] == list(range(16))


def test_a_slot_that_would_overlap_a_break_starts_when_the_break_ends() -> None:
    slots = events.slots_for(
        date(2027, 3, 18), date(2027, 3, 18), time(9), time(11), 20, [(time(10, 10), time(10, 30))], PARIS
    )
    assert _hours(slots) == ["18 09:00", "18 09:20", "18 09:40", "18 10:30"]


def test_every_day_of_a_multi_day_event_has_its_slots() -> None:
    slots = events.slots_for(date(2027, 3, 18), date(2027, 3, 19), time(9), time(10), 30, [], PARIS)
    assert _hours(slots) == ["18 09:00", "18 09:30", "19 09:00", "19 09:30"]


def test_creating_an_event_stores_its_settings_and_counts_its_slots(database: Database) -> None:
    row = events.create_event(database, replace(FAIR, structure_code="POLARIS"))
    assert (row.ref, row.slot_count, row.tables, row.structure_code) == (
        "EV-TEST",
        5,
        ("T1", "T2"),
        "POLARIS",
    )
    assert row.breaks == ((time(10), time(10, 20)),)
    assert [event.ref for event in events.list_events(database)] == ["EV-TEST"]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"last_day": date(2027, 3, 17)}, "days"),
        ({"day_end": time(8)}, "hours"),
        ({"slot_minutes": 2}, "slot_minutes"),
        ({"slot_minutes": 180}, "slot_minutes"),  # longer than the day: no slot at all
        ({"breaks": ((time(8), time(9, 30)),)}, "breaks"),
        ({"tables": ()}, "tables"),
        ({"tables": ("T1", "T1")}, "tables"),
        ({"name": "  "}, "required"),
        ({"max_meetings": 0}, "max_meetings"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"structure_code": "NOWHERE"}, "structure"),
    ],
)
def test_an_invalid_event_is_refused_with_its_code_and_nothing_is_stored(
    database: Database, change: dict[str, Any], code: str
) -> None:
    with pytest.raises(EventError) as caught:
        events.create_event(database, replace(FAIR, **change))
    assert caught.value.code == code
    assert events.list_events(database) == []


def test_an_event_reference_is_unique(database: Database) -> None:
    events.create_event(database, FAIR)
    with pytest.raises(EventError) as caught:
        events.create_event(database, replace(FAIR, name="Autre"))
    assert caught.value.code == "ref_taken"


def test_editing_an_event_based_on_an_old_version_is_refused(database: Database) -> None:
    row = events.create_event(database, FAIR)
    events.update_event(database, FAIR.ref, replace(FAIR, venue="Nancy"), expected_version=row.version)
    with pytest.raises(StaleRecordError):
        events.update_event(database, FAIR.ref, replace(FAIR, venue="Reims"), expected_version=row.version)
    assert events.get_event(database, FAIR.ref).venue == "Nancy"


def test_a_participant_keeps_its_availability_in_local_time(database: Database) -> None:
    companies, _teams = build_fair(database)
    window = (datetime(2027, 3, 18, 9, 20), datetime(2027, 3, 18, 10, 0))
    events.add_participant(database, FAIR.ref, "company", companies[0], availability=[window], max_meetings=1)
    row = next(p for p in events.list_participants(database, FAIR.ref) if p.ref == companies[0])
    assert row.availability == ((window[0].replace(tzinfo=PARIS), window[1].replace(tzinfo=PARIS)),)
    assert (row.max_meetings, row.attendees) == (1, None)
    assert [p.kind for p in events.list_participants(database, FAIR.ref)] == ["company"] * 3 + ["team"] * 3


def test_an_unknown_company_cannot_take_part(database: Database) -> None:
    events.create_event(database, FAIR)
    with pytest.raises(EventError) as caught:
        events.add_participant(database, FAIR.ref, "company", "C-NOPE")
    assert (caught.value.code, caught.value.detail) == ("company", "C-NOPE")


def test_a_request_needs_both_sides_to_take_part(database: Database) -> None:
    companies, _teams = build_fair(database)
    outsider = catalog.save_record(database, "teams", {"name": "Absente", "statement": "x"}).ref
    with pytest.raises(EventError) as caught:
        events.add_request(database, FAIR.ref, companies[0], outsider)
    assert caught.value.code == "not_participant"


def _match(
    database: Database, company_ref: str, team_ref: str, stage: str, score: float, **need: Any
) -> None:
    need_row = catalog.save_record(
        database, "needs", {"title": f"Besoin {team_ref}", "company": company_ref, **need}
    )
    team = next(row for row in catalog.list_teams(database) if row.ref == team_ref)
    pipeline.record_decision(database, need_row.id, team.id, StageChange(stage), None, score=score)


def test_accepted_matches_between_participants_become_requests_with_their_score(database: Database) -> None:
    companies, teams = build_fair(database)
    _match(database, companies[0], teams[0], "shortlisted", 71.0)
    _match(database, companies[0], teams[0], "introduced", 80.0)  # a second need of the same company
    _match(database, companies[1], teams[1], "suggested", 90.0)  # not accepted yet
    _match(database, companies[2], teams[2], "shortlisted", 60.0)
    report = events.request_meetings_from_matches(database, FAIR.ref)
    again = events.request_meetings_from_matches(database, FAIR.ref)
    requests = events.list_requests(database, FAIR.ref)
    assert (report.created, again.created, again.skipped) == (2, 0, 2)
    assert [(r.company_ref, r.team_ref, r.relevance, r.source) for r in requests] == [
        (companies[0], teams[0], 80.0, "suggestion"),
        (companies[2], teams[2], 60.0, "suggestion"),
    ]


def test_matches_on_needs_confidential_to_another_structure_give_no_request(database: Database) -> None:
    companies, teams = build_fair(database)
    _match(
        database,
        companies[0],
        teams[0],
        "shortlisted",
        70.0,
        confidentiality="structure",
        structure="POLARIS",
    )
    outsider = Viewer("Léa", "SEMIA")
    assert events.request_meetings_from_matches(database, FAIR.ref, viewer=outsider).created == 0
    assert (
        events.request_meetings_from_matches(database, FAIR.ref, viewer=Viewer("Eva", "POLARIS")).created == 1
    )


def test_do_not_want_forbids_the_pair_even_by_hand(database: Database) -> None:
    companies, teams = build_fair(database)
    events.set_wish(database, FAIR.ref, companies[0], teams[0], "must")
    row = events.set_wish(database, FAIR.ref, companies[0], teams[0], "not")
    assert (row.state, row.source) == ("declined", "wish")
    with pytest.raises(EventError) as caught:
        events.add_request(database, FAIR.ref, companies[0], teams[0])
    assert caught.value.code == "declined_pair"
    result = events.schedule_event(database, FAIR.ref, time_limit=5)
    assert result.placed == () and result.unplaced == ()


def _request_all(database: Database, companies: list[str], teams: list[str]) -> None:
    for i, company in enumerate(companies):
        for j, team in enumerate(teams):
            events.add_request(database, FAIR.ref, company, team, relevance=float(10 + 10 * i + j))


def _no_double_booking(placed: tuple[events.MeetingRow, ...]) -> None:
    seen: set[tuple[str, datetime]] = set()
    for meeting in placed:
        for key in (meeting.company, meeting.team, meeting.table):
            assert (key, meeting.slot_start) not in seen
            seen.add((key, meeting.slot_start))


def test_scheduling_places_every_request_without_double_booking(database: Database) -> None:
    companies, teams = build_fair(database)
    _request_all(database, companies, teams)
    result = events.schedule_event(database, FAIR.ref, time_limit=5)
    assert len(result.placed) == 9 and result.unplaced == ()
    _no_double_booking(result.placed)
    assert {meeting.status for meeting in result.placed} == {"proposed"}
    assert result.objective >= result.greedy_objective > 0
    assert result.placed == tuple(events.list_meetings(database, FAIR.ref))
    first = result.placed[0]
    assert first.slot_start == datetime(2027, 3, 18, 9, 0, tzinfo=PARIS)
    assert first.slot_start.utcoffset() == timedelta(hours=1)
    assert first.slot_end - first.slot_start == timedelta(minutes=20)
    assert first.company_attendees is not None and first.company_attendees.startswith("Directeur R&D")


def test_meetings_are_stored_in_utc(database: Database) -> None:
    companies, teams = build_fair(database)
    only_at_nine = (datetime(2027, 3, 18, 9, 0), datetime(2027, 3, 18, 9, 20))
    events.add_participant(database, FAIR.ref, "company", companies[0], availability=[only_at_nine])
    events.add_request(database, FAIR.ref, companies[0], teams[0], relevance=50)
    events.schedule_event(database, FAIR.ref, time_limit=5)
    with database.reading() as session:
        stored = session.scalars(select(Meeting.slot_start)).one()
    as_utc = stored.replace(tzinfo=UTC) if stored.tzinfo is None else stored  # SQLite gives it naive
    assert as_utc == datetime(2027, 3, 18, 8, 0, tzinfo=UTC)


def test_availability_and_the_maximum_number_of_meetings_are_honoured(database: Database) -> None:
    companies, teams = build_fair(database)
    window = (datetime(2027, 3, 18, 10, 20), datetime(2027, 3, 18, 11, 0))
    events.add_participant(database, FAIR.ref, "team", teams[0], availability=[window])
    events.add_participant(database, FAIR.ref, "company", companies[1], max_meetings=1)
    _request_all(database, companies, teams)
    result = events.schedule_event(database, FAIR.ref, time_limit=5)
    vision = [m for m in result.placed if m.team_ref == teams[0]]
    assert vision and all(m.slot_start >= window[0].replace(tzinfo=PARIS) for m in vision)
    assert len([m for m in result.placed if m.company_ref == companies[1]]) == 1
    reasons = {row.reason for row in result.unplaced}
    assert reasons and reasons <= {reason.value for reason in scheduling.Unplaced}
    assert len(result.placed) + len(result.unplaced) == 9


def test_confirmed_meetings_stay_put_after_a_late_cancellation(database: Database) -> None:
    companies, teams = build_fair(database)
    _request_all(database, companies, teams)
    first = events.schedule_event(database, FAIR.ref, time_limit=5)
    kept = {m.request_id: (m.slot_start, m.table) for m in first.placed if m.company_ref != companies[2]}
    events.confirm_meetings(
        database,
        FAIR.ref,
        [(m.company_ref or "", m.team_ref or "") for m in first.placed if m.request_id in kept],
    )
    assert events.cancel_participant(database, FAIR.ref, "company", companies[2]) == 3
    again = events.schedule_event(database, FAIR.ref, time_limit=5)
    assert {m.request_id: (m.slot_start, m.table) for m in again.placed} == kept
    assert {m.status for m in again.placed} == {"confirmed"}
    assert (again.kept, again.unpinned) == (6, 0)
    cancelled = [
        m for m in events.list_meetings(database, FAIR.ref, include_cancelled=True) if m.status == "cancelled"
    ]
    assert len(cancelled) == 3


def test_a_full_replan_may_move_confirmed_meetings_and_proposes_them_again(database: Database) -> None:
    companies, teams = build_fair(database)
    _request_all(database, companies, teams)
    events.schedule_event(database, FAIR.ref, time_limit=5)
    events.confirm_meetings(database, FAIR.ref)
    result = events.schedule_event(database, FAIR.ref, time_limit=5, keep_confirmed=False)
    assert result.kept == 0 and len(result.placed) == 9
    assert {m.status for m in result.placed} == {"proposed"}


def test_a_cancelled_meeting_frees_its_slot_and_is_not_placed_again(database: Database) -> None:
    companies, teams = build_fair(database)
    events.add_request(database, FAIR.ref, companies[0], teams[0], relevance=50)
    events.schedule_event(database, FAIR.ref, time_limit=5)
    row = events.cancel_meeting(database, FAIR.ref, companies[0], teams[0])
    result = events.schedule_event(database, FAIR.ref, time_limit=5)
    assert row.state == "cancelled" and result.placed == ()
    assert [m.status for m in events.list_meetings(database, FAIR.ref, include_cancelled=True)] == [
        "cancelled"
    ]


def test_a_schedule_is_refused_when_the_requests_changed_while_it_was_computed(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    companies, teams = build_fair(database)
    events.add_request(database, FAIR.ref, companies[0], teams[0], relevance=50)
    real_solve = scheduling.solve

    def solve_while_someone_edits(
        problem: scheduling.Problem, time_limit: float, cancelled: object = None
    ) -> scheduling.Schedule:
        events.add_request(database, FAIR.ref, companies[1], teams[1], relevance=40)
        return real_solve(problem, time_limit)

    monkeypatch.setattr(scheduling, "solve", solve_while_someone_edits)
    with pytest.raises(EventError) as caught:
        events.schedule_event(database, FAIR.ref, time_limit=5)
    assert caught.value.code == "changed_meanwhile"
    assert events.list_meetings(database, FAIR.ref) == []


def test_a_cancelled_scheduling_writes_nothing(database: Database) -> None:
    companies, teams = build_fair(database)
    events.add_request(database, FAIR.ref, companies[0], teams[0], relevance=50)
    with pytest.raises(scheduling.SolveCancelledError):
        events.schedule_event(database, FAIR.ref, time_limit=5, cancelled=lambda: True)
    assert events.list_meetings(database, FAIR.ref) == []


def test_scheduling_an_unknown_event_is_refused(database: Database) -> None:
    with pytest.raises(EventError) as caught:
        events.schedule_event(database, "EV-NOPE", time_limit=1)
    assert caught.value.code == "event"


def test_a_request_drawn_from_an_unscored_match_takes_its_score_once_the_match_is_scored(
    database: Database,
) -> None:
    companies, teams = build_fair(database)
    need = catalog.save_record(database, "needs", {"title": "Vision industrielle", "company": companies[0]})
    team = next(row for row in catalog.list_teams(database) if row.ref == teams[0])
    match = pipeline.record_decision(database, need.id, team.id, StageChange("shortlisted"), None)
    events.request_meetings_from_matches(database, FAIR.ref)
    assert events.list_requests(database, FAIR.ref)[0].relevance is None
    with database.writing() as session:
        session.get(Match, match.id).score = 64.0  # as SuggestionService.score_missing_matches does
    assert events.list_requests(database, FAIR.ref)[0].relevance == 64.0


def test_the_demo_holds_a_b2b_day_and_loading_it_twice_duplicates_nothing(database: Database) -> None:
    load_demo(database)
    (first,) = events.list_events(database)
    load_demo(database)
    (again,) = events.list_events(database)
    assert (again.slot_count, len(again.tables), again.max_meetings) == (16, 12, 8)
    assert (again.participant_count, again.request_count) == (first.participant_count, first.request_count)
    assert again.participant_count == 66 and again.request_count >= 100
    requests = events.list_requests(database, again.ref)
    assert {row.source for row in requests} == {"suggestion", "wish"}
    assert {row.priority for row in requests} == {"must", "wish", "normal"}
    assert any(row.state == "declined" for row in requests)


def test_deleting_an_event_removes_its_participants_requests_and_meetings_but_not_the_records(
    database: Database,
) -> None:
    companies, teams = build_fair(database)
    events.add_request(database, FAIR.ref, companies[0], teams[0], relevance=50)
    events.schedule_event(database, FAIR.ref, time_limit=2)
    events.delete_event(database, FAIR.ref)
    assert events.list_events(database) == []
    with database.reading() as session:
        assert session.scalars(select(Meeting)).first() is None
    assert {row.ref for row in catalog.list_companies(database)} >= set(companies)
    with pytest.raises(EventError) as error:
        events.delete_event(database, FAIR.ref)
    assert error.value.code == "event"


def test_removing_a_participant_drops_its_requests_and_meetings_only(database: Database) -> None:
    companies, teams = build_fair(database)
    events.add_request(database, FAIR.ref, companies[0], teams[0], relevance=50)
    events.add_request(database, FAIR.ref, companies[1], teams[0], relevance=40)
    events.schedule_event(database, FAIR.ref, time_limit=2)
    events.remove_participant(database, FAIR.ref, "company", companies[0])
    assert companies[0] not in {row.ref for row in events.list_participants(database, FAIR.ref)}
    assert [(row.company_ref, row.team_ref) for row in events.list_requests(database, FAIR.ref)] == [
        (companies[1], teams[0])
    ]
    assert [row.company_ref for row in events.list_meetings(database, FAIR.ref)] == [companies[1]]
    with pytest.raises(EventError) as error:
        events.remove_participant(database, FAIR.ref, "company", companies[0])
    assert error.value.code == "not_participant"
