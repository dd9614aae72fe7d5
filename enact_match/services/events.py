"""Trade fairs and B2B meeting days: events, participants, meeting requests and their schedule.

An event's days are cut into slots from its daily hours, slot length and breaks (the same on every
day). Participants are companies and teams with their availability; meeting requests come from
accepted suggestions (matches past the suggestion stage), from participants' wishes ("must meet",
"would like", "do not want" — which forbids the pair) and by hand. `schedule_event` hands the open
requests to `enact_match.scheduling` (the optimiser and its greedy baseline) and stores the meetings
in one transaction; confirmed meetings keep their slot and table unless a full re-plan is asked for.

Times of day are wall-clock times at the venue (the event's time zone); meetings are stored in UTC.
Structure visibility: requests drawn from matches, and relevance computed from needs, only use the
needs the viewer may see (`catalog.need_visibility`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

# SolveCancelledError is part of this module's interface (schedule_event raises it); the scheduling
# package itself is light (OR-Tools is imported when a schedule is solved)
from enact_match.scheduling import SolveCancelledError as SolveCancelledError
from enact_match.services.catalog import StaleRecordError, Viewer, need_visibility
from enact_match.services.records import find_by_ref, find_structure
from enact_match.storage.database import Database
from enact_match.storage.models import (
    Event,
    EventParticipant,
    Match,
    Meeting,
    MeetingRequest,
    Need,
)

if TYPE_CHECKING:  # the engine (scipy) loads only when suggestions are asked for, not at start-up
    from enact_match.services.suggestions import SuggestionService

# Closed vocabularies (stable codes; `ui/` turns them into words).
PRIORITIES = ("must", "wish", "normal")
SOURCES = ("suggestion", "wish", "manual")
REQUEST_STATES = ("requested", "declined", "cancelled")
MEETING_STATUSES = ("proposed", "confirmed", "cancelled")
WISHES = ("must", "wish", "not")  # must meet, would like, do not want
PARTICIPANT_KINDS = ("company", "team")
# Matches the officer accepted: every stage past the suggestion, except a declined one.
ACCEPTED_STAGES = ("shortlisted", "introduced", "meeting_held", "collaboration_started")
MIN_SLOT_MINUTES, MAX_SLOT_MINUTES = 5, 240
DEFAULT_TIME_ZONE = "Europe/Paris"
_LOCAL_MINUTE = "%Y-%m-%dT%H:%M"


class EventError(ValueError):
    """An event operation was refused; `code` is stable, `detail` names the value at fault.

    Codes: `event` (unknown reference), `ref_taken`, `required` (detail: the field), `days`
    (last day before the first), `hours` (day ends before it starts), `slot_minutes`, `breaks`,
    `tables`, `max_meetings`, `time_zone`, `structure`, `kind` (neither "company" nor "team"),
    `company`/`team` (unknown reference), `not_participant`, `contact` (not a contact of that
    participant), `availability`, `priority`, `relevance`, `wish`, `declined_pair` (the pair said "do not
    want"), `no_request`, `no_meeting`, `time_limit`, `changed_meanwhile` (the requests changed while
    the schedule was computed: run it again).
    """

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


# --------------------------------------------------------------------------- plain results


@dataclass(frozen=True)
class EventSpec:
    """What an officer enters for an event (to create it or to replace its settings)."""

    ref: str
    name: str
    first_day: date
    day_start: time
    day_end: time
    last_day: date | None = None  # None: a one-day event
    venue: str | None = None
    slot_minutes: int = 20
    breaks: tuple[tuple[time, time], ...] = ()
    tables: tuple[str, ...] = ()
    max_meetings: int | None = None
    time_zone: str = DEFAULT_TIME_ZONE
    notes: str | None = None
    structure_code: str | None = None


@dataclass(frozen=True)
class Slot:
    """One meeting slot; `start` and `end` are aware datetimes in the event's time zone."""

    index: int
    start: datetime
    end: datetime


@dataclass(frozen=True)
class EventRow:
    """An event as lists and forms show it."""

    id: uuid.UUID
    ref: str
    name: str
    venue: str | None
    first_day: date
    last_day: date
    day_start: time
    day_end: time
    slot_minutes: int
    breaks: tuple[tuple[time, time], ...]
    tables: tuple[str, ...]
    max_meetings: int | None
    time_zone: str
    notes: str | None
    structure_code: str | None
    slot_count: int
    participant_count: int
    request_count: int
    meeting_count: int
    version: int


@dataclass(frozen=True)
class ParticipantRow:
    """A company or team at an event; `availability` None means always available."""

    id: uuid.UUID
    kind: str  # "company" or "team"
    ref: str | None
    name: str
    attendees: str | None
    contact_name: str | None
    availability: tuple[tuple[datetime, datetime], ...] | None
    max_meetings: int | None
    version: int


@dataclass(frozen=True)
class RequestRow:
    """A meeting request between a company and a team."""

    id: uuid.UUID
    company_ref: str | None
    company: str
    team_ref: str | None
    team: str
    priority: str
    source: str
    relevance: float | None
    state: str


@dataclass(frozen=True)
class MeetingRow:
    """A scheduled meeting, with both sides' names and who attends (local times)."""

    id: uuid.UUID
    request_id: uuid.UUID
    slot_start: datetime
    slot_end: datetime
    table: str
    status: str
    company_ref: str | None
    company: str
    company_attendees: str | None
    team_ref: str | None
    team: str
    team_attendees: str | None
    relevance: float | None
    priority: str
    company_participant_id: uuid.UUID
    team_participant_id: uuid.UUID
    version: int  # grows each time the meeting moves or changes status (calendar SEQUENCE)


@dataclass(frozen=True)
class UnplacedRow:
    """A request the schedule could not place, and why (`enact_match.scheduling.Unplaced` codes)."""

    request_id: uuid.UUID
    company_ref: str | None
    company: str
    team_ref: str | None
    team: str
    priority: str
    relevance: float | None
    reason: str


@dataclass(frozen=True)
class EventSchedule:
    """Everything the printed agendas, calendars and table plans need, read in one unit of work."""

    event: EventRow
    slots: tuple[Slot, ...]
    participants: tuple[ParticipantRow, ...]
    meetings: tuple[MeetingRow, ...]  # cancelled ones included (calendars must drop them)


@dataclass(frozen=True)
class RequestsReport:
    """What drawing requests from matches or wishes did."""

    created: int
    updated: int
    skipped: int


@dataclass(frozen=True)
class ScheduleResult:
    """A stored schedule: placed meetings, unplaced requests with reasons, and the figures.

    `objective` is the optimiser's (priority-weighted points); `relevance_total` sums the relevance of
    the placed meetings. The `greedy_` figures are the greedy baseline's on the same problem.
    `kept` counts confirmed meetings that stayed put, `unpinned` those that could not stay (their
    slot, table or availability is gone) and were placed again.
    """

    event_ref: str
    placed: tuple[MeetingRow, ...]
    unplaced: tuple[UnplacedRow, ...]
    objective: float
    method: str
    optimal: bool
    seconds: float
    relevance_total: float
    greedy_objective: float
    greedy_placed: int
    greedy_relevance_total: float
    kept: int
    unpinned: int


# --------------------------------------------------------------------------- slots


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise EventError("time_zone", name) from exc


def slots_for(
    first_day: date,
    last_day: date,
    day_start: time,
    day_end: time,
    slot_minutes: int,
    breaks: Iterable[tuple[time, time]],
    zone: ZoneInfo,
) -> list[Slot]:
    """The slots of every day: back to back from `day_start`, restarting after each break.

    A slot that would overlap a break starts at the break's end instead; the last slot of a day ends
    at `day_end` at the latest.
    """
    length = timedelta(minutes=slot_minutes)
    ordered = sorted(breaks)
    slots: list[Slot] = []
    day = first_day
    while day <= last_day:
        start = datetime.combine(day, day_start)
        end_of_day = datetime.combine(day, day_end)
        pauses = [(datetime.combine(day, begin), datetime.combine(day, end)) for begin, end in ordered]
        while start + length <= end_of_day:
            overlap = next((p for p in pauses if start < p[1] and p[0] < start + length), None)
            if overlap is not None:
                start = overlap[1]
                continue
            slots.append(Slot(len(slots), start.replace(tzinfo=zone), (start + length).replace(tzinfo=zone)))
            start += length
        day += timedelta(days=1)
    return slots


def event_slots(event: Event) -> list[Slot]:
    """The slots of a stored event."""
    return slots_for(
        event.first_day,
        event.last_day,
        event.day_start,
        event.day_end,
        event.slot_minutes,
        _breaks(event.breaks),
        _zone(event.timezone),
    )


def _breaks(stored: Sequence[Sequence[str]] | None) -> tuple[tuple[time, time], ...]:
    return tuple((time.fromisoformat(begin), time.fromisoformat(end)) for begin, end in stored or ())


def _as_utc(moment: datetime) -> datetime:
    """A stored datetime as aware UTC (SQLite gives it back naive)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# --------------------------------------------------------------------------- events


def _check_spec(session: Session, spec: EventSpec) -> Any:
    """Validate a spec; returns the structure it names (or None)."""
    if not spec.ref.strip():
        raise EventError("required", "ref")
    if not spec.name.strip():
        raise EventError("required", "name")
    last_day = spec.last_day or spec.first_day
    if last_day < spec.first_day:
        raise EventError("days", f"{spec.first_day} > {last_day}")
    if spec.day_end <= spec.day_start:
        raise EventError("hours", f"{spec.day_start} >= {spec.day_end}")
    if not MIN_SLOT_MINUTES <= spec.slot_minutes <= MAX_SLOT_MINUTES:
        raise EventError("slot_minutes", str(spec.slot_minutes))
    for begin, end in spec.breaks:
        if end <= begin or begin < spec.day_start or end > spec.day_end:
            raise EventError("breaks", f"{begin}-{end}")
    names = [name.strip() for name in spec.tables]
    if not names or any(not name for name in names) or len(set(names)) != len(names):
        raise EventError("tables", ", ".join(spec.tables))
    if spec.max_meetings is not None and spec.max_meetings < 1:
        raise EventError("max_meetings", str(spec.max_meetings))
    zone = _zone(spec.time_zone)
    if not slots_for(
        spec.first_day, last_day, spec.day_start, spec.day_end, spec.slot_minutes, spec.breaks, zone
    ):
        raise EventError("slot_minutes", str(spec.slot_minutes))
    structure = None
    if spec.structure_code:
        structure = find_structure(session, spec.structure_code)
        if structure is None:
            raise EventError("structure", spec.structure_code)
    return structure


def _apply_spec(event: Event, spec: EventSpec, structure: Any) -> None:
    event.ref = spec.ref.strip()
    event.name = spec.name.strip()
    event.venue = (spec.venue or "").strip() or None
    event.first_day = spec.first_day
    event.last_day = spec.last_day or spec.first_day
    event.day_start, event.day_end = spec.day_start, spec.day_end
    event.slot_minutes = spec.slot_minutes
    event.breaks = [[begin.strftime("%H:%M"), end.strftime("%H:%M")] for begin, end in sorted(spec.breaks)]
    event.tables = [name.strip() for name in spec.tables]
    event.max_meetings = spec.max_meetings
    event.timezone = spec.time_zone
    event.notes = (spec.notes or "").strip() or None
    event.structure = structure


def save_event(session: Session, spec: EventSpec, event: Event | None = None) -> Event:
    """Create an event from a spec, or give `event` the spec's settings, within a unit of work.

    Raises EventError (`ref_taken` or a validation code).
    """
    structure = _check_spec(session, spec)
    taken = select(Event.id).where(Event.ref == spec.ref.strip())
    if event is not None:
        taken = taken.where(Event.id != event.id)
    if session.scalar(taken) is not None:
        raise EventError("ref_taken", spec.ref)
    if event is None:
        event = Event()
        session.add(event)
    _apply_spec(event, spec, structure)
    session.flush()
    return event


def create_event(db: Database, spec: EventSpec) -> EventRow:
    """Create an event. Raises EventError (`ref_taken` or a validation code)."""
    with db.writing() as session:
        return _event_row(session, save_event(session, spec))


def update_event(db: Database, ref: str, spec: EventSpec, expected_version: int | None = None) -> EventRow:
    """Replace an event's settings (its reference may change too).

    Meetings already placed stay; a meeting whose slot or table no longer exists is placed again by
    the next schedule.

    Raises:
        EventError: `event`, `ref_taken` or a validation code.
        StaleRecordError: `expected_version` is not the stored one (someone saved meanwhile).
    """
    with db.writing() as session:
        event = _event(session, ref)
        if expected_version is not None and event.version != expected_version:
            current = _event_row(session, event)
            raise StaleRecordError("events", event.id, expected_version, event.version, current)
        return _event_row(session, save_event(session, spec, event))


def list_events(db: Database) -> list[EventRow]:
    """Every event, the most recent first."""
    with db.reading() as session:
        events = session.scalars(select(Event).order_by(Event.first_day.desc(), Event.ref))
        return [_event_row(session, event) for event in events]


def get_event(db: Database, ref: str) -> EventRow:
    """One event. Raises EventError `event` for an unknown reference."""
    with db.reading() as session:
        return _event_row(session, _event(session, ref))


def list_slots(db: Database, ref: str) -> list[Slot]:
    """The slots of an event. Raises EventError `event` for an unknown reference."""
    with db.reading() as session:
        return event_slots(_event(session, ref))


def delete_event(db: Database, ref: str) -> None:
    """Delete an event with its participants, requests and meetings (the records they name stay).

    Raises EventError `event` for an unknown reference.
    """
    with db.writing() as session:
        session.delete(_event(session, ref))


def _event(session: Session, ref: str) -> Event:
    event = session.scalars(select(Event).where(Event.ref == ref)).first()
    if event is None:
        raise EventError("event", ref)
    return event


def _count(session: Session, model: Any, event_id: uuid.UUID, *conditions: Any) -> int:
    return (
        session.scalar(select(func.count()).select_from(model).where(model.event_id == event_id, *conditions))
        or 0
    )


def _event_row(session: Session, event: Event) -> EventRow:
    return EventRow(
        event.id,
        event.ref,
        event.name,
        event.venue,
        event.first_day,
        event.last_day,
        event.day_start,
        event.day_end,
        event.slot_minutes,
        _breaks(event.breaks),
        tuple(event.tables or ()),
        event.max_meetings,
        event.timezone,
        event.notes,
        event.structure.code if event.structure else None,
        len(event_slots(event)),
        _count(session, EventParticipant, event.id),
        _count(session, MeetingRequest, event.id, MeetingRequest.state == "requested"),
        _count(session, Meeting, event.id, Meeting.status != "cancelled"),
        event.version,
    )


# --------------------------------------------------------------------------- participants


def _local_minute(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone) if moment.tzinfo is not None else moment
    return local.strftime(_LOCAL_MINUTE)


def _windows(
    stored: Sequence[Sequence[str]] | None, zone: ZoneInfo
) -> tuple[tuple[datetime, datetime], ...] | None:
    if stored is None:
        return None
    return tuple(
        (datetime.fromisoformat(begin).replace(tzinfo=zone), datetime.fromisoformat(end).replace(tzinfo=zone))
        for begin, end in stored
    )


def _membership(session: Session, event: Event, kind: str, ref: str) -> tuple[Any, EventParticipant | None]:
    """The company or team with this reference, and its participation in the event (or None)."""
    if kind not in PARTICIPANT_KINDS:
        raise EventError("kind", kind)
    record = find_by_ref(session, "companies" if kind == "company" else "teams", ref)
    if record is None:
        raise EventError(kind, ref)
    column = EventParticipant.company_id if kind == "company" else EventParticipant.team_id
    participant = session.scalars(
        select(EventParticipant).where(EventParticipant.event_id == event.id, column == record.id)
    ).first()
    return record, participant


def _participant(session: Session, event: Event, kind: str, ref: str) -> EventParticipant:
    participant = _membership(session, event, kind, ref)[1]
    if participant is None:
        raise EventError("not_participant", ref)
    return participant


def join_event(
    session: Session,
    event: Event,
    kind: str,
    ref: str,
    *,
    attendees: str | None = None,
    availability: Sequence[tuple[datetime, datetime]] | None = None,
    max_meetings: int | None = None,
    contact_ref: str | None = None,
) -> EventParticipant:
    """`add_participant` within a unit of work."""
    zone = _zone(event.timezone)
    record, participant = _membership(session, event, kind, ref)
    if max_meetings is not None and max_meetings < 1:
        raise EventError("max_meetings", str(max_meetings))
    windows = (
        None
        if availability is None
        else [[_local_minute(begin, zone), _local_minute(end, zone)] for begin, end in availability]
    )
    for begin, end in windows or ():
        if end <= begin:  # local "YYYY-MM-DDTHH:MM" strings sort as the times they name
            raise EventError("availability", f"{begin}-{end}")
    contact = None
    if contact_ref:
        contact = find_by_ref(session, "contacts", contact_ref)
        owner = None if contact is None else (contact.company_id if kind == "company" else contact.team_id)
        if contact is None or owner != record.id:
            raise EventError("contact", contact_ref)
    if participant is None:
        participant = EventParticipant(event=event)
        if kind == "company":
            participant.company = record
        else:
            participant.team = record
        session.add(participant)
    participant.attendees = (attendees or "").strip() or None
    participant.availability = windows
    participant.max_meetings = max_meetings
    participant.contact = contact
    session.flush()
    return participant


def add_participant(
    db: Database,
    event_ref: str,
    kind: str,
    ref: str,
    *,
    attendees: str | None = None,
    availability: Sequence[tuple[datetime, datetime]] | None = None,
    max_meetings: int | None = None,
    contact_ref: str | None = None,
) -> ParticipantRow:
    """Add a company or team to an event, or replace its attendance details if it is there already.

    Args:
        availability: windows (local or aware datetimes) in which it can meet; None: always.
        contact_ref: the contact who attends for it (a contact of the same company or team).

    Raises:
        EventError: `event`, `kind`, `company`/`team`, `availability`, `max_meetings` or `contact`.
    """
    with db.writing() as session:
        event = _event(session, event_ref)
        participant = join_event(
            session,
            event,
            kind,
            ref,
            attendees=attendees,
            availability=availability,
            max_meetings=max_meetings,
            contact_ref=contact_ref,
        )
        return _participant_row(participant, _zone(event.timezone))


def remove_participant(db: Database, event_ref: str, kind: str, ref: str) -> None:
    """Take a company or team off an event, with its requests and meetings (before the day; a late
    withdrawal is `cancel_participant`, which keeps them as cancelled).

    Raises:
        EventError: `event`, `kind`, `company`/`team` or `not_participant`.
    """
    with db.writing() as session:
        session.delete(_participant(session, _event(session, event_ref), kind, ref))


def list_participants(db: Database, event_ref: str) -> list[ParticipantRow]:
    """The companies, then the teams, of an event, by name."""
    with db.reading() as session:
        return _participant_rows(session, _event(session, event_ref))


def _participant_rows(session: Session, event: Event) -> list[ParticipantRow]:
    zone = _zone(event.timezone)
    participants = session.scalars(
        select(EventParticipant)
        .where(EventParticipant.event_id == event.id)
        .options(
            selectinload(EventParticipant.company),
            selectinload(EventParticipant.team),
            selectinload(EventParticipant.contact),
        )
    )
    rows = [_participant_row(participant, zone) for participant in participants]
    return sorted(rows, key=lambda row: (row.kind != "company", row.name.casefold()))


def _side(participant: EventParticipant) -> tuple[str, str | None, str]:
    """Kind, reference and name of a participant."""
    if participant.company is not None:
        return "company", participant.company.ref, participant.company.name
    assert participant.team is not None
    return "team", participant.team.ref, participant.team.name


def _participant_row(participant: EventParticipant, zone: ZoneInfo) -> ParticipantRow:
    kind, ref, name = _side(participant)
    return ParticipantRow(
        participant.id,
        kind,
        ref,
        name,
        participant.attendees,
        participant.contact.name if participant.contact else None,
        _windows(participant.availability, zone),
        participant.max_meetings,
        participant.version,
    )


# --------------------------------------------------------------------------- requests


def _check_priority(priority: str) -> None:
    if priority not in PRIORITIES:
        raise EventError("priority", priority)


def _pair(
    session: Session, event: Event, company_ref: str, team_ref: str
) -> tuple[EventParticipant, EventParticipant]:
    return _participant(session, event, "company", company_ref), _participant(
        session, event, "team", team_ref
    )


def _find_request(
    session: Session, company: EventParticipant, team: EventParticipant
) -> MeetingRequest | None:
    return session.scalars(
        select(MeetingRequest).where(
            MeetingRequest.company_participant_id == company.id,
            MeetingRequest.team_participant_id == team.id,
        )
    ).first()


def pair_relevance(
    session: Session,
    service: SuggestionService | None,
    company_id: uuid.UUID,
    team_id: uuid.UUID,
    viewer: Viewer | None,
) -> float | None:
    """How relevant a company × team meeting is: the best engine score (0–100) of the company's
    needs the viewer may see against the team; None without a service or without such needs."""
    if service is None:
        return None
    needs = list(
        session.scalars(select(Need.id).where(Need.company_id == company_id, need_visibility(viewer)))
    )
    if not needs:
        return None
    engine = service.sync()
    scores = []
    for need_id in needs:
        try:
            scores.append(engine.score_pair(str(need_id), str(team_id), explain=False).score)
        except KeyError:  # a need or team saved after the engine's last sync
            continue
    return max(scores, default=None)


def _set_relevance(
    session: Session,
    request: MeetingRequest,
    relevance: float | None,
    service: SuggestionService | None,
    viewer: Viewer | None,
) -> None:
    """Give a request the relevance asked for, or else, if it has none, the engine's."""
    if relevance is not None:
        request.relevance = relevance
    elif request.relevance is None:
        company, team = request.company_participant, request.team_participant
        assert company.company_id is not None and team.team_id is not None
        request.relevance = pair_relevance(session, service, company.company_id, team.team_id, viewer)


def add_request(
    db: Database,
    event_ref: str,
    company_ref: str,
    team_ref: str,
    *,
    priority: str = "normal",
    relevance: float | None = None,
    note: str | None = None,
    service: SuggestionService | None = None,
    viewer: Viewer | None = None,
) -> RequestRow:
    """Ask by hand for a meeting between a participating company and team.

    Without `relevance`, the engine's score is used when `service` is given. A request that exists
    already gets the new priority; a cancelled one is asked again.

    Raises:
        EventError: `event`, `company`/`team`, `not_participant`, `priority`, `relevance` or
            `declined_pair` (the pair said "do not want": change the wish first).
    """
    _check_priority(priority)
    if relevance is not None and not 0 <= relevance <= 100:
        raise EventError("relevance", str(relevance))
    with db.writing() as session:
        event = _event(session, event_ref)
        company, team = _pair(session, event, company_ref, team_ref)
        request = _find_request(session, company, team)
        if request is not None and request.state == "declined":
            raise EventError("declined_pair", f"{company_ref} × {team_ref}")
        if request is None:
            request = MeetingRequest(
                event_id=event.id, company_participant=company, team_participant=team, source="manual"
            )
            session.add(request)
        request.priority = priority
        request.state = "requested"
        request.note = (note or "").strip() or request.note
        _set_relevance(session, request, relevance, service, viewer)
        session.flush()
        return _request_row(request)


def record_wish(
    session: Session,
    event: Event,
    company_ref: str,
    team_ref: str,
    wish: str,
    *,
    relevance: float | None = None,
    service: SuggestionService | None = None,
    viewer: Viewer | None = None,
) -> MeetingRequest:
    """`set_wish` within a unit of work; `relevance` None: the engine's, when a service is given."""
    if wish not in WISHES:
        raise EventError("wish", wish)
    company, team = _pair(session, event, company_ref, team_ref)
    request = _find_request(session, company, team)
    if request is None:
        request = MeetingRequest(
            event_id=event.id, company_participant=company, team_participant=team, source="wish"
        )
        session.add(request)
    _set_relevance(session, request, relevance, service, viewer)
    if wish == "not":
        request.state = "declined"
        session.flush()
        _cancel_meeting_of(session, request)
    else:
        request.state = "requested"
        request.priority = wish
    session.flush()
    return request


def set_wish(
    db: Database,
    event_ref: str,
    company_ref: str,
    team_ref: str,
    wish: str,
    *,
    service: SuggestionService | None = None,
    viewer: Viewer | None = None,
) -> RequestRow:
    """Record a participant's wish about meeting the other side.

    "must" and "wish" ask for the meeting with that priority; "not" (do not want) forbids the pair:
    the request is declined and a meeting already placed for it is cancelled.

    Raises:
        EventError: `event`, `company`/`team`, `not_participant` or `wish`.
    """
    with db.writing() as session:
        event = _event(session, event_ref)
        return _request_row(
            record_wish(session, event, company_ref, team_ref, wish, service=service, viewer=viewer)
        )


def requests_from_matches(
    session: Session,
    event: Event,
    *,
    service: SuggestionService | None = None,
    viewer: Viewer | None = None,
    stages: Sequence[str] = ACCEPTED_STAGES,
) -> RequestsReport:
    """`request_meetings_from_matches` within a unit of work."""
    participants = list(
        session.scalars(select(EventParticipant).where(EventParticipant.event_id == event.id))
    )
    companies = {p.company_id: p for p in participants if p.company_id is not None}
    teams = {p.team_id: p for p in participants if p.team_id is not None}
    best: dict[tuple[uuid.UUID, uuid.UUID], Match] = {}
    matches = session.scalars(
        select(Match)
        .join(Need, Match.need_id == Need.id)
        .where(
            Match.status.in_(stages),
            Need.company_id.in_(companies),
            Match.team_id.in_(teams),
            need_visibility(viewer),
        )
        .options(selectinload(Match.need))
    )
    for match in matches:
        assert match.need.company_id is not None
        key = (match.need.company_id, match.team_id)
        known = best.get(key)
        if known is None or (match.score or 0) > (known.score or 0):
            best[key] = match
    created = updated = skipped = 0
    for (company_id, team_id), match in sorted(best.items(), key=lambda item: str(item[0])):
        company, team = companies[company_id], teams[team_id]
        request = _find_request(session, company, team)
        relevance = match.score
        if relevance is None:
            relevance = pair_relevance(session, service, company_id, team_id, viewer)
        if request is None:
            session.add(
                MeetingRequest(
                    event_id=event.id,
                    company_participant=company,
                    team_participant=team,
                    source="suggestion",
                    priority="normal",
                    state="requested",
                    relevance=relevance,
                    match_id=match.id,
                )
            )
            created += 1
        elif request.relevance is None and relevance is not None:
            request.relevance = relevance
            request.match_id = request.match_id or match.id
            updated += 1
        else:
            skipped += 1
    return RequestsReport(created, updated, skipped)


def request_meetings_from_matches(
    db: Database,
    event_ref: str,
    *,
    service: SuggestionService | None = None,
    viewer: Viewer | None = None,
    stages: Sequence[str] = ACCEPTED_STAGES,
) -> RequestsReport:
    """Ask for a meeting for every accepted match whose company and team both take part.

    A pair that has several matches (several needs of the company) gets one request, linked to the
    best-scored match. Existing requests keep their priority and state; only a missing relevance is
    filled in. Matches on needs the viewer may not see are left out. A request without a relevance
    of its own takes its match's score (see `request_relevance`).
    """
    with db.writing() as session:
        event = _event(session, event_ref)
        return requests_from_matches(session, event, service=service, viewer=viewer, stages=stages)


def list_requests(db: Database, event_ref: str) -> list[RequestRow]:
    """Every request of an event (all states), must-meet first, then by relevance."""
    with db.reading() as session:
        event = _event(session, event_ref)
        rows = [_request_row(request) for request in _requests(session, event.id)]
    order = {priority: index for index, priority in enumerate(PRIORITIES)}
    return sorted(rows, key=lambda row: (order[row.priority], -(row.relevance or 0), row.company, row.team))


def _requests(session: Session, event_id: uuid.UUID, *conditions: Any) -> list[MeetingRequest]:
    return list(
        session.scalars(
            select(MeetingRequest)
            .where(MeetingRequest.event_id == event_id, *conditions)
            .options(
                selectinload(MeetingRequest.company_participant).selectinload(EventParticipant.company),
                selectinload(MeetingRequest.team_participant).selectinload(EventParticipant.team),
                selectinload(MeetingRequest.match),
            )
        )
    )


def _names(request: MeetingRequest) -> tuple[str | None, str, str | None, str]:
    _kind, company_ref, company = _side(request.company_participant)
    _kind, team_ref, team = _side(request.team_participant)
    return company_ref, company, team_ref, team


def request_relevance(request: MeetingRequest) -> float | None:
    """A request's relevance: its own, else the score of the match it was drawn from (scored later)."""
    if request.relevance is not None:
        return request.relevance
    return request.match.score if request.match is not None else None


def _request_row(request: MeetingRequest) -> RequestRow:
    return RequestRow(
        request.id,
        *_names(request),
        request.priority,
        request.source,
        request_relevance(request),
        request.state,
    )


# --------------------------------------------------------------------------- late changes


def _cancel_meeting_of(session: Session, request: MeetingRequest) -> bool:
    meeting = session.scalars(select(Meeting).where(Meeting.request_id == request.id)).first()
    if meeting is None or meeting.status == "cancelled":
        return False
    meeting.status = "cancelled"
    return True


def cancel_meeting(db: Database, event_ref: str, company_ref: str, team_ref: str) -> RequestRow:
    """Cancel one meeting late: its request is cancelled and its slot freed for the next schedule.

    Raises:
        EventError: `event`, `company`/`team`, `not_participant` or `no_request`.
    """
    with db.writing() as session:
        event = _event(session, event_ref)
        company, team = _pair(session, event, company_ref, team_ref)
        request = _find_request(session, company, team)
        if request is None:
            raise EventError("no_request", f"{company_ref} × {team_ref}")
        if request.state == "requested":
            request.state = "cancelled"
        _cancel_meeting_of(session, request)
        session.flush()
        return _request_row(request)


def cancel_participant(db: Database, event_ref: str, kind: str, ref: str) -> int:
    """A participant withdraws late: each of its open requests and meetings is cancelled.

    Returns:
        How many meetings were cancelled.
    """
    with db.writing() as session:
        event = _event(session, event_ref)
        participant = _participant(session, event, kind, ref)
        column = (
            MeetingRequest.company_participant_id if kind == "company" else MeetingRequest.team_participant_id
        )
        cancelled = 0
        for request in session.scalars(select(MeetingRequest).where(column == participant.id)):
            if request.state == "requested":
                request.state = "cancelled"
            cancelled += _cancel_meeting_of(session, request)
        return cancelled


def confirm_meetings(db: Database, event_ref: str, pairs: Sequence[tuple[str, str]] | None = None) -> int:
    """Confirm proposed meetings (all of them, or those of the given (company, team) references).

    Confirmed meetings keep their slot and table when the event is scheduled again.

    Raises:
        EventError: `event`, `company`/`team`, `not_participant` or `no_meeting`.
    """
    with db.writing() as session:
        event = _event(session, event_ref)
        if pairs is None:
            meetings = list(
                session.scalars(
                    select(Meeting).where(Meeting.event_id == event.id, Meeting.status == "proposed")
                )
            )
        else:
            meetings = []
            for company_ref, team_ref in pairs:
                request = _find_request(session, *_pair(session, event, company_ref, team_ref))
                meeting = (
                    None
                    if request is None
                    else session.scalars(select(Meeting).where(Meeting.request_id == request.id)).first()
                )
                if meeting is None or meeting.status == "cancelled":
                    raise EventError("no_meeting", f"{company_ref} × {team_ref}")
                meetings.append(meeting)
        for meeting in meetings:
            meeting.status = "confirmed"
        return len(meetings)


# --------------------------------------------------------------------------- schedule


def list_meetings(db: Database, event_ref: str, include_cancelled: bool = False) -> list[MeetingRow]:
    """The meetings of an event by time and table (local times of the event)."""
    with db.reading() as session:
        event = _event(session, event_ref)
        return _meeting_rows(session, event, include_cancelled)


def read_schedule(db: Database, event_ref: str) -> EventSchedule:
    """The event, its slots, participants and meetings (cancelled ones too), consistently read.

    Raises EventError `event` for an unknown reference.
    """
    with db.reading() as session:
        event = _event(session, event_ref)
        return EventSchedule(
            _event_row(session, event),
            tuple(event_slots(event)),
            tuple(_participant_rows(session, event)),
            tuple(_meeting_rows(session, event, include_cancelled=True)),
        )


def _meeting_rows(session: Session, event: Event, include_cancelled: bool = False) -> list[MeetingRow]:
    zone = _zone(event.timezone)
    conditions = [] if include_cancelled else [Meeting.status != "cancelled"]
    meetings = session.scalars(
        select(Meeting)
        .where(Meeting.event_id == event.id, *conditions)
        .options(
            selectinload(Meeting.request)
            .selectinload(MeetingRequest.company_participant)
            .selectinload(EventParticipant.company),
            selectinload(Meeting.request)
            .selectinload(MeetingRequest.team_participant)
            .selectinload(EventParticipant.team),
            selectinload(Meeting.request).selectinload(MeetingRequest.match),
        )
    )
    tables = {name: index for index, name in enumerate(event.tables or ())}
    rows = []
    for meeting in meetings:
        request = meeting.request
        company_ref, company, team_ref, team = _names(request)
        rows.append(
            MeetingRow(
                meeting.id,
                request.id,
                _as_utc(meeting.slot_start).astimezone(zone),
                _as_utc(meeting.slot_end).astimezone(zone),
                meeting.table_label,
                meeting.status,
                company_ref,
                company,
                request.company_participant.attendees,
                team_ref,
                team,
                request.team_participant.attendees,
                request_relevance(request),
                request.priority,
                request.company_participant_id,
                request.team_participant_id,
                meeting.version,
            )
        )
    return sorted(rows, key=lambda row: (row.slot_start, tables.get(row.table, len(tables)), row.table))


@dataclass(frozen=True)
class _Plan:
    """What `schedule_event` read: the problem, the slots and a fingerprint of the inputs."""

    problem: Any
    slots: list[Slot]
    tables: tuple[str, ...]
    fingerprint: tuple[Any, ...]
    unpinned: int


def _available_slots(
    windows: tuple[tuple[datetime, datetime], ...] | None, slots: list[Slot]
) -> frozenset[int] | None:
    if windows is None:
        return None
    return frozenset(
        slot.index for slot in slots if any(begin <= slot.start and slot.end <= end for begin, end in windows)
    )


def _fingerprint(session: Session, event: Event) -> tuple[Any, ...]:
    """What the schedule depends on: the event, participants, requests and meetings, with versions."""
    rows: list[Any] = [event.version]
    for model in (EventParticipant, MeetingRequest, Meeting):
        rows.append(
            sorted(session.execute(select(model.id, model.version).where(model.event_id == event.id)).all())
        )
    return tuple(str(row) for row in rows)


def _read_plan(session: Session, event: Event, keep_confirmed: bool) -> _Plan:
    from enact_match.scheduling import Participant, Placement, Priority, Problem, Request

    zone = _zone(event.timezone)
    slots = event_slots(event)
    by_start = {slot.start.astimezone(UTC): slot.index for slot in slots}
    tables = tuple(event.tables or ())
    participants = list(
        session.scalars(select(EventParticipant).where(EventParticipant.event_id == event.id))
    )
    available = {p.id: _available_slots(_windows(p.availability, zone), slots) for p in participants}

    def as_participant(participant: EventParticipant) -> Any:
        cap = participant.max_meetings if participant.max_meetings is not None else event.max_meetings
        return Participant(str(participant.id), available[participant.id], cap)

    requests = _requests(session, event.id, MeetingRequest.state == "requested")
    pinned: dict[str, Any] = {}
    unpinned = 0
    if keep_confirmed:
        confirmed = session.scalars(
            select(Meeting).where(Meeting.event_id == event.id, Meeting.status == "confirmed")
        )
        open_requests = {request.id: request for request in requests}
        for meeting in confirmed:
            request = open_requests.get(meeting.request_id)
            slot = by_start.get(_as_utc(meeting.slot_start))
            fits = (
                request is not None
                and slot is not None
                and meeting.table_label in tables
                and all(
                    available[side] is None or slot in available[side]  # type: ignore[operator]
                    for side in (request.company_participant_id, request.team_participant_id)
                )
            )
            if fits:
                pinned[str(meeting.request_id)] = Placement(
                    str(meeting.request_id), slot, tables.index(meeting.table_label)
                )
            else:
                unpinned += 1
    problem = Problem(
        slot_count=len(slots),
        table_count=len(tables),
        companies=tuple(as_participant(p) for p in participants if p.company_id is not None),
        teams=tuple(as_participant(p) for p in participants if p.team_id is not None),
        requests=tuple(
            Request(
                str(request.id),
                str(request.company_participant_id),
                str(request.team_participant_id),
                float(request_relevance(request) or 0.0),
                Priority(request.priority),
            )
            for request in sorted(requests, key=lambda request: str(request.id))
        ),
        pinned=pinned,
    )
    return _Plan(problem, slots, tables, _fingerprint(session, event), unpinned)


def _store(session: Session, event: Event, plan: _Plan, schedule: Any) -> None:
    """Write the schedule's placements as meetings; open requests it could not place lose theirs."""
    placements = {uuid.UUID(placement.request): placement for placement in schedule.placements}
    open_requests = {uuid.UUID(request.key) for request in plan.problem.requests}
    meetings = {m.request_id: m for m in session.scalars(select(Meeting).where(Meeting.event_id == event.id))}
    for request_id, meeting in meetings.items():
        if request_id not in open_requests:
            meeting.status = "cancelled"  # its request was cancelled or declined meanwhile
        elif request_id not in placements:
            session.delete(meeting)
    for request_id, placement in placements.items():
        slot = plan.slots[placement.slot]
        meeting = meetings.get(request_id)
        if meeting is None:
            meeting = Meeting(event_id=event.id, request_id=request_id)
            session.add(meeting)
        pinned = str(request_id) in plan.problem.pinned
        meeting.slot_start = slot.start.astimezone(UTC)
        meeting.slot_end = slot.end.astimezone(UTC)
        meeting.table_label = plan.tables[placement.table]
        if not pinned or meeting.status != "confirmed":
            meeting.status = "proposed"


def schedule_event(
    db: Database,
    event_ref: str,
    time_limit: float = 10.0,
    keep_confirmed: bool = True,
    cancelled: Callable[[], bool] | None = None,
) -> ScheduleResult:
    """Place the open requests of an event in slots and at tables, and store the meetings.

    The optimiser (`enact_match.scheduling.solve`) maximises total relevance with priorities; the
    greedy baseline runs on the same problem for comparison. The database is only read while the
    optimiser works; the meetings are then written in one transaction, refused if the requests
    changed meanwhile.

    Args:
        time_limit: seconds the optimiser may take.
        keep_confirmed: confirmed meetings stay where they are (False: re-plan every meeting; the
            meetings placed again are proposed, to be confirmed again).
        cancelled: checked while the optimiser works; when it turns True, the optimiser stops and
            nothing is written.

    Raises:
        EventError: `event`, `time_limit` or `changed_meanwhile`.
        SolveCancelledError: `cancelled()` turned True.
        enact_match.scheduling.ProblemError: stored meetings contradict each other (a bug or a bad merge).
    """
    from enact_match.scheduling import solve, solve_greedy

    if not time_limit > 0:
        raise EventError("time_limit", str(time_limit))
    with db.reading() as session:
        event = _event(session, event_ref)
        plan = _read_plan(session, event, keep_confirmed)
    greedy = solve_greedy(plan.problem)
    schedule = solve(plan.problem, time_limit, cancelled)
    with db.writing() as session:
        event = _event(session, event_ref)
        if _fingerprint(session, event) != plan.fingerprint:
            raise EventError("changed_meanwhile", event_ref)
        _store(session, event, plan, schedule)
        relevance = {request.key: request.relevance for request in plan.problem.requests}
        session.flush()
        placed = tuple(_meeting_rows(session, event))
        requests = {str(request.id): request for request in _requests(session, event.id)}
        unplaced = tuple(
            UnplacedRow(
                request.id, *_names(request), request.priority, request_relevance(request), str(reason)
            )
            for key, reason in sorted(schedule.unplaced.items())
            for request in (requests[key],)
        )
        return ScheduleResult(
            event.ref,
            placed,
            tuple(sorted(unplaced, key=lambda row: (PRIORITIES.index(row.priority), -(row.relevance or 0)))),
            schedule.objective,
            schedule.method,
            schedule.optimal,
            schedule.seconds,
            sum(relevance[placement.request] for placement in schedule.placements),
            greedy.objective,
            len(greedy.placements),
            sum(relevance[placement.request] for placement in greedy.placements),
            len(plan.problem.pinned),
            plan.unpinned,
        )
