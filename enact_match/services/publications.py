"""Importing a team's publications from BibTeX or from HAL's CSV export: evidence for matching.

The BibTeX reader is written here, small and forgiving, rather than taken from a library:
bibtexparser 2 was still a beta line when this was written and pybtex brings a LaTeX codec, YAML
and a plugin system; the importer needs six fields (title, abstract, year, venue, DOI, HAL id) from
files that are often slightly broken, and must never fail on a bad entry (it is skipped, counted).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from enact_match.services.records import FieldError, find_by_ref, fold, touch
from enact_match.services.tabular import MAX_FILE_BYTES, TableReadError, decode_text, read_table
from enact_match.storage.database import Database
from enact_match.storage.models import Publication

MAX_ENTRIES = 20_000
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "c": "\u0327"}
_LIGATURES = {"oe": "œ", "OE": "Œ", "ae": "æ", "AE": "Æ", "ss": "ß", "o": "ø", "O": "Ø"}
_HAL_COLUMNS = {
    "title": ("title_s", "titre", "title", "en_title_s", "fr_title_s"),
    "abstract": ("abstract_s", "resume", "abstract", "en_abstract_s", "fr_abstract_s"),
    "year": ("producedDateY_i", "publicationDateY_i", "annee", "year", "date de production"),
    "venue": ("journalTitle_s", "conferenceTitle_s", "bookTitle_s", "revue", "journal", "source"),
    "doi": ("doiId_s", "doi"),
    "hal_id": ("halId_s", "identifiant hal", "hal_id", "halid"),
}


class PublicationFileError(ValueError):
    """The file cannot be read as publications (`format`, `empty`, or a table reading code)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class PublicationEntry:
    """A publication read from a file."""

    title: str
    abstract: str = ""
    year: int | None = None
    venue: str | None = None
    doi: str | None = None
    hal_id: str | None = None


@dataclass(frozen=True)
class PublicationReport:
    """What an import of publications did: entries read, added, already there, unreadable."""

    team_ref: str | None
    read: int
    added: int
    already_known: int
    skipped: int
    dry_run: bool


# --------------------------------------------------------------------------- BibTeX


def latex_to_text(text: str) -> str:
    """Plain text from BibTeX field text: accents (\\'e, {\\"o}), escapes, braces and spaces."""

    def accent(match: re.Match[str]) -> str:
        return unicodedata.normalize("NFC", match.group(2) + _ACCENTS[match.group(1)])

    text = re.sub(r"\\([`'^\"~c])\s*\{?\s*([A-Za-z])\}?", accent, text)
    text = re.sub(r"\\(oe|OE|ae|AE|ss|o|O)\b\s*", lambda match: _LIGATURES[match.group(1)], text)
    text = re.sub(r"\\([&%$#_{}])", r"\1", text)
    text = re.sub(r"\\[A-Za-z]+\s*", "", text)  # formatting commands (\emph, \textit...) keep their text
    text = text.replace("{", "").replace("}", "").replace("~", " ").replace("--", "–")
    return " ".join(text.split())


def _value_end(text: str, start: int) -> tuple[str, int]:
    """Read a field value (braced, quoted, a number or a macro name, joined by #) from `start`."""
    parts: list[str] = []
    position = start
    length = len(text)
    while position < length:
        while position < length and text[position].isspace():
            position += 1
        if position >= length:
            break
        char = text[position]
        if char == "{":
            depth, position = 1, position + 1
            begin = position
            while position < length and depth:
                depth += {"{": 1, "}": -1}.get(text[position], 0)
                position += 1
            parts.append(text[begin : position - 1] if depth == 0 else text[begin:position])
        elif char == '"':
            position += 1
            begin = position
            depth = 0
            while position < length and (text[position] != '"' or depth):
                depth += {"{": 1, "}": -1}.get(text[position], 0)
                position += 1
            parts.append(text[begin:position])
            position += 1
        else:
            match = re.compile(r"[^\s,#}]+").match(text, position)
            if match is None:
                break
            parts.append(match.group(0))
            position = match.end()
        while position < length and text[position].isspace():
            position += 1
        if position < length and text[position] == "#":
            position += 1
            continue
        break
    return "".join(parts), position


_ENTRY_START = re.compile(r"@\s*([A-Za-z]+)\s*[{(]")
_FIELD_NAME = re.compile(r"\s*,?\s*([A-Za-z][\w\-:.]*)\s*=\s*")


def parse_bibtex(text: str) -> Iterator[dict[str, str] | None]:
    """The entries of a BibTeX text as field dicts (lower-case names); None for an unreadable entry.

    @comment, @preamble and @string entries are skipped.
    """
    position = 0
    count = 0
    while count < MAX_ENTRIES:
        match = _ENTRY_START.search(text, position)
        if match is None:
            return
        count += 1
        entry_type = match.group(1).casefold()
        # The entry ends at the next "@" that starts a line, or at the end of the text.
        following = re.compile(r"^\s*@", re.MULTILINE).search(text, match.end())
        end = following.start() if following else len(text)
        body = text[match.end() : end]
        position = end
        if entry_type in ("comment", "preamble", "string"):
            continue
        yield _parse_entry(body)


def _parse_entry(body: str) -> dict[str, str] | None:
    comma = body.find(",")
    if comma < 0:
        return None
    fields: dict[str, str] = {}
    position = comma + 1
    while True:
        match = _FIELD_NAME.match(body, position)
        if match is None:
            break
        value, position = _value_end(body, match.end())
        fields[match.group(1).casefold()] = value
    return fields or None


def _year(text: str | None) -> int | None:
    found = re.search(r"\b(1[89]\d\d|20\d\d)\b", text or "")
    return int(found.group(1)) if found else None


def _entry_from_bibtex(fields: dict[str, str]) -> PublicationEntry | None:
    title = latex_to_text(fields.get("title", ""))
    if not title:
        return None
    venue = next((fields[name] for name in ("journal", "booktitle", "publisher") if fields.get(name)), None)
    doi = fields.get("doi", "").strip().removeprefix("https://doi.org/") or None
    hal_id = (fields.get("hal_id") or fields.get("halid") or "").strip() or None
    return PublicationEntry(
        title[:2000],
        latex_to_text(fields.get("abstract", "")),
        _year(fields.get("year") or fields.get("date")),
        latex_to_text(venue)[:300] if venue else None,
        doi[:200] if doi else None,
        hal_id[:60] if hal_id else None,
    )


# --------------------------------------------------------------------------- files


def read_publications(path: Path) -> tuple[list[PublicationEntry], int]:
    """Read a .bib file or a HAL CSV export; returns the entries and how many were unreadable."""
    suffix = path.suffix.lower()
    if suffix in (".bib", ".bibtex"):
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise PublicationFileError("too_large")
            text, _ = decode_text(path.read_bytes())
        except OSError as exc:
            raise PublicationFileError("unreadable", str(exc)) from exc
        except TableReadError as exc:
            raise PublicationFileError(exc.code, exc.detail) from exc
        found = [_entry_from_bibtex(fields) if fields else None for fields in parse_bibtex(text)]
    elif suffix in (".csv", ".tsv", ".txt", ".xlsx", ".ods"):
        found = _read_hal_table(path)
    else:
        raise PublicationFileError("format", suffix)
    entries = [entry for entry in found if entry is not None]
    if not found:
        raise PublicationFileError("empty")
    return entries, len(found) - len(entries)


def _read_hal_table(path: Path) -> list[PublicationEntry | None]:
    try:
        table = read_table(path)
    except TableReadError as exc:
        raise PublicationFileError(exc.code, exc.detail) from exc
    positions: dict[str, int] = {}
    for name, aliases in _HAL_COLUMNS.items():
        wanted = {fold(alias) for alias in aliases}
        for index, title in enumerate(table.header):
            if fold(title) in wanted:
                positions.setdefault(name, index)
    if "title" not in positions:
        raise PublicationFileError("missing_title_column")

    def cell(cells: tuple[str, ...], name: str) -> str:
        index = positions.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    found: list[PublicationEntry | None] = []
    for _, cells in table.rows:
        title = cell(cells, "title")
        found.append(
            PublicationEntry(
                title[:2000],
                cell(cells, "abstract"),
                _year(cell(cells, "year")),
                cell(cells, "venue")[:300] or None,
                cell(cells, "doi")[:200] or None,
                cell(cells, "hal_id")[:60] or None,
            )
            if title
            else None
        )
    return found


def _identity(title: str, doi: str | None, hal_id: str | None) -> set[str]:
    keys = {f"title:{fold(title)}"}
    if doi:
        keys.add(f"doi:{doi.casefold()}")
    if hal_id:
        keys.add(f"hal:{hal_id.casefold()}")
    return keys


def import_publications(
    db: Database, path: Path, team_ref: str, *, dry_run: bool = False
) -> PublicationReport:
    """Add the publications of a file to a team, skipping those it already has (DOI, HAL id or title).

    The team is marked as changed, so the suggestion service re-indexes it with its new evidence.

    Raises:
        PublicationFileError: the file cannot be read. FieldError: `team` `unknown_reference`.
    """
    entries, skipped = read_publications(path)
    with db.writing(dry_run=dry_run) as session:
        added = _add_publications(session, team_ref, entries)
    return PublicationReport(team_ref, len(entries), added, len(entries) - added, skipped, dry_run)


def _add_publications(session: Session, team_ref: str, entries: list[PublicationEntry]) -> int:
    team = find_by_ref(session, "teams", team_ref)
    if team is None:
        raise FieldError("team", "unknown_reference", team_ref)
    known: set[str] = set()
    for publication in team.publications:
        known |= _identity(publication.title, publication.doi, publication.hal_id)
    added = 0
    for entry in entries:
        keys = _identity(entry.title, entry.doi, entry.hal_id)
        if keys & known:
            continue
        known |= keys
        team.publications.append(
            Publication(
                title=entry.title,
                abstract=entry.abstract,
                year=entry.year,
                venue=entry.venue,
                doi=entry.doi,
                hal_id=entry.hal_id,
            )
        )
        added += 1
    if added:
        touch(team)
    return added
