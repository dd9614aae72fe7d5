"""Listing, reading, saving and deleting records, as view rows."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select, true
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from enact_match.services import audit
from enact_match.services.records import (
    KINDS,
    FieldError,
    RecordNotFoundError,
    apply_values,
    get_record,
    new_ref,
    replace_publications,
    touch,
)
from enact_match.services.views import (
    CompanyRow,
    ContactRow,
    MatchEventRow,
    MatchRow,
    NeedRow,
    PublicationRow,
    TeamRow,
    UnitRow,
)
from enact_match.storage.database import Database
from enact_match.storage.models import (
    Company,
    Contact,
    Match,
    Need,
    Publication,
    ResearchUnit,
    Structure,
    Team,
)


@dataclass(frozen=True)
class Viewer:
    """The current user: their name and structure code (None when no user is set)."""

    name: str
    structure_code: str | None


class RecordInvalidError(ValueError):
    """A save was refused; `problems` lists (field, code, value); nothing was written."""

    def __init__(self, problems: list[FieldError]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


def need_visibility(viewer: Viewer | None) -> Any:
    """SQL condition: needs this viewer may see (structure-only needs only within their structure)."""
    if viewer is None:
        return true()  # no current user set: the rule does not apply
    own = select(Structure.id).where(Structure.code == viewer.structure_code).scalar_subquery()
    return or_(Need.confidentiality != "structure", Need.structure_id == own)


# --------------------------------------------------------------------------- converters


def company_row(company: Company, need_count: int = 0) -> CompanyRow:
    return CompanyRow(
        company.id,
        company.ref,
        company.name,
        company.legal_form,
        company.siren,
        company.naf,
        company.size_class,
        company.city,
        company.department,
        company.website,
        need_count,
        company.version,
    )


def unit_row(unit: ResearchUnit, team_count: int = 0) -> UnitRow:
    return UnitRow(
        unit.id,
        unit.ref,
        unit.name,
        unit.acronym,
        unit.unit_code,
        unit.rnsr_id,
        tuple(unit.institutions or ()),
        unit.institutions_other,
        unit.city,
        team_count,
        unit.version,
    )


def publication_row(publication: Publication) -> PublicationRow:
    return PublicationRow(
        publication.id,
        publication.title,
        publication.abstract or "",
        publication.year,
        publication.venue,
        publication.doi,
        publication.hal_id,
    )


def team_row(team: Team) -> TeamRow:
    unit = team.unit
    return TeamRow(
        team.id,
        team.ref,
        team.name,
        team.acronym,
        team.unit_id,
        unit.name if unit else None,
        unit.acronym if unit else None,
        tuple(unit.institutions or ()) if unit else (),
        unit.city if unit else None,
        team.leader,
        team.statement or "",
        tuple(team.keywords or ()),
        tuple(team.axes or ()),
        team.platforms,
        bool(team.cifre_open),
        tuple(publication_row(publication) for publication in team.publications),
        team.version,
    )


def need_row(need: Need) -> NeedRow:
    return NeedRow(
        need.id,
        need.ref,
        need.title,
        need.description or "",
        need.company_id,
        need.company.name if need.company else None,
        tuple(need.keywords or ()),
        tuple(need.axes or ()),
        need.trl,
        need.horizon,
        need.budget,
        need.data_available,
        need.confidentiality,
        need.structure.code if need.structure else None,
        need.owner,
        need.status,
        need.opened_on,
        need.closed_on,
        need.created_at,
        need.updated_at,
        need.version,
    )


def contact_row(contact: Contact) -> ContactRow:
    return ContactRow(
        contact.id,
        contact.ref,
        contact.name,
        contact.role,
        contact.email,
        contact.phone,
        contact.organisation
        or (contact.company.name if contact.company else None)
        or (contact.team.name if contact.team else None),
        contact.company_id,
        contact.team_id,
        contact.structure.code if contact.structure else None,
        contact.source,
        contact.legal_basis,
        contact.informed_on,
        contact.last_contact_on,
        contact.version,
    )


def match_row(match: Match) -> MatchRow:
    need, team = match.need, match.team
    return MatchRow(
        match.id,
        need.id,
        need.ref,
        need.title,
        need.company.name if need.company else None,
        need.structure.code if need.structure else None,
        team.id,
        team.ref,
        team.name,
        team.unit.acronym if team.unit else None,
        match.score,
        match.status,
        match.collaboration_type,
        match.decline_reason,
        match.owner,
        match.notes,
        match.explanation,
        match.created_at,
        match.updated_at,
        match.version,
    )


def event_rows(match: Match) -> tuple[MatchEventRow, ...]:
    return tuple(
        MatchEventRow(
            event.at,
            event.author,
            event.from_status,
            event.to_status,
            event.collaboration_type,
            event.decline_reason,
            event.note,
        )
        for event in match.events
    )


# --------------------------------------------------------------------------- listing


def _need_query(viewer: Viewer | None) -> Select[tuple[Need]]:
    return (
        select(Need)
        .options(selectinload(Need.company), selectinload(Need.structure))
        .where(need_visibility(viewer))
        .order_by(Need.ref)
    )


def list_needs(db: Database, viewer: Viewer | None = None) -> list[NeedRow]:
    """Every need the viewer may see, by reference."""
    with db.reading() as session:
        return [need_row(need) for need in session.scalars(_need_query(viewer))]


def list_teams(db: Database) -> list[TeamRow]:
    """Every team with its unit and publications, by reference."""
    with db.reading() as session:
        query = (
            select(Team).options(selectinload(Team.unit), selectinload(Team.publications)).order_by(Team.ref)
        )
        return [team_row(team) for team in session.scalars(query)]


def list_companies(db: Database) -> list[CompanyRow]:
    """Every company with its number of needs, by name."""
    with db.reading() as session:
        counts = dict(session.execute(select(Need.company_id, func.count()).group_by(Need.company_id)).all())
        return [
            company_row(company, counts.get(company.id, 0))
            for company in session.scalars(select(Company).order_by(Company.name))
        ]


def list_units(db: Database) -> list[UnitRow]:
    """Every research unit with its number of teams, by acronym or name."""
    with db.reading() as session:
        counts = dict(session.execute(select(Team.unit_id, func.count()).group_by(Team.unit_id)).all())
        query = select(ResearchUnit).order_by(func.coalesce(ResearchUnit.acronym, ResearchUnit.name))
        return [unit_row(unit, counts.get(unit.id, 0)) for unit in session.scalars(query)]


def list_contacts(db: Database) -> list[ContactRow]:
    """Every contact, by name."""
    with db.reading() as session:
        query = (
            select(Contact)
            .options(
                selectinload(Contact.company), selectinload(Contact.team), selectinload(Contact.structure)
            )
            .order_by(Contact.name)
        )
        return [contact_row(contact) for contact in session.scalars(query)]


def _match_query() -> Select[tuple[Match]]:
    return select(Match).options(
        selectinload(Match.need).selectinload(Need.company),
        selectinload(Match.need).selectinload(Need.structure),
        selectinload(Match.team).selectinload(Team.unit),
    )


def list_matches(db: Database, viewer: Viewer | None = None) -> list[MatchRow]:
    """Every match on a need the viewer may see, most recently changed first."""
    with db.reading() as session:
        query = (
            _match_query().join(Match.need).where(need_visibility(viewer)).order_by(Match.updated_at.desc())
        )
        return [match_row(match) for match in session.scalars(query)]


def list_structures(db: Database) -> list[tuple[str, str]]:
    """(code, name) of every structure, by name."""
    with db.reading() as session:
        query = select(Structure.code, Structure.name).order_by(Structure.name)
        return [(code, name) for code, name in session.execute(query)]


def count_records(db: Database) -> dict[str, int]:
    """How many records of each kind the database holds."""
    models = {
        "companies": Company,
        "units": ResearchUnit,
        "teams": Team,
        "needs": Need,
        "contacts": Contact,
        "matches": Match,
    }
    with db.reading() as session:
        return {
            name: session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in models.items()
        }


# --------------------------------------------------------------------------- editing


def _row_of(kind: str, record: Any) -> Any:
    converters = {
        "companies": company_row,
        "units": unit_row,
        "teams": team_row,
        "needs": need_row,
        "contacts": contact_row,
    }
    return converters[kind](record)


def get_row(db: Database, kind: str, record_id: uuid.UUID) -> Any:
    """The view row of one record; raises RecordNotFoundError."""
    with db.reading() as session:
        return _row_of(kind, get_record(session, kind, record_id))


def save_record(
    db: Database,
    kind: str,
    values: Mapping[str, Any],
    record_id: uuid.UUID | None = None,
    expected_version: int | None = None,
    author: str | None = None,
) -> Any:
    """Create (no id) or update a record from raw field values, checked like an import.

    Args:
        values: raw values by field name (see records.KINDS); for teams, `publications` may hold
            a list of mappings (title, abstract, year, venue, doi, hal_id) that replaces the list.
            A contact created by hand needs its `source` and `legal_basis` (GDPR).
        expected_version: the version the user edited; a newer one in the database means someone
            else saved meanwhile, and StaleRecordError is raised (on PostgreSQL the row is locked
            while it is compared, so two concurrent saves of one version cannot both pass).
        author: who saves, for the audit log.

    Returns:
        The saved record's view row.

    Raises:
        RecordInvalidError: with every field problem; nothing is written.
        StaleRecordError: with the record as the database now holds it; nothing is written.
    """
    try:
        with db.writing() as session:
            if record_id is None:
                record = KINDS[kind].model()
                if not values.get("ref"):
                    values = {**values, "ref": new_ref(session, kind)}
                before: dict[str, Any] = {}
            else:
                record = get_record(session, kind, record_id, lock=expected_version is not None)
                if expected_version is not None and record.version != expected_version:
                    raise StaleRecordError(
                        kind, record_id, expected_version, record.version, _row_of(kind, record)
                    )
                before = _field_values(kind, record)
            problems = apply_values(session, kind, record, values)
            if record_id is None and kind == "contacts":
                problems += [
                    FieldError(name, "required")
                    for name in HAND_CONTACT_REQUIRED
                    if not getattr(record, name)
                ]
            if kind == "teams" and "publications" in values and not problems:
                try:
                    replace_publications(record, values["publications"])
                except FieldError as problem:
                    problems.append(problem)
            if problems:
                raise RecordInvalidError(problems)
            changed = _changed_fields(kind, record, before)
            if kind == "teams" and "publications" in values:
                changed.append("publications")
            touch(record)
            session.add(record)
            session.flush()
            audit.record_event(
                session, author, kind, record.id, "create" if record_id is None else "update", changed
            )
            return _row_of(kind, record)
    except StaleDataError as exc:  # the version changed between the check and the write
        current = _current_row(db, kind, record_id)
        raise StaleRecordError(
            kind, record_id, expected_version or 0, current.version if current else 0, current
        ) from exc


def _current_row(db: Database, kind: str, record_id: uuid.UUID | None) -> Any:
    """The record's view row as the database holds it now; None when it was deleted meanwhile."""
    if record_id is None:
        return None
    try:
        return get_row(db, kind, record_id)
    except RecordNotFoundError:
        return None


# Contacts created by hand must say where the data comes from and on what legal basis (GDPR,
# CNIL). Imports fill in defaults they report instead (see importing).
HAND_CONTACT_REQUIRED = ("source", "legal_basis")


def _field_values(kind: str, record: Any) -> dict[str, Any]:
    """The current value of every field of `record` (to tell later which ones a change touched)."""
    return {spec.name: getattr(record, spec.name, None) for spec in KINDS[kind].fields}


def _changed_fields(kind: str, record: Any, before: Mapping[str, Any]) -> list[str]:
    """The names of the fields whose value differs from `before` (every set field for a new record)."""
    after = _field_values(kind, record)
    if not before:
        return [name for name, value in after.items() if value not in (None, "", [])]
    return [name for name, value in after.items() if value != before.get(name)]


class StaleRecordError(RuntimeError):
    """Someone else saved the record after it was opened for editing; the save was refused.

    `current` is the record's view row as the database holds it now (None if it was deleted), so
    that the user can see both versions.
    """

    def __init__(
        self, kind: str, record_id: uuid.UUID | None, expected: int, current_version: int, current: Any = None
    ) -> None:
        super().__init__(
            f"{kind}/{record_id}: edited version {expected}, database has version {current_version}"
        )
        self.kind = kind
        self.record_id = record_id
        self.expected = expected
        self.current_version = current_version
        self.current = current


def delete_record(db: Database, kind: str, record_id: uuid.UUID, author: str | None = None) -> None:
    """Delete a record (its matches and publications go with it; links to it are cleared)."""
    with db.writing() as session:
        session.delete(get_record(session, kind, record_id))
        audit.record_event(session, author, kind, record_id, "delete")
