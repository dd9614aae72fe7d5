"""SQLAlchemy 2 typed models of ENACT Match: companies, units, teams, needs, contacts, matches."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

# Stable constraint names, so that migrations can alter them on SQLite and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    """The current time in UTC (the only time zone stored)."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base with the shared naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class RecordMixin:
    """UUID key, creation and update stamps, and a version counter (optimistic concurrency)."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, onupdate=utc_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # A stale update (another user saved the record meanwhile) raises StaleDataError.
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Structure(Base):
    """An innovation structure of the region (reference data seeded by a migration)."""

    __tablename__ = "structures"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))


class Company(RecordMixin, Base):
    """A company that expresses needs."""

    __tablename__ = "companies"
    ref: Mapped[str | None] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    legal_form: Mapped[str | None] = mapped_column(String(40))
    siren: Mapped[str | None] = mapped_column(String(9), index=True)
    naf: Mapped[str | None] = mapped_column(String(10))
    size_class: Mapped[str | None] = mapped_column(String(3))
    city: Mapped[str | None] = mapped_column(String(120))
    department: Mapped[str | None] = mapped_column(String(3))
    website: Mapped[str | None] = mapped_column(String(300))

    needs: Mapped[list[Need]] = relationship(back_populates="company")


class ResearchUnit(RecordMixin, Base):
    """A public research unit (laboratory)."""

    __tablename__ = "research_units"
    ref: Mapped[str | None] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    acronym: Mapped[str | None] = mapped_column(String(40))
    unit_code: Mapped[str | None] = mapped_column(String(40))
    rnsr_id: Mapped[str | None] = mapped_column(String(20), index=True)
    institutions: Mapped[list[str]] = mapped_column(JSON, default=list)
    institutions_other: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(120))

    teams: Mapped[list[Team]] = relationship(back_populates="unit")


class Team(RecordMixin, Base):
    """A research team inside a unit, with its competencies and evidence."""

    __tablename__ = "teams"
    ref: Mapped[str | None] = mapped_column(String(80), unique=True)
    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("research_units.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(300))
    acronym: Mapped[str | None] = mapped_column(String(40))
    leader: Mapped[str | None] = mapped_column(String(200))
    statement: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    axes: Mapped[list[int]] = mapped_column(JSON, default=list)
    platforms: Mapped[str | None] = mapped_column(Text)
    cifre_open: Mapped[bool] = mapped_column(Boolean, default=True)

    unit: Mapped[ResearchUnit | None] = relationship(back_populates="teams")
    publications: Mapped[list[Publication]] = relationship(
        back_populates="team", cascade="all, delete-orphan", order_by="Publication.year.desc()"
    )


class Publication(RecordMixin, Base):
    """A publication of a team: evidence for matching."""

    __tablename__ = "publications"
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text)
    abstract: Mapped[str] = mapped_column(Text, default="")
    year: Mapped[int | None] = mapped_column(Integer)
    venue: Mapped[str | None] = mapped_column(String(300))
    doi: Mapped[str | None] = mapped_column(String(200))
    hal_id: Mapped[str | None] = mapped_column(String(60))

    team: Mapped[Team] = relationship(back_populates="publications")


class Need(RecordMixin, Base):
    """An R&D need of a company (or an anonymous one)."""

    __tablename__ = "needs"
    ref: Mapped[str | None] = mapped_column(String(80), unique=True)
    company_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("companies.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    axes: Mapped[list[int]] = mapped_column(JSON, default=list)
    trl: Mapped[int | None] = mapped_column(Integer)
    horizon: Mapped[str | None] = mapped_column(String(80))
    budget: Mapped[str | None] = mapped_column(String(80))
    data_available: Mapped[str] = mapped_column(String(20), default="none")
    confidentiality: Mapped[str] = mapped_column(String(20), default="network")
    structure_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("structures.id", ondelete="SET NULL"))
    owner: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="open")
    opened_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)

    company: Mapped[Company | None] = relationship(back_populates="needs")
    structure: Mapped[Structure | None] = relationship()


class Contact(RecordMixin, Base):
    """A person at a company, a team, a unit or a structure, with the GDPR facts about the record."""

    __tablename__ = "contacts"
    ref: Mapped[str | None] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    organisation: Mapped[str | None] = mapped_column(String(300))
    company_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("companies.id", ondelete="SET NULL"))
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("research_units.id", ondelete="SET NULL"))
    structure_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("structures.id", ondelete="SET NULL"))
    source: Mapped[str | None] = mapped_column(String(200))
    legal_basis: Mapped[str | None] = mapped_column(String(40))
    informed_on: Mapped[date | None] = mapped_column(Date)
    last_contact_on: Mapped[date | None] = mapped_column(Date)
    captured_by: Mapped[str | None] = mapped_column(String(120))  # who captured it (GDPR record)

    company: Mapped[Company | None] = relationship()
    team: Mapped[Team | None] = relationship()
    unit: Mapped[ResearchUnit | None] = relationship()
    structure: Mapped[Structure | None] = relationship()


class Match(RecordMixin, Base):
    """A need × team pair followed from suggestion to collaboration."""

    __tablename__ = "matches"
    __table_args__ = (UniqueConstraint("need_id", "team_id", name="uq_matches_need_team"),)
    need_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    score: Mapped[float | None] = mapped_column(Float)
    explanation: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(30), default="suggested")
    collaboration_type: Mapped[str | None] = mapped_column(String(30))
    decline_reason: Mapped[str | None] = mapped_column(String(30))
    owner: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)

    need: Mapped[Need] = relationship()
    team: Mapped[Team] = relationship()
    events: Mapped[list[MatchEvent]] = relationship(
        back_populates="match", cascade="all, delete-orphan", order_by="MatchEvent.at"
    )


class MatchEvent(Base):
    """One change in a match's history: a status change or a dated note."""

    __tablename__ = "match_events"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    author: Mapped[str | None] = mapped_column(String(200))
    from_status: Mapped[str | None] = mapped_column(String(30))
    to_status: Mapped[str | None] = mapped_column(String(30))
    collaboration_type: Mapped[str | None] = mapped_column(String(30))
    decline_reason: Mapped[str | None] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(Text)

    match: Mapped[Match] = relationship(back_populates="events")


class Exclusion(RecordMixin, Base):
    """A company × team pair that must not be suggested (already partners, competitor, conflict)."""

    __tablename__ = "exclusions"
    __table_args__ = (UniqueConstraint("company_id", "team_id", name="uq_exclusions_company_team"),)
    company_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(Text)


class ImportMapping(Base):
    """A column mapping chosen for a kind of file, remembered by the fingerprint of its header.

    `columns` lists, for each column of the header, the field it fills (None: ignored).
    """

    __tablename__ = "import_mappings"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    header: Mapped[list[str]] = mapped_column(JSON)
    columns: Mapped[list[str | None]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, onupdate=utc_now)


class AuditEvent(Base):
    """One change to a record: when, by whom, which kind and record, what action, which fields.

    Field names only, never values: the log itself holds no personal data about contacts.
    """

    __tablename__ = "audit_events"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    author: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    record_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    action: Mapped[str] = mapped_column(String(20))
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)


class ErasureTombstone(Base):
    """A person erased at their request: hashes that recognise them again, and the date; no personal data.

    Imports skip a person who matches a tombstone, and a restored backup has them erased again.
    """

    __tablename__ = "erasure_tombstones"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    email_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    identity_hash: Mapped[str] = mapped_column(String(64), index=True)
    erased_on: Mapped[date] = mapped_column(Date)


# --- events


class Event(RecordMixin, Base):
    """A trade fair or B2B meeting day: dates, daily hours cut into slots, breaks and tables.

    Times of day are wall-clock times at the venue (`timezone`); `breaks` lists [start, end]
    pairs of "HH:MM" strings that hold on every day; `tables` names the tables or rooms.
    """

    __tablename__ = "events"
    ref: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    venue: Mapped[str | None] = mapped_column(String(300))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    day_start: Mapped[time] = mapped_column(Time)
    day_end: Mapped[time] = mapped_column(Time)
    slot_minutes: Mapped[int] = mapped_column(Integer, default=20)
    breaks: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    tables: Mapped[list[str]] = mapped_column(JSON, default=list)
    max_meetings: Mapped[int | None] = mapped_column(Integer)
    timezone: Mapped[str] = mapped_column(String(60), default="Europe/Paris")
    notes: Mapped[str | None] = mapped_column(Text)
    structure_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("structures.id", ondelete="SET NULL"))

    structure: Mapped[Structure | None] = relationship()
    participants: Mapped[list[EventParticipant]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )


class EventParticipant(RecordMixin, Base):
    """A company or a team taking part in an event, who attends, and when they are available.

    `availability` lists [start, end] windows as local "YYYY-MM-DDTHH:MM" strings (None: all day,
    every day); `max_meetings` overrides the event's cap for this participant.
    """

    __tablename__ = "event_participants"
    __table_args__ = (
        UniqueConstraint("event_id", "company_id", name="uq_event_participants_event_company"),
        UniqueConstraint("event_id", "team_id", name="uq_event_participants_event_team"),
        CheckConstraint("(company_id IS NULL) <> (team_id IS NULL)", name="company_or_team"),
    )
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    contact_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    attendees: Mapped[str | None] = mapped_column(Text)
    availability: Mapped[list[list[str]] | None] = mapped_column(JSON)
    max_meetings: Mapped[int | None] = mapped_column(Integer)

    event: Mapped[Event] = relationship(back_populates="participants")
    company: Mapped[Company | None] = relationship()
    team: Mapped[Team | None] = relationship()
    contact: Mapped[Contact | None] = relationship()


class MeetingRequest(RecordMixin, Base):
    """A wanted meeting between a company and a team at an event, where it comes from and its weight.

    `state` "declined" records a "do not want": the pair must not meet.
    """

    __tablename__ = "meeting_requests"
    __table_args__ = (
        UniqueConstraint("company_participant_id", "team_participant_id", name="uq_meeting_requests_pair"),
    )
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    company_participant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("event_participants.id", ondelete="CASCADE")
    )
    team_participant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("event_participants.id", ondelete="CASCADE"), index=True
    )
    priority: Mapped[str] = mapped_column(String(10), default="normal")
    source: Mapped[str] = mapped_column(String(20), default="manual")
    relevance: Mapped[float | None] = mapped_column(Float)
    state: Mapped[str] = mapped_column(String(20), default="requested")
    match_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("matches.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)

    company_participant: Mapped[EventParticipant] = relationship(foreign_keys=[company_participant_id])
    team_participant: Mapped[EventParticipant] = relationship(foreign_keys=[team_participant_id])
    match: Mapped[Match | None] = relationship()


class Meeting(RecordMixin, Base):
    """Where and when a request was scheduled; "confirmed" meetings stay put when re-scheduling."""

    __tablename__ = "meetings"
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meeting_requests.id", ondelete="CASCADE"), unique=True
    )
    slot_start: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    slot_end: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    table_label: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20), default="proposed")

    request: Mapped[MeetingRequest] = relationship()


# --- sync


class SyncReplica(Base):
    """This database as a replica of the laptop bundles: its id, made once, and its logical clock."""

    __tablename__ = "sync_replica"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    clock: Mapped[int] = mapped_column(Integer, default=0)


class SyncState(Base):
    """The replicated state of one record: per field the value(s) with their stamps, and a causal context.

    `state` is compact JSON (see storage/sync.py). A deleted record keeps its state: its deletion tombstone.
    """

    __tablename__ = "sync_states"
    table_name: Mapped[str] = mapped_column(String(60), primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    alive: Mapped[bool] = mapped_column(Boolean)
    materialized: Mapped[bool] = mapped_column(Boolean)  # False: alive but waiting for a missing parent
    conflicted: Mapped[bool] = mapped_column(Boolean, index=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    state: Mapped[str] = mapped_column(Text)
