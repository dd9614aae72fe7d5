"""The audit log: who changed which need, match or contact, when, and which fields (never the values)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from enact_match.storage.database import Database
from enact_match.storage.models import AuditEvent, utc_now

ACTIONS = ("create", "update", "delete", "stage", "note", "import", "merge", "erase", "restore")


@dataclass(frozen=True)
class AuditRow:
    """One entry of the audit log."""

    at: datetime
    author: str | None
    kind: str
    record_id: uuid.UUID | None
    action: str
    fields: tuple[str, ...]


def record_event(
    session: Session,
    author: str | None,
    kind: str,
    record_id: uuid.UUID | None,
    action: str,
    fields: Iterable[str] = (),
) -> None:
    """Add an entry to the audit log, in the caller's transaction (it is kept only if the change is)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    session.add(
        AuditEvent(
            at=utc_now(), author=author, kind=kind, record_id=record_id, action=action, fields=sorted(fields)
        )
    )


def list_events(
    db: Database, kind: str | None = None, since: datetime | None = None, record_id: uuid.UUID | None = None
) -> list[AuditRow]:
    """The audit log, oldest first, optionally only one kind, one record, or entries from `since` on."""
    query = select(AuditEvent).order_by(AuditEvent.at)
    if kind is not None:
        query = query.where(AuditEvent.kind == kind)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if record_id is not None:
        query = query.where(AuditEvent.record_id == record_id)
    with db.reading() as session:
        return [
            AuditRow(event.at, event.author, event.kind, event.record_id, event.action, tuple(event.fields))
            for event in session.scalars(query)
        ]
