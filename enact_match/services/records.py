"""The fields of each kind of record, how raw values are checked and applied, and saving records.

One description of each field serves the importer (header names in French and English), the
demo loader, the forms of the desktop app and the command line, so that a value is checked the
same way wherever it comes from.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from enact_match.services import codes
from enact_match.services.codes import ValueProblem
from enact_match.storage.models import (
    Base,
    Company,
    Contact,
    Need,
    Publication,
    ResearchUnit,
    Structure,
    Team,
    utc_now,
)


def fold(text: str) -> str:
    """Lower case without accents or punctuation, for comparing names and headers."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", "", stripped.replace("œ", "oe").replace("æ", "ae"))


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record kind: its type, whether it is required, and its header names."""

    name: str
    kind: str  # text, longtext, list, axes, int, bool, date, siren, email, naf, choice, ref
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    choice_aliases: Mapping[str, str] = field(default_factory=dict)
    bounds: tuple[int, int] | None = None
    max_length: int = 300


@dataclass(frozen=True)
class KindSpec:
    """A kind of record that can be imported, listed and edited."""

    name: str
    model: type[Base]
    fields: tuple[FieldSpec, ...]

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)


class FieldError(ValueError):
    """A field value was refused: `field` and `code` are stable, `value` is what was given."""

    def __init__(self, field_name: str, code: str, value: str = "") -> None:
        super().__init__(f"{field_name}: {code} ({value!r})")
        self.field = field_name
        self.code = code
        self.value = value


class RecordNotFoundError(LookupError):
    """No record of that kind has this id or reference."""


_REF_ALIASES = ("ref", "reference", "id", "identifiant", "code_ref", "external_id")
_STATUS_ALIASES = {"ouvert": "open", "encours": "in_progress", "inprogress": "in_progress", "ferme": "closed"}
_CONFIDENTIALITY_ALIASES = {
    "reseau": "network",
    "reseauenact": "network",
    "enactnetwork": "network",
    "enact": "network",
    "structureonly": "structure",
    "structureseulement": "structure",
    "interne": "structure",
}
_DATA_ALIASES = {
    "aucune": "none",
    "non": "none",
    "industrielles": "industrial",
    "industrielle": "industrial",
    "medicales": "medical",
    "medicale": "medical",
    "autre": "other",
    "autres": "other",
}

KINDS: dict[str, KindSpec] = {
    "companies": KindSpec(
        "companies",
        Company,
        (
            FieldSpec("ref", "text", aliases=("company_id", "companyref", *_REF_ALIASES), max_length=80),
            FieldSpec("name", "text", True, ("nom", "company", "entreprise", "raisonsociale", "societe")),
            FieldSpec("legal_form", "text", aliases=("formejuridique", "legalform", "forme"), max_length=40),
            FieldSpec("siren", "siren", aliases=("siret", "sirensiret")),
            FieldSpec("naf", "naf", aliases=("ape", "nafape", "codenaf", "codeape")),
            FieldSpec(
                "size_class", "choice", aliases=("size", "taille", "categorie"), choices=codes.SIZE_CLASSES
            ),
            FieldSpec("city", "text", aliases=("ville", "commune"), max_length=120),
            FieldSpec("department", "text", aliases=("departement", "dept", "dep"), max_length=3),
            FieldSpec("website", "text", aliases=("siteweb", "site", "web", "url")),
        ),
    ),
    "units": KindSpec(
        "units",
        ResearchUnit,
        (
            FieldSpec("ref", "text", aliases=("unit_id", "unitref", *_REF_ALIASES), max_length=80),
            FieldSpec("name", "text", True, ("nom", "unit", "unite", "laboratoire", "lab", "intitule")),
            FieldSpec("acronym", "text", aliases=("sigle", "acronyme"), max_length=40),
            FieldSpec("unit_code", "text", aliases=("codeunite", "code", "umr"), max_length=40),
            FieldSpec("rnsr_id", "text", aliases=("rnsr", "numerornsr"), max_length=20),
            FieldSpec("institutions", "list", aliases=("tutelles", "parentinstitutions", "etablissements")),
            FieldSpec("institutions_other", "text", aliases=("autrestutelles",)),
            FieldSpec("city", "text", aliases=("ville", "site", "sitecity"), max_length=120),
        ),
    ),
    "teams": KindSpec(
        "teams",
        Team,
        (
            FieldSpec("ref", "text", aliases=("team_id", "teamref", *_REF_ALIASES), max_length=80),
            FieldSpec("name", "text", True, ("nom", "team", "equipe", "teamname", "nomequipe")),
            FieldSpec("unit", "ref", aliases=("unit_ref", "unite", "laboratoire", "lab", "unitref")),
            FieldSpec("acronym", "text", aliases=("sigle", "acronyme"), max_length=40),
            FieldSpec("leader", "text", aliases=("responsable", "chef", "teamleader"), max_length=200),
            FieldSpec(
                "statement",
                "longtext",
                aliases=("competencies", "competences", "competency", "description", "profil", "profile"),
            ),
            FieldSpec("keywords", "list", aliases=("motscles", "motcles", "keyword", "tags")),
            FieldSpec("axes", "axes", aliases=("axe", "axis")),
            FieldSpec("platforms", "longtext", aliases=("plateformes", "equipements", "equipment")),
            FieldSpec("cifre_open", "bool", aliases=("cifre", "ouvertcifre", "openforcifre")),
        ),
    ),
    "needs": KindSpec(
        "needs",
        Need,
        (
            FieldSpec(
                "ref", "text", aliases=("need_id", "needref", "besoin_id", *_REF_ALIASES), max_length=80
            ),
            FieldSpec("title", "text", True, ("titre", "intitule", "objet"), max_length=500),
            FieldSpec("description", "longtext", aliases=("descriptif", "besoin", "texte", "details")),
            FieldSpec("company", "ref", aliases=("entreprise", "societe", "company_ref", "companyref")),
            FieldSpec("keywords", "list", aliases=("motscles", "motcles", "keyword", "tags")),
            FieldSpec("axes", "axes", aliases=("axe", "axis")),
            FieldSpec("trl", "int", aliases=("trlcible", "targettrl"), bounds=(1, 9)),
            FieldSpec("horizon", "text", aliases=("echeance", "delai"), max_length=80),
            FieldSpec("budget", "text", aliases=("budgetrange", "fourchettebudget"), max_length=80),
            FieldSpec(
                "data_available",
                "choice",
                aliases=("donnees", "donneesdisponibles", "data"),
                choices=codes.DATA_AVAILABLE,
                choice_aliases=_DATA_ALIASES,
            ),
            FieldSpec(
                "confidentiality",
                "choice",
                aliases=("confidentialite",),
                choices=codes.CONFIDENTIALITY,
                choice_aliases=_CONFIDENTIALITY_ALIASES,
            ),
            FieldSpec("structure", "ref", aliases=("structuresource", "sourcestructure")),
            FieldSpec(
                "owner", "text", aliases=("responsable", "proprietaire", "charge", "suivipar"), max_length=200
            ),
            FieldSpec(
                "status",
                "choice",
                aliases=("statut", "etat"),
                choices=codes.NEED_STATUSES,
                choice_aliases=_STATUS_ALIASES,
            ),
            FieldSpec(
                "opened_on", "date", aliases=("date", "created", "createdon", "creele", "datecreation")
            ),
            FieldSpec("closed_on", "date", aliases=("datecloture", "closed", "fermele")),
        ),
    ),
    "contacts": KindSpec(
        "contacts",
        Contact,
        (
            FieldSpec("ref", "text", aliases=("contact_id", "contactref", *_REF_ALIASES), max_length=80),
            FieldSpec("name", "text", True, ("nom", "nomcomplet", "fullname", "personne"), max_length=200),
            FieldSpec("role", "text", aliases=("fonction", "poste", "titre", "title"), max_length=200),
            FieldSpec("email", "email", aliases=("courriel", "mail", "adressemail")),
            FieldSpec("phone", "text", aliases=("telephone", "tel", "mobile", "portable"), max_length=40),
            FieldSpec("organisation", "text", aliases=("organization", "organisme", "employeur")),
            FieldSpec("company", "ref", aliases=("entreprise", "societe", "company_ref")),
            FieldSpec("team", "ref", aliases=("equipe", "team_ref")),
            FieldSpec("structure", "ref", aliases=("structureref",)),
            FieldSpec("source", "text", aliases=("origine", "provenance"), max_length=200),
            FieldSpec(
                "legal_basis",
                "choice",
                aliases=("baselegale", "basejuridique", "fondementjuridique"),
                choices=codes.LEGAL_BASES,
                choice_aliases={"interetlegitime": "legitimate_interest", "consentement": "consent"},
            ),
            FieldSpec("informed_on", "date", aliases=("informele", "dateinformation", "informed")),
            FieldSpec(
                "captured_by", "text", aliases=("saisipar", "collectepar", "capturedby"), max_length=120
            ),
            FieldSpec(
                "last_contact_on", "date", aliases=("derniercontact", "lastcontact", "datedernier contact")
            ),
        ),
    ),
}

_TRUE = {"1", "oui", "yes", "true", "vrai", "o", "y", "x"}
_FALSE = {"0", "non", "no", "false", "faux", "n", ""}


def _coerce_date(raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%Y/%m/%d", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueProblem("date", text)


def _coerce_list(raw: Any) -> list[str]:
    items = raw if isinstance(raw, list | tuple) else re.split(r"[;|\n]+", str(raw))
    seen: dict[str, None] = {}
    for item in items:
        text = str(item).strip()
        if text:
            seen.setdefault(text, None)
    return list(seen)


def _coerce_choice(spec: FieldSpec, raw: Any) -> str:
    text = str(raw).strip()
    if text in spec.choices:
        return text
    by_fold = {fold(choice): choice for choice in spec.choices}
    key = fold(text)
    value = by_fold.get(key) or spec.choice_aliases.get(key)
    if value is None:
        raise ValueProblem("choice", text)
    return value


def _coerce_int(spec: FieldSpec, raw: Any) -> int:
    try:
        value = int(str(raw).strip().removeprefix("TRL").strip()) if not isinstance(raw, int) else raw
    except ValueError as exc:
        raise ValueProblem("integer", str(raw)) from exc
    if spec.bounds and not spec.bounds[0] <= value <= spec.bounds[1]:
        raise ValueProblem("range", str(raw))
    return value


def coerce(spec: FieldSpec, raw: Any) -> Any:
    """Check and convert one raw value (text from a file or a form, or a typed value).

    Returns None for an empty optional value. Raises FieldError with a stable code.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if spec.required:
            raise FieldError(spec.name, "required")
        if spec.kind == "list":
            return []
        if spec.kind == "axes":
            return []
        return None
    try:
        match spec.kind:
            case "text":
                text = " ".join(str(raw).split())
                if len(text) > spec.max_length:
                    raise ValueProblem("too_long", text[:40])
                return text
            case "longtext":
                return str(raw).strip()
            case "list":
                return _coerce_list(raw)
            case "axes":
                return codes.parse_axes(raw if not isinstance(raw, int) else [raw])
            case "int":
                return _coerce_int(spec, raw)
            case "bool":
                if isinstance(raw, bool):
                    return raw
                key = str(raw).strip().casefold()
                if key in _TRUE:
                    return True
                if key in _FALSE:
                    return False
                raise ValueProblem("boolean", str(raw))
            case "date":
                return _coerce_date(raw)
            case "siren":
                return codes.normalise_siren(str(raw))
            case "email":
                return codes.check_email(str(raw))
            case "naf":
                return codes.normalise_naf(str(raw))
            case "choice":
                return _coerce_choice(spec, raw)
            case "ref":
                return str(raw).strip()
    except ValueProblem as problem:
        raise FieldError(spec.name, problem.code, str(raw)) from problem
    raise AssertionError(f"unknown field kind {spec.kind}")


# --------------------------------------------------------------------------- references


def _by_ref_or_name(session: Session, model: type[Any], text: str, *names: str) -> Any | None:
    found = session.scalars(select(model).where(model.ref == text)).first()
    if found is not None:
        return found
    for name in names:
        column = getattr(model, name)
        found = session.scalars(select(model).where(func.lower(column) == text.lower())).first()
        if found is not None:
            return found
    return None


def find_structure(session: Session, text: str) -> Structure | None:
    """The structure whose code or name is `text` (case and accents ignored)."""
    key = fold(text)
    for structure in session.scalars(select(Structure)):
        if key in (fold(structure.code), fold(structure.name)) or fold(structure.name).startswith(key):
            return structure
    return None


def _resolve_reference(session: Session, name: str, text: str) -> Any:
    match name:
        case "company":
            target = _by_ref_or_name(session, Company, text, "name")
        case "unit":
            target = _by_ref_or_name(session, ResearchUnit, text, "acronym", "name", "unit_code")
        case "team":
            target = _by_ref_or_name(session, Team, text, "acronym", "name")
        case "structure":
            target = find_structure(session, text)
        case _:
            raise AssertionError(name)
    if target is None:
        raise FieldError(name, "unknown_reference", text)
    return target


def apply_values(session: Session, kind: str, record: Any, values: Mapping[str, Any]) -> list[FieldError]:
    """Check `values` (raw, by field name) and set them on `record`; return the problems found.

    Fields absent from `values` are left as they are. Nothing is set when a problem is found.
    """
    spec = KINDS[kind]
    problems: list[FieldError] = []
    checked: dict[str, Any] = {}
    for field_spec in spec.fields:
        if field_spec.name not in values:
            if field_spec.required and getattr(record, field_spec.name, None) in (None, ""):
                problems.append(FieldError(field_spec.name, "required"))
            continue
        try:
            value = coerce(field_spec, values[field_spec.name])
            if field_spec.kind == "ref" and value is not None:
                value = _resolve_reference(session, field_spec.name, value)
            checked[field_spec.name] = value
        except FieldError as problem:
            problems.append(problem)
    if problems:
        return problems
    for name, value in checked.items():
        if kind == "units" and name == "institutions":
            value = _institution_codes(value, checked, record)
        setattr(record, name, value)
    return []


def _institution_codes(values: list[str], checked: dict[str, Any], record: Any) -> list[str]:
    # Known institutions become codes; anything else goes to the free-text field.
    known = {fold(code): code for code in codes.INSTITUTIONS}
    known.update({"universitedelorraine": "UL", "universitedestrasbourg": "UNISTRA", "chru": "CHRU_NANCY"})
    result: list[str] = []
    others: list[str] = []
    for value in values:
        code = known.get(fold(value))
        if code:
            result.append(code)
        else:
            others.append(value)
    if others and not checked.get("institutions_other"):
        record.institutions_other = ", ".join(others)
        result.append("OTHER")
    return sorted(set(result), key=codes.INSTITUTIONS.index)


def find_by_ref(session: Session, kind: str, ref: str) -> Any | None:
    """The record of `kind` with this external reference, or None."""
    model = KINDS[kind].model
    return session.scalars(select(model).where(model.ref == ref)).first()


def get_record(session: Session, kind: str, record_id: uuid.UUID | str, lock: bool = False) -> Any:
    """The record of `kind` with this id; raises RecordNotFoundError.

    Args:
        lock: lock the row until the end of the transaction (SELECT ... FOR UPDATE on PostgreSQL;
            SQLite write transactions already hold the whole database).
    """
    key = record_id if isinstance(record_id, uuid.UUID) else uuid.UUID(str(record_id))
    record = session.get(KINDS[kind].model, key, with_for_update=lock or None)
    if record is None:
        raise RecordNotFoundError(f"{kind}/{record_id}")
    return record


def new_ref(session: Session, kind: str, taken: Collection[str] = ()) -> str:
    """A fresh reference for a record created by hand (N-0042, T-0007...), also not in `taken`
    (references given to records not written yet)."""
    prefix = {"companies": "C", "units": "U", "teams": "T", "needs": "N", "contacts": "P"}[kind]
    model = KINDS[kind].model
    count = session.scalar(select(func.count()).select_from(model)) or 0
    number = count + 1
    while (
        f"{prefix}-{number:04d}" in taken or find_by_ref(session, kind, f"{prefix}-{number:04d}") is not None
    ):
        number += 1
    return f"{prefix}-{number:04d}"


def replace_publications(team: Team, publications: Iterable[Mapping[str, Any]]) -> None:
    """Replace the team's publications with the given ones (title required)."""
    team.publications.clear()
    for item in publications:
        title = str(item.get("title") or "").strip()
        if not title:
            raise FieldError("publications", "required")
        year = item.get("year")
        team.publications.append(
            Publication(
                title=title,
                abstract=str(item.get("abstract") or "").strip(),
                year=int(year) if year not in (None, "") else None,
                venue=item.get("venue") or None,
                doi=item.get("doi") or None,
                hal_id=item.get("hal_id") or None,
            )
        )


def touch(record: Any) -> None:
    """Mark the record as updated now (also when only related rows changed)."""
    record.updated_at = utc_now()
