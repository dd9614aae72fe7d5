"""Loading the demo data set (public Grand Est units and teams, fictional companies, needs and people)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from enact_match.paths import resource_path
from enact_match.services.catalog import RecordInvalidError
from enact_match.services.records import (
    KINDS,
    FieldError,
    apply_values,
    find_by_ref,
    find_structure,
    replace_publications,
)
from enact_match.storage.database import Database
from enact_match.storage.models import (
    Company,
    Contact,
    Event,
    Match,
    MatchEvent,
    Need,
    ResearchUnit,
    Team,
)


@dataclass(frozen=True)
class DemoReport:
    """How many records of each kind the demo load created or refreshed."""

    units: int
    teams: int
    companies: int
    contacts: int
    needs: int
    matches: int
    events: int = 0


class DemoDataError(ValueError):
    """The demo file is broken (a developer's mistake, reported with the record at fault)."""


def _upsert(session: Session, kind: str, model: type[Any], values: dict[str, Any]) -> Any:
    record = find_by_ref(session, kind, values["ref"]) or model()
    problems = apply_values(session, kind, record, values)
    if problems:
        raise DemoDataError(f"{kind} {values['ref']}: {RecordInvalidError(problems)}")
    session.add(record)
    session.flush()
    return record


# Keys of the demo file that differ from the field names of records.KINDS.
_RENAMED = {"unit_ref": "unit", "company_ref": "company", "created_on": "opened_on"}


def _values(kind: str, item: dict[str, Any]) -> dict[str, Any]:
    """The field values of one demo item (the same checks as an import apply to them)."""
    fields = {spec.name for spec in KINDS[kind].fields}
    values = {_RENAMED.get(key, key): value for key, value in item.items()}
    if kind == "contacts" and item.get("organisation_kind") in ("company", "team", "structure"):
        values[item["organisation_kind"]] = item.get("organisation_ref")
    return {name: value for name, value in values.items() if name in fields}


def _load_match(session: Session, item: dict[str, Any]) -> None:
    need = find_by_ref(session, "needs", item["need_ref"])
    team = find_by_ref(session, "teams", item["team_ref"])
    if need is None or team is None:
        raise DemoDataError(f"match {item['need_ref']} × {item['team_ref']}: unknown need or team")
    match = session.query(Match).filter_by(need_id=need.id, team_id=team.id).one_or_none()
    if match is None:
        match = Match(need=need, team=team)
        session.add(match)
    match.status = item["status"]
    match.collaboration_type = item.get("collaboration_type")
    match.decline_reason = item.get("decline_reason")
    match.owner = item.get("owner")
    match.notes = item.get("notes") or None
    match.events.clear()
    previous: str | None = None
    for step in item.get("history", []):
        match.events.append(
            MatchEvent(
                at=datetime.fromisoformat(step["at"]),
                author=step.get("author"),
                from_status=previous,
                to_status=step["status"],
                collaboration_type=match.collaboration_type
                if step["status"] == "collaboration_started"
                else None,
                decline_reason=match.decline_reason if step["status"] == "declined" else None,
            )
        )
        previous = step["status"]
    if match.events:
        match.created_at = match.events[0].at


def _load_event(session: Session, item: dict[str, Any]) -> None:
    """A B2B day with its participants, the requests drawn from the accepted matches, and wishes."""
    # Imported here: the welcome page imports this module at start-up, the events service is larger.
    from enact_match.services.events import (
        EventSpec,
        join_event,
        record_wish,
        requests_from_matches,
        save_event,
    )

    spec = EventSpec(
        ref=item["ref"],
        name=item["name"],
        venue=item.get("venue"),
        first_day=date.fromisoformat(item["first_day"]),
        last_day=date.fromisoformat(item["last_day"]),
        day_start=time.fromisoformat(item["day_start"]),
        day_end=time.fromisoformat(item["day_end"]),
        slot_minutes=item["slot_minutes"],
        breaks=tuple((time.fromisoformat(start), time.fromisoformat(end)) for start, end in item["breaks"]),
        tables=tuple(item["tables"]),
        max_meetings=item.get("max_meetings"),
        notes=item.get("notes"),
        structure_code=item.get("structure"),
    )
    existing = session.scalars(select(Event).where(Event.ref == spec.ref)).first()
    event = save_event(session, spec, existing)
    for participant in item["participants"]:
        kind = "company" if "company_ref" in participant else "team"
        windows = participant.get("available")
        join_event(
            session,
            event,
            kind,
            participant[f"{kind}_ref"],
            attendees=participant.get("attendees"),
            availability=None
            if windows is None
            else [(datetime.fromisoformat(start), datetime.fromisoformat(end)) for start, end in windows],
            max_meetings=participant.get("max_meetings"),
        )
    if item.get("requests_from_matches"):
        requests_from_matches(session, event)
    for wish in item.get("wishes", []):
        record_wish(
            session,
            event,
            wish["company_ref"],
            wish["team_ref"],
            wish["wish"],
            relevance=wish.get("relevance"),
        )


def load_demo(
    db: Database, path: Path | None = None, progress: Callable[[int, int], None] | None = None
) -> DemoReport:
    """Load (or refresh) the demo data set (by default the shipped one), in one transaction.

    Records are matched by reference, so loading twice does not duplicate anything.

    Args:
        progress: called with (records done, records in all) inside the transaction; an exception
            it raises (e.g. to cancel) rolls the whole load back.
    """
    path = path or resource_path("demo", "demo.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DemoDataError(f"{path}: {exc}") from exc
    data.setdefault("events", [])
    total = sum(
        len(data[section])
        for section in ("units", "teams", "companies", "contacts", "needs", "matches", "events")
    )
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    with db.writing() as session:
        for unit in data["units"]:
            _upsert(session, "units", ResearchUnit, _values("units", unit))
            tick()
        for item in data["teams"]:
            team = _upsert(session, "teams", Team, _values("teams", item))
            try:
                replace_publications(team, item.get("publications", []))
            except FieldError as exc:
                raise DemoDataError(f"team {item['ref']}: {exc}") from exc
            tick()
        for item in data["companies"]:
            _upsert(session, "companies", Company, _values("companies", item))
            tick()
        for item in data["contacts"]:
            _upsert(session, "contacts", Contact, _values("contacts", item))
            tick()
        for item in data["needs"]:
            if item.get("structure") and find_structure(session, item["structure"]) is None:
                raise DemoDataError(f"need {item['ref']}: unknown structure {item['structure']}")
            _upsert(session, "needs", Need, _values("needs", item))
            tick()
        for item in data["matches"]:
            _load_match(session, item)
            tick()
        from enact_match.services.events import EventError

        for item in data["events"]:
            try:
                _load_event(session, item)
            except EventError as exc:
                raise DemoDataError(f"event {item['ref']}: {exc}") from exc
            tick()
    return DemoReport(
        len(data["units"]),
        len(data["teams"]),
        len(data["companies"]),
        len(data["contacts"]),
        len(data["needs"]),
        len(data["matches"]),
        len(data["events"]),
    )
