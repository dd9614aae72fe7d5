"""The rights of the people in the database (GDPR): access (export), erasure, and the retention review.

Erasing a person deletes their contact record, replaces their name and e-mail in every free text
(match notes and history, need descriptions, team leaders...) and leaves a tombstone: hashes of
their e-mail and of their name and organisation, with the date, no personal data. Imports skip a
person a tombstone recognises, and restoring a backup erases them again (see backup.restore_backup).
The search index is rebuilt from the database, so it forgets them too.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from enact_match.services import audit
from enact_match.services.records import KINDS, fold
from enact_match.storage.database import Database
from enact_match.storage.models import (
    AuditEvent,
    Contact,
    ErasureTombstone,
    Event,
    EventParticipant,
    Exclusion,
    Match,
    MatchEvent,
    MeetingRequest,
    Need,
    Team,
    utc_now,
)

ERASED_TEXT = "[erased]"
RETENTION_YEARS = 3  # CNIL: B2B prospect data is kept 3 years after the last contact
# Free-text columns where a person may be named; erasure replaces their name and e-mail there.
_TEXT_COLUMNS = (
    (Match, "notes"),
    (Match, "owner"),
    (MatchEvent, "note"),
    (MatchEvent, "author"),
    (Need, "description"),
    (Need, "owner"),
    (Team, "leader"),
    (Team, "statement"),
    (Exclusion, "note"),
    (Event, "notes"),
    (EventParticipant, "attendees"),
    (MeetingRequest, "note"),
    (AuditEvent, "author"),
)
# Names shorter than this are not searched for in free text: they would erase unrelated words.
_MIN_NAME_LENGTH = 4


class GdprError(LookupError):
    """A request about a person was refused; `code` is stable (`unknown_contact`)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Tombstone:
    """What is kept of an erased person: hashes and a date."""

    email_hash: str | None
    identity_hash: str
    erased_on: date


@dataclass(frozen=True)
class ExportReport:
    """The files written for a person's access request."""

    ref: str | None
    json_path: Path
    csv_path: Path
    mentions: int


@dataclass(frozen=True)
class ErasureReport:
    """What an erasure changed: the record removed and the free texts rewritten."""

    ref: str | None
    texts_rewritten: int


@dataclass(frozen=True)
class RetentionRow:
    """A contact not in touch for longer than the retention period."""

    ref: str | None
    name: str
    organisation: str | None
    last_contact_on: date | None
    created_on: date
    source: str | None
    legal_basis: str | None


# --------------------------------------------------------------------------- identities


def _hash(text: str) -> str:
    return hashlib.sha256(f"enact-match-erasure:{text}".encode()).hexdigest()


def email_hash(email: str | None) -> str | None:
    """The tombstone hash of an e-mail address (None when there is none)."""
    text = (email or "").strip().casefold()
    return _hash(text) if text else None


def identity_hash(name: str, organisation: str | None) -> str:
    """The tombstone hash of a person's name and organisation (case, accents, punctuation ignored)."""
    return _hash(f"{fold(name)}|{fold(organisation or '')}")


def organisation_of(contact: Contact) -> str | None:
    """The organisation a contact belongs to: as typed, else their company's or team's name."""
    if contact.organisation:
        return contact.organisation
    if contact.company is not None:
        return contact.company.name
    if contact.team is not None:
        return contact.team.name
    return None


class ErasedPeople:
    """The tombstones of a database, to recognise erased people (e.g. in each row of an import)."""

    def __init__(self, tombstones: Iterable[Tombstone]) -> None:
        items = list(tombstones)
        self._emails = {item.email_hash for item in items if item.email_hash}
        self._identities = {item.identity_hash for item in items}

    @classmethod
    def of_session(cls, session: Session) -> ErasedPeople:
        return cls(_tombstones(session))

    def __bool__(self) -> bool:
        return bool(self._identities)

    def recognises(self, contact: Contact) -> bool:
        """True when this contact is a person who was erased."""
        address = email_hash(contact.email)
        if address is not None and address in self._emails:
            return True
        return identity_hash(contact.name or "", organisation_of(contact)) in self._identities


def _tombstones(session: Session) -> list[Tombstone]:
    return [
        Tombstone(item.email_hash, item.identity_hash, item.erased_on)
        for item in session.scalars(select(ErasureTombstone))
    ]


def read_tombstones(db: Database) -> list[Tombstone]:
    """Every erasure tombstone of the database."""
    with db.reading() as session:
        return _tombstones(session)


# --------------------------------------------------------------------------- finding a person


def _find_contact(session: Session, contact_ref: str) -> Contact:
    key = contact_ref.strip()
    query = select(Contact).options(
        selectinload(Contact.company), selectinload(Contact.team), selectinload(Contact.structure)
    )
    contact = session.scalars(query.where(Contact.ref == key)).first()
    if contact is None and "@" in key:
        contact = session.scalars(query.where(func.lower(Contact.email) == key.casefold())).first()
    if contact is None:
        raise GdprError("unknown_contact", contact_ref)
    return contact


def _identifying_words(contact: Contact) -> list[str]:
    """The e-mail and name of a contact, as searched for in free text (e-mail first: it contains no name
    that a replacement of the name would break)."""
    texts = [text.strip() for text in (contact.email, contact.name) if text and text.strip()]
    return [text for text in texts if "@" in text or len(text) >= _MIN_NAME_LENGTH]


def _mentioning(session: Session, model: Any, column: str, contact: Contact) -> list[Any]:
    """Rows of `model` whose `column` mentions the contact's name or e-mail."""
    attribute = getattr(model, column)
    words = _identifying_words(contact)
    if not words:
        return []
    condition = or_(*(func.lower(attribute).contains(word.casefold(), autoescape=True) for word in words))
    return list(session.scalars(select(model).where(condition)))


# --------------------------------------------------------------------------- access


def _contact_facts(contact: Contact) -> dict[str, Any]:
    facts: dict[str, Any] = {
        spec.name: getattr(contact, spec.name, None)
        for spec in KINDS["contacts"].fields
        if spec.kind != "ref"
    }
    facts.update(
        company=contact.company.name if contact.company else None,
        team=contact.team.name if contact.team else None,
        structure=contact.structure.code if contact.structure else None,
        organisation_shown=organisation_of(contact),
        created_at=contact.created_at,
        updated_at=contact.updated_at,
    )
    return facts


def _mentions(session: Session, contact: Contact) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for model, column in _TEXT_COLUMNS:
        if model is AuditEvent:
            continue
        for row in _mentioning(session, model, column, contact):
            item: dict[str, Any] = {"where": f"{model.__tablename__}.{column}", "text": getattr(row, column)}
            if isinstance(row, MatchEvent):
                item.update(at=row.at, author=row.author, match=str(row.match_id))
            elif hasattr(row, "ref"):
                item["record"] = row.ref
            else:
                item["record"] = str(row.id)
            if isinstance(row, EventParticipant | MeetingRequest):
                item["event"] = session.get(Event, row.event_id).ref  # type: ignore[union-attr]
            found.append(item)
    return found


def _attended(session: Session, contact: Contact) -> list[dict[str, Any]]:
    """The events at which the person attends for their company or team."""
    query = (
        select(EventParticipant)
        .where(EventParticipant.contact_id == contact.id)
        .options(selectinload(EventParticipant.event))
    )
    return [
        {
            "event": item.event.ref,
            "name": item.event.name,
            "first_day": item.event.first_day,
            "last_day": item.event.last_day,
            "venue": item.event.venue,
            "attendees": item.attendees,
        }
        for item in session.scalars(query)
    ]


def export_contact(db: Database, contact_ref: str, folder: Path) -> ExportReport:
    """Write everything held about a person (record, legal basis, source, dates, the events they attend,
    every note, attendee list or history entry mentioning them, the audit entries of their record) as
    JSON and CSV into `folder`.

    Args:
        contact_ref: the contact's reference, or their e-mail address.

    Raises:
        GdprError: `unknown_contact`.
    """
    with db.reading() as session:
        contact = _find_contact(session, contact_ref)
        history = session.scalars(
            select(AuditEvent).where(AuditEvent.record_id == contact.id).order_by(AuditEvent.at)
        )
        content = {
            "exported_at": utc_now(),
            "contact": _contact_facts(contact),
            "mentions": _mentions(session, contact),
            "events": _attended(session, contact),
            "changes": [
                {"at": event.at, "author": event.author, "action": event.action, "fields": event.fields}
                for event in history
            ],
        }
        ref = contact.ref
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / f"gdpr-{ref or 'contact'}"
    json_path, csv_path = base.with_suffix(".json"), base.with_suffix(".csv")
    json_path.write_text(json.dumps(content, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("section", "field", "value"))
        for name, value in content["contact"].items():
            writer.writerow(("contact", name, _csv_text(value)))
        for number, mention in enumerate(content["mentions"], start=1):
            for name, value in mention.items():
                writer.writerow((f"mention {number}", name, _csv_text(value)))
        for number, attended in enumerate(content["events"], start=1):
            for name, value in attended.items():
                writer.writerow((f"event {number}", name, _csv_text(value)))
        for number, change in enumerate(content["changes"], start=1):
            for name, value in change.items():
                writer.writerow((f"change {number}", name, _csv_text(value)))
    return ExportReport(ref, json_path, csv_path, len(content["mentions"]))


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    text = value.isoformat() if isinstance(value, date | datetime) else str(value)
    # A cell a spreadsheet would run as a formula gets a leading quote (OWASP).
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


# --------------------------------------------------------------------------- erasure


def erase_in_session(session: Session, contact: Contact, author: str | None) -> int:
    """Erase one contact inside the caller's transaction (a request here, or one arriving in a bundle).

    Returns the number of free-text fields rewritten because they named the person.
    """
    patterns = [re.compile(re.escape(word), re.IGNORECASE) for word in _identifying_words(contact)]
    rewritten = 0
    for model, column in _TEXT_COLUMNS:
        for row in _mentioning(session, model, column, contact):
            text = getattr(row, column)
            for pattern in patterns:
                text = pattern.sub(ERASED_TEXT, text)
            setattr(row, column, text)
            rewritten += 1
    known = {(item.email_hash, item.identity_hash) for item in _tombstones(session)}
    tombstone = (email_hash(contact.email), identity_hash(contact.name, organisation_of(contact)))
    if tombstone not in known:
        session.add(
            ErasureTombstone(email_hash=tombstone[0], identity_hash=tombstone[1], erased_on=utc_now().date())
        )
    contact_id = contact.id
    session.delete(contact)
    audit.record_event(session, author, "contacts", contact_id, "erase")
    return rewritten


def erase_contact(db: Database, contact_ref: str, author: str | None = None) -> ErasureReport:
    """Erase a person everywhere, in one transaction, and remember the erasure (tombstone).

    Raises:
        GdprError: `unknown_contact`.
    """
    with db.writing() as session:
        contact = _find_contact(session, contact_ref)
        ref = contact.ref
        rewritten = erase_in_session(session, contact, author)
    return ErasureReport(ref, rewritten)


def reapply_tombstones(db: Database, tombstones: Iterable[Tombstone]) -> int:
    """Make sure every person of `tombstones` is erased (after a restore); returns how many were erased
    again. The tombstones themselves are added where missing."""
    items = list(tombstones)
    if not items:
        return 0
    erased = ErasedPeople(items)
    with db.writing() as session:
        known = {(item.email_hash, item.identity_hash) for item in _tombstones(session)}
        for item in items:
            if (item.email_hash, item.identity_hash) not in known:
                session.add(
                    ErasureTombstone(
                        email_hash=item.email_hash, identity_hash=item.identity_hash, erased_on=item.erased_on
                    )
                )
                known.add((item.email_hash, item.identity_hash))
        session.flush()
        query = select(Contact).options(selectinload(Contact.company), selectinload(Contact.team))
        again = [contact for contact in session.scalars(query) if erased.recognises(contact)]
        for contact in again:
            erase_in_session(session, contact, None)
    return len(again)


# --------------------------------------------------------------------------- retention review


def retention_review(
    db: Database, years: int = RETENTION_YEARS, today: date | None = None
) -> list[RetentionRow]:
    """Contacts not in touch for more than `years` (never contacted: created that long ago), oldest first."""
    cutoff = (today or utc_now().date()) - timedelta(days=round(365.25 * years))
    with db.reading() as session:
        query = select(Contact).options(selectinload(Contact.company), selectinload(Contact.team))
        rows = []
        for contact in session.scalars(query):
            created = contact.created_at.date()
            last = contact.last_contact_on
            if (last or created) < cutoff:
                rows.append(
                    RetentionRow(
                        contact.ref,
                        contact.name,
                        organisation_of(contact),
                        last,
                        created,
                        contact.source,
                        contact.legal_basis,
                    )
                )
    return sorted(rows, key=lambda row: (row.last_contact_on or row.created_on, row.name))
