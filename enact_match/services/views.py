"""Frozen view rows: what services hand to the desktop app and the command line (never ORM objects)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class CompanyRow:
    id: uuid.UUID
    ref: str | None
    name: str
    legal_form: str | None
    siren: str | None
    naf: str | None
    size_class: str | None
    city: str | None
    department: str | None
    website: str | None
    need_count: int
    version: int


@dataclass(frozen=True)
class UnitRow:
    id: uuid.UUID
    ref: str | None
    name: str
    acronym: str | None
    unit_code: str | None
    rnsr_id: str | None
    institutions: tuple[str, ...]
    institutions_other: str | None
    city: str | None
    team_count: int
    version: int


@dataclass(frozen=True)
class PublicationRow:
    id: uuid.UUID
    title: str
    abstract: str
    year: int | None
    venue: str | None
    doi: str | None
    hal_id: str | None


@dataclass(frozen=True)
class TeamRow:
    id: uuid.UUID
    ref: str | None
    name: str
    acronym: str | None
    unit_id: uuid.UUID | None
    unit_name: str | None
    unit_acronym: str | None
    institutions: tuple[str, ...]
    city: str | None
    leader: str | None
    statement: str
    keywords: tuple[str, ...]
    axes: tuple[int, ...]
    platforms: str | None
    cifre_open: bool
    publications: tuple[PublicationRow, ...]
    version: int


@dataclass(frozen=True)
class NeedRow:
    id: uuid.UUID
    ref: str | None
    title: str
    description: str
    company_id: uuid.UUID | None
    company_name: str | None
    keywords: tuple[str, ...]
    axes: tuple[int, ...]
    trl: int | None
    horizon: str | None
    budget: str | None
    data_available: str
    confidentiality: str
    structure_code: str | None
    owner: str | None
    status: str
    opened_on: date | None
    closed_on: date | None
    created_at: datetime
    updated_at: datetime
    version: int


@dataclass(frozen=True)
class ContactRow:
    id: uuid.UUID
    ref: str | None
    name: str
    role: str | None
    email: str | None
    phone: str | None
    organisation: str | None
    company_id: uuid.UUID | None
    team_id: uuid.UUID | None
    structure_code: str | None
    source: str | None
    legal_basis: str | None
    informed_on: date | None
    last_contact_on: date | None
    version: int


@dataclass(frozen=True)
class MatchEventRow:
    at: datetime
    author: str | None
    from_status: str | None
    to_status: str | None
    collaboration_type: str | None
    decline_reason: str | None
    note: str | None


@dataclass(frozen=True)
class MatchRow:
    id: uuid.UUID
    need_id: uuid.UUID
    need_ref: str | None
    need_title: str
    company_name: str | None
    structure_code: str | None
    team_id: uuid.UUID
    team_ref: str | None
    team_name: str
    unit_acronym: str | None
    score: float | None
    status: str
    collaboration_type: str | None
    decline_reason: str | None
    owner: str | None
    notes: str | None
    explanation: dict[str, Any] | None
    created_at: datetime
    updated_at: datetime
    version: int


def as_plain_dict(row: Any) -> dict[str, Any]:
    """A view row as JSON-ready values (ids and dates as text, tuples as lists)."""
    result: dict[str, Any] = {}
    for item in fields(row):
        value = getattr(row, item.name)
        result[item.name] = _plain(value)
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return as_plain_dict(value)
    return value
