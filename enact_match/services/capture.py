"""Quick capture at a trade-fair stand: a visitor's company, contact and need saved in one go.

`capture_visit` finds the company (chosen from the completion, or the same SIREN, or the same
normalised name in the same city: the exact rules of `dedup`) or creates it, records the contact
with the GDPR facts (source, legal basis, the date the GDPR information was given and who captured
it), creates the need, all in one transaction, then ranks the teams for the new need. Nothing is
written when any value is refused.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from enact_match.services import audit
from enact_match.services.catalog import Viewer
from enact_match.services.dedup import DuplicateIndex
from enact_match.services.records import (
    KINDS,
    FieldError,
    RecordNotFoundError,
    apply_values,
    find_structure,
    get_record,
    new_ref,
    touch,
)
from enact_match.storage.database import Database
from enact_match.storage.models import Company, Contact, Need

if TYPE_CHECKING:
    from enact_match.services.suggestions import SuggestionRow, SuggestionService

TOP_TEAMS = 5
DEFAULT_SOURCE = "salon"
DEFAULT_LEGAL_BASIS = "legitimate_interest"
# Dedup rules strong enough to reuse a company without asking (a fuzzy name may be another firm).
_EXACT_COMPANY_RULES = ("siren", "name")
_CONTACT_FIELDS = ("contact_name", "contact_role", "contact_email", "contact_phone")


@dataclass(frozen=True)
class Visit:
    """What was typed at the stand: raw values, checked like any form (see records.KINDS).

    `company_id` is an existing company chosen from the completion list (None: find or create it by
    SIREN, or by name and city). The contact is optional: leave its fields empty when the visitor
    leaves none. `source` is the event's name ("salon" when empty); `captured_by` who typed it.
    """

    company_name: str = ""
    company_city: str = ""
    company_siren: str = ""
    company_id: uuid.UUID | None = None
    contact_name: str = ""
    contact_role: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    gdpr_informed: bool = False
    legal_basis: str = DEFAULT_LEGAL_BASIS
    source: str = ""
    captured_by: str = ""
    need_title: str = ""
    need_description: str = ""
    need_axes: tuple[int, ...] = ()
    confidentiality: str = "network"

    def has_contact(self) -> bool:
        return any(str(getattr(self, name)).strip() for name in _CONTACT_FIELDS)


@dataclass(frozen=True)
class CaptureProblem:
    """A refused value: the part of the form (`company`, `contact`, `need`), the field (as named in
    records.KINDS, or `gdpr_informed`) and a stable code.

    Codes are those of records.coerce, plus `gdpr_not_informed` (a contact without the GDPR
    information given) and `unknown_reference` (a chosen company deleted meanwhile).
    """

    part: str
    field: str
    code: str
    value: str = ""


class CaptureInvalidError(ValueError):
    """A capture was refused; `problems` lists every refused value; nothing was written."""

    def __init__(self, problems: list[CaptureProblem]) -> None:
        super().__init__("; ".join(f"{item.part}.{item.field}: {item.code}" for item in problems))
        self.problems = problems


@dataclass(frozen=True)
class CaptureResult:
    """What a capture saved, and the best teams for the new need (best first)."""

    company_id: uuid.UUID
    company_ref: str | None
    company_name: str
    company_created: bool
    contact_id: uuid.UUID | None
    contact_ref: str | None
    contact_created: bool
    need_id: uuid.UUID
    need_ref: str
    need_title: str
    teams: tuple[SuggestionRow, ...]


@dataclass
class _Part:
    """A record the capture writes: new (not yet in the session) or existing, and the fields it sets."""

    kind: str
    record: Any
    created: bool
    fields: list[str]


def capture_visit(
    db: Database,
    visit: Visit,
    viewer: Viewer | None,
    suggestions: SuggestionService | None = None,
    top: int = TOP_TEAMS,
    today: date | None = None,
) -> CaptureResult:
    """Save a stand visit in one transaction, then rank the teams for its need.

    Args:
        viewer: the current user: the audit author, the default `captured_by` and need owner, and the
            structure a "structure only" need belongs to.
        suggestions: ranks the teams once the visit is saved; None saves without ranking (`teams`
            is then empty).
        top: how many teams to rank.
        today: the date stored as the GDPR information date, the contact date and the need's opening.

    Raises:
        CaptureInvalidError: with every refused value; nothing is written.
    """
    day = today or date.today()
    author = viewer.name if viewer else (visit.captured_by.strip() or None)
    with db.writing() as session:
        problems: list[CaptureProblem] = []
        company = _company(session, visit, problems)
        contact = _contact(session, visit, viewer, day, problems)
        need = _need(session, visit, viewer, day, problems)
        if problems:
            raise CaptureInvalidError(problems)
        assert company is not None and need is not None
        parts = [part for part in (company, need, contact) if part is not None]
        # References first: linking a new record to a persistent one adds it to the session.
        for part in parts:
            if part.created:
                part.record.ref = new_ref(session, part.kind)
        need.record.company = company.record
        if contact is not None:
            contact.record.company = company.record
        written = [part for part in parts if part.created or part.fields]
        for part in written:
            touch(part.record)
            session.add(part.record)
        session.flush()
        for part in written:
            action = "create" if part.created else "update"
            audit.record_event(session, author, part.kind, part.record.id, action, part.fields)
        saved = (
            company.record.id,
            company.record.ref,
            company.record.name,
            company.created,
            contact.record.id if contact else None,
            contact.record.ref if contact else None,
            contact.created if contact else False,
            need.record.id,
            need.record.ref,
            need.record.title,
        )
    teams = tuple(suggestions.teams_for_need(need.record.id, top)) if suggestions is not None else ()
    return CaptureResult(*saved, teams)


def _filled(kind: str, record: Any) -> list[str]:
    """The fields of a new record that hold a value (what the capture wrote, for the audit log)."""
    return [
        spec.name for spec in KINDS[kind].fields if getattr(record, spec.name, None) not in (None, "", [])
    ]


def _problems(part: str, errors: list[FieldError]) -> list[CaptureProblem]:
    return [CaptureProblem(part, error.field, error.code, error.value) for error in errors]


def _company(session: Session, visit: Visit, problems: list[CaptureProblem]) -> _Part | None:
    """The company of the visit: the chosen one, an exact duplicate (given what it lacked), or a new one."""
    if visit.company_id is not None:
        try:
            return _Part("companies", get_record(session, "companies", visit.company_id), False, [])
        except RecordNotFoundError:
            problems.append(CaptureProblem("company", "name", "unknown_reference", visit.company_name))
            return None
    values = {"name": visit.company_name, "city": visit.company_city, "siren": visit.company_siren}
    candidate = Company()
    errors = apply_values(session, "companies", candidate, values)
    if errors:
        problems.extend(_problems("company", errors))
        return None
    found = DuplicateIndex(session, "companies").find(
        {"name": candidate.name, "city": candidate.city, "siren": candidate.siren}
    )
    if found is None or found[1] not in _EXACT_COMPANY_RULES:
        return _Part("companies", candidate, True, _filled("companies", candidate))
    existing: Company = found[0]
    lacking = [
        name for name in ("siren", "city") if getattr(existing, name) is None and getattr(candidate, name)
    ]
    for name in lacking:  # never overwrite what the record holds
        setattr(existing, name, getattr(candidate, name))
    return _Part("companies", existing, False, lacking)


def _contact(
    session: Session, visit: Visit, viewer: Viewer | None, day: date, problems: list[CaptureProblem]
) -> _Part | None:
    """The visitor as a contact (the one with the same e-mail, if any); None when none was given."""
    if not visit.has_contact():
        return None
    captured_by = visit.captured_by.strip() or (viewer.name if viewer else "")
    values: dict[str, Any] = {
        "name": visit.contact_name,
        "role": visit.contact_role,
        "email": visit.contact_email,
        "phone": visit.contact_phone,
        "source": visit.source.strip() or DEFAULT_SOURCE,
        "legal_basis": visit.legal_basis or DEFAULT_LEGAL_BASIS,
        "captured_by": captured_by,
        "informed_on": day if visit.gdpr_informed else None,
        "last_contact_on": day,
    }
    before = len(problems)
    if not visit.gdpr_informed:
        problems.append(CaptureProblem("contact", "gdpr_informed", "gdpr_not_informed"))
    if not captured_by:
        problems.append(CaptureProblem("contact", "captured_by", "required"))
    candidate = Contact()
    problems.extend(_problems("contact", apply_values(session, "contacts", candidate, values)))
    if len(problems) > before:
        return None
    existing = _contact_with_email(session, candidate.email)
    if existing is None:
        return _Part("contacts", candidate, True, _filled("contacts", candidate))
    # The same person met again: the new contact date and GDPR facts, and the details they lacked.
    fields = ["source", "legal_basis", "informed_on", "captured_by", "last_contact_on"]
    fields += [name for name in ("role", "phone") if not getattr(existing, name) and getattr(candidate, name)]
    for name in fields:
        setattr(existing, name, getattr(candidate, name))
    return _Part("contacts", existing, False, fields)


def _contact_with_email(session: Session, email: str | None) -> Contact | None:
    if not email:
        return None
    query = select(Contact).where(func.lower(Contact.email) == email.casefold()).order_by(Contact.created_at)
    return session.scalars(query).first()


def _need(
    session: Session, visit: Visit, viewer: Viewer | None, day: date, problems: list[CaptureProblem]
) -> _Part | None:
    """The new need (not yet added to the session)."""
    values: dict[str, Any] = {
        "title": visit.need_title,
        "description": visit.need_description,
        "axes": list(visit.need_axes),
        "confidentiality": visit.confidentiality,
        "status": "open",
        "opened_on": day,
        "owner": visit.captured_by.strip() or (viewer.name if viewer else None),
    }
    need = Need()
    errors = apply_values(session, "needs", need, values)
    problems.extend(_problems("need", errors))
    structure = find_structure(session, viewer.structure_code) if viewer and viewer.structure_code else None
    need.structure = structure
    if not errors and need.confidentiality == "structure" and structure is None:
        # A need kept to a structure must belong to one: the current user's.
        problems.append(CaptureProblem("need", "structure", "required"))
    return None if errors else _Part("needs", need, True, _filled("needs", need))
