"""Closed vocabularies of the domain (stable codes; `ui/` turns them into words) and value checks."""

from __future__ import annotations

import re
from collections.abc import Sequence

AXES = (1, 2, 3)
SIZE_CLASSES = ("TPE", "PME", "ETI", "GE")
INSTITUTIONS = ("UL", "UNISTRA", "INRIA", "CNRS", "INSERM", "CHRU_NANCY", "HUS", "OTHER")
DATA_AVAILABLE = ("none", "industrial", "medical", "other")
CONFIDENTIALITY = ("public", "network", "structure")
NEED_STATUSES = ("open", "in_progress", "closed")
MATCH_STATUSES = (
    "suggested",
    "shortlisted",
    "introduced",
    "meeting_held",
    "collaboration_started",
    "declined",
)
# Stages a match may move to from each stage (declining is possible at any open stage).
MATCH_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "suggested": ("shortlisted", "introduced", "declined"),
    "shortlisted": ("suggested", "introduced", "declined"),
    "introduced": ("shortlisted", "meeting_held", "declined"),
    "meeting_held": ("introduced", "collaboration_started", "declined"),
    "collaboration_started": ("meeting_held",),
    "declined": ("suggested", "shortlisted"),
}
COLLABORATION_TYPES = (
    "cifre",
    "research_contract",
    "service_contract",
    "licence",
    "joint_lab",
    "enact_chair",
    "maturation",
    "other",
)
DECLINE_REASONS = (
    "too_early",
    "benefit_unclear",
    "no_capacity",
    "confidentiality",
    "already_partners",
    "other",
)
EXCLUSION_REASONS = ("already_partners", "competitor", "conflict")
LEGAL_BASES = ("legitimate_interest", "consent", "contract", "other")

# Legal forms recognised in company names (for display, search and duplicate detection).
LEGAL_FORMS = (
    "SAS",
    "SASU",
    "SARL",
    "EURL",
    "SA",
    "SCOP",
    "SCIC",
    "SNC",
    "SCA",
    "SE",
    "GIE",
    "EI",
    "GMBH",
    "AG",
    "LTD",
    "LLC",
    "INC",
    "BV",
    "NV",
    "SPA",
    "SRL",
)

_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
_NAF = re.compile(r"^\d{2}\.?\d{2}[A-Z]$")
_LA_POSTE_SIREN = "356000000"


def luhn_ok(digits: str) -> bool:
    """True when a string of digits passes the Luhn checksum (SIREN and SIRET use it)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


class ValueProblem(ValueError):
    """A value that cannot be accepted; `code` is stable, `ui/` and the CLI turn it into words."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code if not detail else f"{code}: {detail}")
        self.code = code
        self.detail = detail


def normalise_siren(text: str) -> str:
    """Return the 9-digit SIREN of a SIREN or SIRET (spaces allowed), checksum verified.

    Raises:
        ValueProblem: `siren_format` (not 9 or 14 digits) or `siren_checksum`.
    """
    digits = re.sub(r"[\s.\-]", "", text)
    if not digits.isdigit() or len(digits) not in (9, 14):
        raise ValueProblem("siren_format", text)
    siren = digits[:9]
    if not luhn_ok(siren):
        raise ValueProblem("siren_checksum", text)
    if len(digits) == 14:
        # La Poste's establishments do not follow Luhn: their digits sum to a multiple of 5.
        siret_ok = sum(map(int, digits)) % 5 == 0 if siren == _LA_POSTE_SIREN else luhn_ok(digits)
        if not siret_ok:
            raise ValueProblem("siret_checksum", text)
    return siren


def check_email(text: str) -> str:
    """Return the e-mail address trimmed, or raise `ValueProblem('email')`."""
    value = text.strip()
    if not _EMAIL.match(value):
        raise ValueProblem("email", text)
    return value


def normalise_naf(text: str) -> str:
    """Return a NAF/APE code as `2410Z` (accepts `24.10Z`), or raise `ValueProblem('naf')`."""
    value = text.strip().upper().replace(" ", "")
    if not _NAF.match(value):
        raise ValueProblem("naf", text)
    return value.replace(".", "")


def parse_axes(value: str | Sequence[int | str]) -> list[int]:
    """Parse axes written as `1;3`, `A1, A3`, `[1, 3]` or a list; raise `ValueProblem('axes')`."""
    items = re.split(r"[;,|/\s]+", value.strip(" []")) if isinstance(value, str) else list(value)
    axes: set[int] = set()
    for item in items:
        token = str(item).strip().upper().removeprefix("AXE").removeprefix("AXIS").removeprefix("A").strip()
        if not token:
            continue
        if not token.isdigit() or int(token) not in AXES:
            raise ValueProblem("axes", str(value))
        axes.add(int(token))
    return sorted(axes)
