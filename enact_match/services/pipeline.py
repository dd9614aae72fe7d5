"""Following matches from suggestion to collaboration: decisions, stage changes, notes, history."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from enact_match.services import audit, codes
from enact_match.services.catalog import StaleRecordError, event_rows, match_row
from enact_match.services.views import MatchEventRow, MatchRow
from enact_match.storage.database import Database
from enact_match.storage.models import Exclusion, Match, MatchEvent, Need, utc_now


class PipelineError(ValueError):
    """A pipeline change was refused; `code` is stable (`transition`, `reason_required`...)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


@dataclass(frozen=True)
class StageChange:
    """What to do with a match: the new stage and what it requires."""

    status: str
    collaboration_type: str | None = None
    decline_reason: str | None = None
    note: str | None = None


def _check(change: StageChange) -> None:
    if change.status not in codes.MATCH_STATUSES:
        raise PipelineError("status", change.status)
    if change.status == "declined" and change.decline_reason not in codes.DECLINE_REASONS:
        raise PipelineError("reason_required", str(change.decline_reason))
    if (
        change.status == "collaboration_started"
        and change.collaboration_type not in codes.COLLABORATION_TYPES
    ):
        raise PipelineError("collaboration_type_required", str(change.collaboration_type))


def _apply(match: Match, change: StageChange, author: str | None) -> None:
    previous = match.status
    if previous != change.status and change.status not in codes.MATCH_TRANSITIONS[previous]:
        raise PipelineError("transition", f"{previous} -> {change.status}")
    match.status = change.status
    if change.status == "collaboration_started":
        match.collaboration_type = change.collaboration_type
    if change.status == "declined":
        match.decline_reason = change.decline_reason
    elif previous == "declined":
        match.decline_reason = None
    match.events.append(
        MatchEvent(
            at=utc_now(),
            author=author,
            from_status=previous,
            to_status=change.status,
            collaboration_type=change.collaboration_type
            if change.status == "collaboration_started"
            else None,
            decline_reason=change.decline_reason if change.status == "declined" else None,
            note=change.note,
        )
    )
    match.updated_at = utc_now()


def record_decision(
    db: Database,
    need_id: uuid.UUID,
    team_id: uuid.UUID,
    change: StageChange,
    author: str | None,
    score: float | None = None,
    explanation: dict[str, Any] | None = None,
) -> MatchRow:
    """Act on a suggestion (shortlist, decline, introduce...): creates the match when it is new.

    The score and explanation are kept as they were at proposal time. Declining with the reason
    `already_partners` also records a company × team exclusion, so the pair is never proposed again.
    """
    _check(change)
    with db.writing() as session:
        match = session.scalars(
            select(Match).where(Match.need_id == need_id, Match.team_id == team_id)
        ).first()
        if match is None:
            match = Match(need_id=need_id, team_id=team_id, status="suggested", owner=author)
            match.score = score
            match.explanation = explanation
            match.events.append(
                MatchEvent(at=utc_now(), author=author, from_status=None, to_status="suggested")
            )
            session.add(match)
            session.flush()
            audit.record_event(session, author, "matches", match.id, "create", ("status",))
        if change.status != match.status:
            _apply(match, change, author)
            audit.record_event(session, author, "matches", match.id, "stage", _stage_fields(change))
        if change.decline_reason == "already_partners":
            _exclude_partners(session, match, author)
        session.flush()
        session.refresh(match)
        return match_row(match)


def _exclude_partners(session: Session, match: Match, author: str | None) -> None:
    company_id = session.scalar(select(Need.company_id).where(Need.id == match.need_id))
    if company_id is None:
        return
    exists = session.scalars(
        select(Exclusion).where(Exclusion.company_id == company_id, Exclusion.team_id == match.team_id)
    ).first()
    if exists is None:
        session.add(
            Exclusion(company_id=company_id, team_id=match.team_id, reason="already_partners", note=author)
        )


def _stage_fields(change: StageChange) -> list[str]:
    fields = ["status"]
    if change.status == "collaboration_started":
        fields.append("collaboration_type")
    if change.status == "declined":
        fields.append("decline_reason")
    return fields


def change_stage(
    db: Database,
    match_id: uuid.UUID,
    change: StageChange,
    author: str | None,
    expected_version: int | None = None,
) -> MatchRow:
    """Move a match to another stage, with the collaboration type or decline reason it requires.

    Args:
        expected_version: the version of the match the user was looking at; a newer one in the
            database (someone else moved it meanwhile) raises StaleRecordError and changes nothing.
    """
    _check(change)
    with db.writing() as session:
        match = session.get(Match, match_id, with_for_update=expected_version is not None or None)
        if match is None:
            raise PipelineError("unknown_match", str(match_id))
        if expected_version is not None and match.version != expected_version:
            raise StaleRecordError("matches", match_id, expected_version, match.version, match_row(match))
        _apply(match, change, author)
        audit.record_event(session, author, "matches", match.id, "stage", _stage_fields(change))
        if change.decline_reason == "already_partners":
            _exclude_partners(session, match, author)
        session.flush()
        return match_row(match)


def add_note(db: Database, match_id: uuid.UUID, text: str, author: str | None) -> MatchRow:
    """Add a dated note to a match's history."""
    if not text.strip():
        raise PipelineError("empty_note")
    with db.writing() as session:
        match = session.get(Match, match_id)
        if match is None:
            raise PipelineError("unknown_match", str(match_id))
        match.events.append(MatchEvent(at=utc_now(), author=author, note=text.strip()))
        match.updated_at = utc_now()
        audit.record_event(session, author, "matches", match.id, "note", ("history",))
        session.flush()
        return match_row(match)


def match_history(db: Database, match_id: uuid.UUID) -> tuple[MatchEventRow, ...]:
    """Every stage change and note of a match, oldest first."""
    with db.reading() as session:
        match = session.get(Match, match_id)
        if match is None:
            raise PipelineError("unknown_match", str(match_id))
        return event_rows(match)
