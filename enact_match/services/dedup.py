"""Finding and merging duplicate companies, units, teams and contacts.

Rules (strongest first; a rule code says which one matched):
- companies: same SIREN (a SIRET is stored as its SIREN); else the same name once legal forms,
  accents, punctuation, filler words and word order are ignored (`name`), or nearly the same name
  (`name_fuzzy`, a typo or a plural), in the same city (or a city missing on one side). Two companies
  with different SIRENs are never duplicates.
- units: same RNSR id (`rnsr`) or unit code (`unit_code`, "UMR 7503" = "umr7503").
- teams: same name or acronym within the same unit (`name_in_unit`).
- contacts: same e-mail (`email`), else the same name in any word order at the same organisation
  (`name_organisation`).

The same rules serve the importer (`DuplicateIndex`: an incoming row that matches an existing record
updates it instead of creating a twin) and the on-demand review (`find_duplicates`).
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from enact_match.services import audit, codes
from enact_match.services.backup import backup_before
from enact_match.services.records import KINDS, fold, get_record, touch
from enact_match.storage.database import Database
from enact_match.storage.models import (
    Contact,
    Exclusion,
    Match,
    MatchEvent,
    Need,
    Publication,
    ResearchUnit,
    Team,
)

DEDUP_KINDS = ("companies", "units", "teams", "contacts")
FUZZY_NAME_THRESHOLD = 90.0
_LEGAL_FORMS = frozenset(form.casefold() for form in codes.LEGAL_FORMS)
# Words that do not tell two companies apart ("Société des Aciéries de Lorraine" = "Aciéries Lorraine").
_FILLER_WORDS = frozenset(
    [
        "societe",
        "ste",
        "ets",
        "etablissements",
        "cie",
        "compagnie",
        "company",
        "co",
        "the",
        "and",
        "et",
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l",
        "d",
        "of",
    ]
)


def _words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"(?<=\b\w)\.(?=\w\b)", "", plain)  # S.A.S. → SAS
    return re.findall(r"[0-9a-z]+", plain.replace("œ", "oe").replace("æ", "ae"))


def company_name_key(name: str) -> str:
    """A company name without legal forms, accents, punctuation, filler words and word order."""
    words = [word for word in _words(name) if word not in _LEGAL_FORMS and word not in _FILLER_WORDS]
    return " ".join(sorted(words)) or " ".join(sorted(_words(name)))


def person_name_key(name: str) -> str:
    """A person's name in any word order, without accents or punctuation ("DUPONT Marie" = "Marie Dupont")."""
    return " ".join(sorted(_words(name)))


def siren_of(raw: Any) -> str | None:
    """The SIREN of a raw SIREN or SIRET, or None when it is not one."""
    if raw in (None, ""):
        return None
    try:
        return codes.normalise_siren(str(raw))
    except codes.ValueProblem:
        return None


def unit_code_key(raw: Any) -> str:
    """A unit code or RNSR id compared without case, spaces or punctuation."""
    return fold(str(raw or ""))


@dataclass(frozen=True)
class DuplicateMember:
    """One record of a group of duplicates."""

    id: uuid.UUID
    ref: str | None
    label: str
    detail: str  # the city, the unit, the e-mail or the organisation: what tells records apart


@dataclass(frozen=True)
class DuplicateGroup:
    """Records judged to be the same thing, and the strongest rule that joined them."""

    kind: str
    rule: str
    members: tuple[DuplicateMember, ...]


# --------------------------------------------------------------------------- matching rules


@dataclass(frozen=True)
class _Probe:
    """What the rules compare, for an existing record or an incoming row."""

    exact: tuple[tuple[str, str], ...]  # (rule, key): equal keys mean duplicates
    block: str  # fuzzy names are only compared inside one block (a city)
    name: str  # the normalised name, for the name rules
    distinct: str | None = None  # two records with different values here are never duplicates (SIREN)


def _company_probe(name: Any, siren: Any, city: Any) -> _Probe:
    key = company_name_key(str(name or ""))
    sirenkey = siren_of(siren)
    exact = [("siren", sirenkey)] if sirenkey else []
    if key:
        exact.append(("name", f"{key}|{fold(str(city or ''))}"))
    return _Probe(tuple(exact), fold(str(city or "")), key, sirenkey)


def _unit_probe(rnsr: Any, unit_code: Any) -> _Probe:
    exact = [(rule, unit_code_key(value)) for rule, value in (("rnsr", rnsr), ("unit_code", unit_code))]
    return _Probe(tuple((rule, key) for rule, key in exact if key), "", "")


def _team_probe(name: Any, acronym: Any, unit_keys: Collection[str]) -> _Probe:
    exact = [
        ("name_in_unit", f"{fold(str(value))}|{unit}")
        for value in (name, acronym)
        if value and fold(str(value))
        for unit in unit_keys
    ]
    return _Probe(tuple(exact), "", "")


def _contact_probe(name: Any, email: Any, organisation: Any) -> _Probe:
    exact = [("email", str(email).strip().casefold())] if email and str(email).strip() else []
    if name and organisation:
        exact.append(("name_organisation", f"{person_name_key(str(name))}|{fold(str(organisation))}"))
    return _Probe(tuple(exact), "", "")


def _unit_keys(unit: ResearchUnit) -> set[str]:
    return {fold(value) for value in (unit.ref, unit.acronym, unit.name, unit.unit_code) if value}


def _contact_organisation(contact: Contact) -> str | None:
    if contact.organisation:
        return contact.organisation
    for linked in (contact.company, contact.team, contact.unit, contact.structure):
        if linked is not None:
            return linked.name
    return None


def probe_record(kind: str, record: Any) -> _Probe:
    """The keys of an existing record."""
    match kind:
        case "companies":
            return _company_probe(record.name, record.siren, record.city)
        case "units":
            return _unit_probe(record.rnsr_id, record.unit_code)
        case "teams":
            # `unit`, not `unit_id`: a team created by the running import has no unit_id before a flush.
            return _team_probe(record.name, record.acronym, {str(record.unit.id) if record.unit else ""})
        case "contacts":
            return _contact_probe(record.name, record.email, _contact_organisation(record))
    raise ValueError(kind)


def probe_values(kind: str, values: Mapping[str, Any]) -> _Probe:
    """The keys of an incoming row (raw values by field name)."""
    match kind:
        case "companies":
            return _company_probe(values.get("name"), values.get("siren"), values.get("city"))
        case "units":
            return _unit_probe(values.get("rnsr_id"), values.get("unit_code"))
        case "teams":
            unit = fold(str(values.get("unit") or ""))
            return _team_probe(values.get("name"), values.get("acronym"), {unit})
        case "contacts":
            organisation = values.get("organisation") or values.get("company") or values.get("team")
            return _contact_probe(values.get("name"), values.get("email"), organisation)
    raise ValueError(kind)


def _compatible(first: _Probe, second: _Probe) -> bool:
    return not (first.distinct and second.distinct and first.distinct != second.distinct)


def _fuzzy_names_match(first: _Probe, second: _Probe) -> bool:
    return (
        bool(first.block)
        and first.block == second.block
        and min(len(first.name), len(second.name)) >= 6
        and fuzz.ratio(first.name, second.name) >= FUZZY_NAME_THRESHOLD
    )


class DuplicateIndex:
    """The existing records of a kind, by their duplicate keys, for matching incoming rows at import."""

    def __init__(self, session: Session, kind: str) -> None:
        self.kind = kind
        self._by_key: dict[tuple[str, str], list[tuple[_Probe, Any]]] = defaultdict(list)
        self._by_block: dict[str, list[tuple[_Probe, Any]]] = defaultdict(list)
        # An incoming team names its unit by reference, acronym, name or code; indexed teams by unit id.
        self._unit_ids: dict[str, set[str]] = defaultdict(set)
        if kind == "teams":
            for unit in session.scalars(select(ResearchUnit)):
                for alias in _unit_keys(unit):
                    self._unit_ids[alias].add(str(unit.id))
        for record in session.scalars(select(KINDS[kind].model)):
            self.add(record)

    def add(self, record: Any) -> None:
        """Index a record (also one created by the import itself, so a file's own twins are joined)."""
        probe = probe_record(self.kind, record)
        for key in probe.exact:
            self._by_key[key].append((probe, record))
        if self.kind == "companies" and probe.block:
            self._by_block[probe.block].append((probe, record))

    def find(self, values: Mapping[str, Any]) -> tuple[Any, str] | None:
        """The existing record an incoming row duplicates, and the rule; None when it is new."""
        probe = probe_values(self.kind, values)
        if self.kind == "teams":
            unit = fold(str(values.get("unit") or ""))
            probe = _team_probe(values.get("name"), values.get("acronym"), self._unit_ids.get(unit) or {unit})
        for key in probe.exact:
            for other, record in self._by_key.get(key, ()):
                if _compatible(probe, other):
                    return record, key[0]
        for other, record in self._by_block.get(probe.block, ()):
            if _compatible(probe, other) and _fuzzy_names_match(probe, other):
                return record, "name_fuzzy"
        return None


# --------------------------------------------------------------------------- review


def _member(kind: str, record: Any) -> DuplicateMember:
    label = record.name
    match kind:
        case "companies":
            detail = " ".join(filter(None, (record.siren, record.city)))
        case "units":
            detail = " ".join(filter(None, (record.unit_code, record.rnsr_id)))
        case "teams":
            detail = (record.unit.acronym or record.unit.name) if record.unit is not None else ""
        case _:
            detail = " ".join(filter(None, (record.email, _contact_organisation(record))))
    return DuplicateMember(record.id, record.ref, label, detail)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[uuid.UUID, uuid.UUID] = {}
        self.rule: dict[uuid.UUID, str] = {}

    def find(self, key: uuid.UUID) -> uuid.UUID:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, first: uuid.UUID, second: uuid.UUID, rule: str) -> None:
        root_a, root_b = self.find(first), self.find(second)
        if root_a != root_b:
            self.parent[root_b] = root_a
            self.rule.setdefault(root_a, self.rule.pop(root_b, rule))


def duplicate_pairs(kind: str, records: Iterable[Any]) -> list[tuple[Any, Any, str]]:
    """Every pair of records the rules join, with the rule (exact keys first, then fuzzy names)."""
    probes = [(probe_record(kind, record), record) for record in records]
    pairs: list[tuple[Any, Any, str]] = []
    by_key: dict[tuple[str, str], list[tuple[_Probe, Any]]] = defaultdict(list)
    for probe, record in probes:
        for key in probe.exact:
            by_key[key].append((probe, record))
    seen: set[tuple[uuid.UUID, uuid.UUID]] = set()
    for (rule, _), entries in by_key.items():
        for index, (probe, record) in enumerate(entries):
            for other_probe, other in entries[index + 1 :]:
                pair = (record.id, other.id)
                if pair not in seen and _compatible(probe, other_probe):
                    seen.add(pair)
                    pairs.append((record, other, rule))
    if kind == "companies":
        blocks: dict[str, list[tuple[_Probe, Any]]] = defaultdict(list)
        for probe, record in probes:
            if probe.block:
                blocks[probe.block].append((probe, record))
        for entries in blocks.values():
            for index, (probe, record) in enumerate(entries):
                for other_probe, other in entries[index + 1 :]:
                    pair = (record.id, other.id)
                    if pair in seen or (other.id, record.id) in seen or probe.name == other_probe.name:
                        continue
                    if _compatible(probe, other_probe) and _fuzzy_names_match(probe, other_probe):
                        seen.add(pair)
                        pairs.append((record, other, "name_fuzzy"))
    return pairs


def find_duplicates(db: Database, kind: str) -> list[DuplicateGroup]:
    """Groups of records of `kind` that look like the same thing, for review before merging."""
    if kind not in DEDUP_KINDS:
        raise ValueError(kind)
    with db.reading() as session:
        records = list(session.scalars(select(KINDS[kind].model)))
        union = _UnionFind()
        for record, other, rule in duplicate_pairs(kind, records):
            union.union(record.id, other.id, rule)
        groups: dict[uuid.UUID, list[Any]] = defaultdict(list)
        for record in records:
            if record.id in union.parent:
                groups[union.find(record.id)].append(record)
        return [
            DuplicateGroup(
                kind,
                union.rule.get(root, ""),
                tuple(_member(kind, record) for record in sorted(members, key=lambda r: r.ref or "")),
            )
            for root, members in sorted(groups.items(), key=lambda item: item[1][0].name.casefold())
            if len(members) > 1
        ]


# --------------------------------------------------------------------------- merging


class MergeError(ValueError):
    """A merge was refused (`same_record`, `unknown_field`); nothing was written."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class MergeReport:
    """What a merge moved onto the kept record."""

    kind: str
    kept_id: uuid.UUID
    removed_id: uuid.UUID
    fields_taken: tuple[str, ...]
    links_moved: int


def merge_records(
    db: Database,
    kind: str,
    keep_id: uuid.UUID,
    other_id: uuid.UUID,
    chosen_fields: Collection[str] = (),
    author: str | None = None,
) -> MergeReport:
    """Merge `other` into `keep` in one transaction, then delete `other`.

    Args:
        chosen_fields: the fields whose value is taken from `other` (the others keep `keep`'s value;
            an empty field of `keep` is filled from `other`). The reference always stays `keep`'s.

    Every link moves to the kept record: needs, contacts, teams, matches (with their history; when
    both records are matched with the same need, the histories are joined on one match), exclusions
    and publications. A SQLite database is backed up (and the copy verified) first.

    Raises:
        MergeError: `same_record` or `unknown_field`. RecordNotFoundError: an id is unknown.
    """
    if kind not in DEDUP_KINDS:
        raise MergeError("kind", kind)
    if keep_id == other_id:
        raise MergeError("same_record")
    field_names = [spec.name for spec in KINDS[kind].fields if spec.name != "ref"]
    unknown = set(chosen_fields) - set(field_names)
    if unknown:
        raise MergeError("unknown_field", ", ".join(sorted(unknown)))
    backup_before(db, "merge")
    with db.writing() as session:
        keep = get_record(session, kind, keep_id)
        other = get_record(session, kind, other_id)
        taken = []
        for name in field_names:
            if name in chosen_fields or getattr(keep, name) in (None, "", []):
                value = getattr(other, name)
                if value not in (None, "", []) or name in chosen_fields:
                    setattr(keep, name, value)
                    taken.append(name)
        moved = _move_links(session, kind, keep.id, other.id)
        session.expire(other)  # its collections were moved in SQL: reload before the delete cascades
        session.delete(other)
        touch(keep)
        audit.record_event(session, author, kind, keep_id, "merge", taken)
        audit.record_event(session, author, kind, other_id, "delete")
    return MergeReport(kind, keep_id, other_id, tuple(taken), moved)


def _repoint(session: Session, model: Any, column: str, keep_id: uuid.UUID, other_id: uuid.UUID) -> int:
    attribute = getattr(model, column)
    result = session.execute(
        update(model)
        .where(attribute == other_id)
        .values({column: keep_id})
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _move_pairs(
    session: Session, model: Any, column: str, partner: str, keep_id: uuid.UUID, other_id: uuid.UUID
) -> int:
    """Move rows of a (column, partner) unique pair table; a pair the kept record already has is merged."""
    own, moving_partner = getattr(model, column), getattr(model, partner)
    kept = {
        row_partner: row_id
        for row_id, row_partner in session.execute(select(model.id, moving_partner).where(own == keep_id))
    }
    moved = 0
    for row_id, row_partner in session.execute(select(model.id, moving_partner).where(own == other_id)).all():
        if row_partner in kept:
            if model is Match:  # join the histories on the kept match
                session.execute(
                    update(MatchEvent).where(MatchEvent.match_id == row_id).values(match_id=kept[row_partner])
                )
            session.execute(delete(model).where(model.id == row_id))
        else:
            session.execute(update(model).where(model.id == row_id).values({column: keep_id}))
        moved += 1
    return moved


def _move_links(session: Session, kind: str, keep_id: uuid.UUID, other_id: uuid.UUID) -> int:
    session.flush()
    match kind:
        case "companies":
            return (
                _repoint(session, Need, "company_id", keep_id, other_id)
                + _repoint(session, Contact, "company_id", keep_id, other_id)
                + _move_pairs(session, Exclusion, "company_id", "team_id", keep_id, other_id)
            )
        case "units":
            return _repoint(session, Team, "unit_id", keep_id, other_id) + _repoint(
                session, Contact, "unit_id", keep_id, other_id
            )
        case "teams":
            return (
                _repoint(session, Contact, "team_id", keep_id, other_id)
                + _repoint(session, Publication, "team_id", keep_id, other_id)
                + _move_pairs(session, Match, "team_id", "need_id", keep_id, other_id)
                + _move_pairs(session, Exclusion, "team_id", "company_id", keep_id, other_id)
            )
    return 0  # contacts: nothing points at a contact
