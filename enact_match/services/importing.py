"""Importing teams, needs, companies, units and contacts from CSV, XLSX or ODS files, in one transaction.

The steps a wizard shows are separate functions: `preview` (encoding, delimiter, header row, the
suggested column mapping with its confidence, and the first rows checked cell by cell), then
`import_file` with the mapping the user confirmed. Mappings are remembered per source: by the
fingerprint of the file's header and the kind of record. Two modes, one transaction either way:
`all-or-nothing` (any invalid row rejects the file) and `valid-rows` (invalid rows are left out and
returned, to be written to a file with their reasons by `write_rejected`). An incoming row that
duplicates an existing record (see `dedup`) updates that record instead of creating a twin.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from enact_match.services import audit
from enact_match.services.backup import backup_before
from enact_match.services.dedup import DEDUP_KINDS, DuplicateIndex
from enact_match.services.exports import write_csv
from enact_match.services.gdpr import ErasedPeople
from enact_match.services.records import KINDS, FieldError, apply_values, fold, new_ref
from enact_match.services.tabular import Table, TableReadError, read_table, sample_rows
from enact_match.storage.database import Database
from enact_match.storage.models import ImportMapping

ProgressCallback = Callable[[int, int], None]
MODES = ("all-or-nothing", "valid-rows")
FUZZY_HEADER_THRESHOLD = 80.0
PREVIEW_ROWS = 20
# references looked up per query when an import looks for the records its file names (SQLite allows
# 32,766 bound parameters; 500 keeps each statement small)
_REFS_PER_QUERY = 500
# An imported contact without a source or legal basis gets these (and the report counts them):
# the data came from the imported file, kept for the network's legitimate interest (B2B prospection).
GDPR_DEFAULT_SOURCE = "import: {file}"
GDPR_DEFAULT_LEGAL_BASIS = "legitimate_interest"


@dataclass(frozen=True)
class RowProblem:
    """A problem of one cell: the file's row (line) number, the column header and a stable code."""

    row: int
    column: str
    code: str
    value: str = ""
    field: str = ""


@dataclass(frozen=True)
class RejectedRow:
    """A row left out by a `valid-rows` import: its line, its cells and its problems."""

    row: int
    cells: tuple[str, ...]
    problems: tuple[RowProblem, ...]


@dataclass(frozen=True)
class DuplicateLink:
    """An incoming row that matched an existing record (or an earlier row) and updated it."""

    row: int
    ref: str | None
    rule: str  # siren, name, name_fuzzy, rnsr, unit_code, name_in_unit, email, name_organisation


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    kind: str
    rows: int
    created: int
    updated: int
    ignored_columns: tuple[str, ...]
    dry_run: bool
    encoding: str | None
    delimiter: str | None
    mode: str = "all-or-nothing"
    rejected: tuple[RejectedRow, ...] = ()
    links: tuple[DuplicateLink, ...] = ()
    header_line: int = 1
    header: tuple[str, ...] = ()
    erased_skipped: tuple[int, ...] = ()  # lines of people erased at their request (GDPR), not imported
    gdpr_defaults: int = 0  # contacts given the default source and legal basis (see GDPR_DEFAULT_*)


@dataclass(frozen=True)
class ColumnGuess:
    """The field suggested for one column, and how sure the suggestion is (0 to 1)."""

    index: int
    header: str
    field: str | None
    confidence: float
    source: str  # exact, fuzzy, remembered, chosen or none


@dataclass(frozen=True)
class PreviewRow:
    """One of the first rows of a file, checked as the import would check it."""

    row: int
    cells: tuple[str, ...]
    problems: tuple[RowProblem, ...]
    link: DuplicateLink | None


@dataclass(frozen=True)
class ImportPreview:
    """What a wizard shows before importing: how the file was read, the mapping and the first rows."""

    kind: str
    encoding: str | None
    delimiter: str | None
    header_line: int
    header: tuple[str, ...]
    columns: tuple[ColumnGuess, ...]
    remembered: bool
    missing_fields: tuple[str, ...]
    rows: tuple[PreviewRow, ...]
    total_rows: int


class ImportRejectedError(ValueError):
    """The file was refused as a whole; nothing was written. `problems` lists the first problems."""

    def __init__(self, problems: list[RowProblem]) -> None:
        first = problems[0]
        super().__init__(f"row {first.row}, column {first.column!r}: {first.code} ({first.value!r})")
        self.problems = problems


class ImportFileError(ValueError):
    """The file could not be read as a table at all (encoding, format, size...), or a bad option."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


# --------------------------------------------------------------------------- column mapping


def _header_names(kind: str) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for field_spec in KINDS[kind].fields:
        for name in (field_spec.name, *field_spec.aliases):
            lookup.setdefault(fold(name), field_spec.name)
    return lookup


def _best_field(key: str, lookup: dict[str, str]) -> tuple[str | None, float]:
    """The closest field name for a folded header: exact, else fuzzy (typos, extra words)."""
    if key in lookup:
        return lookup[key], 1.0
    best: tuple[str | None, float] = (None, 0.0)
    for name, field_name in lookup.items():
        score = fuzz.ratio(key, name)
        if len(name) >= 5 and name in key:
            # "Nom de l'entreprise" holds "entreprise": sure in proportion to the share it covers.
            score = max(score, 80 + 20 * len(name) / len(key))
        if score > best[1]:
            best = (field_name, score)
    if best[1] < FUZZY_HEADER_THRESHOLD:
        return None, 0.0
    return best[0], round(best[1] / 100, 3)


def suggest_mapping(kind: str, header: Sequence[str]) -> tuple[ColumnGuess, ...]:
    """Suggest a field for each column from its French or English header (case, accents, typos ignored).

    A field goes to the column that names it most surely (the first one on a tie); other columns
    that name it are left out.
    """
    lookup = _header_names(kind)
    scored = [(index, title, *_best_field(fold(title), lookup)) for index, title in enumerate(header)]
    taken: set[str] = set()
    guesses: dict[int, ColumnGuess] = {}
    for index, title, field_name, confidence in sorted(scored, key=lambda item: (-item[3], item[0])):
        if field_name is None or field_name in taken:
            guesses[index] = ColumnGuess(index, title, None, 0.0, "none")
        else:
            taken.add(field_name)
            source = "exact" if confidence == 1.0 else "fuzzy"
            guesses[index] = ColumnGuess(index, title, field_name, confidence, source)
    return tuple(guesses[index] for index in range(len(header)))


def map_columns(kind: str, header: tuple[str, ...]) -> tuple[dict[int, str], tuple[str, ...]]:
    """Match the file's headers to the fields of `kind`, in French or English, ignoring case and accents.

    Returns:
        column index → field name, and the headers that matched no field.
    """
    guesses = suggest_mapping(kind, header)
    mapping = {guess.index: guess.field for guess in guesses if guess.field is not None}
    return mapping, tuple(guess.header for guess in guesses if guess.field is None)


def header_fingerprint(kind: str, header: Sequence[str]) -> str:
    """The key a mapping is remembered by: the kind and the header's names (case and accents ignored)."""
    text = "\x1f".join([kind, *(fold(title) for title in header)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def remembered_mapping(db: Database, kind: str, header: Sequence[str]) -> tuple[str | None, ...] | None:
    """The mapping last used for a file of this kind with this header, or None."""
    fingerprint = header_fingerprint(kind, header)
    with db.reading() as session:
        found = session.scalars(select(ImportMapping).where(ImportMapping.fingerprint == fingerprint)).first()
        return tuple(found.columns) if found is not None and len(found.columns) == len(header) else None


def remember_mapping(db: Database, kind: str, header: Sequence[str], columns: Sequence[str | None]) -> None:
    """Remember the field chosen for each column (None: ignored) for files with this header."""
    _check_columns(kind, header, columns)
    fingerprint = header_fingerprint(kind, header)
    with db.writing() as session:
        _store_mapping(session, fingerprint, kind, header, columns)


def _store_mapping(
    session: Session, fingerprint: str, kind: str, header: Sequence[str], columns: Sequence[str | None]
) -> None:
    found = session.scalars(select(ImportMapping).where(ImportMapping.fingerprint == fingerprint)).first()
    if found is None:
        found = ImportMapping(fingerprint=fingerprint, kind=kind)
        session.add(found)
    found.header = list(header)
    found.columns = list(columns)


def _check_columns(kind: str, header: Sequence[str], columns: Sequence[str | None]) -> dict[int, str]:
    if kind not in KINDS:
        raise ImportFileError("kind", kind)
    if len(columns) != len(header):
        raise ImportFileError("mapping_length", f"{len(columns)} != {len(header)}")
    known = {spec.name for spec in KINDS[kind].fields}
    mapping: dict[int, str] = {}
    for index, name in enumerate(columns):
        if name is None:
            continue
        if name not in known or name in mapping.values():
            raise ImportFileError("mapping_field", name)
        mapping[index] = name
    return mapping


def _choose_mapping(
    db: Database, kind: str, header: tuple[str, ...], columns: Sequence[str | None] | None
) -> tuple[tuple[ColumnGuess, ...], bool]:
    """The mapping to use: the one given, else the one remembered for this header, else a suggestion."""
    if columns is not None:
        _check_columns(kind, header, columns)
        return _guesses(header, columns, "chosen"), False
    remembered = remembered_mapping(db, kind, header)
    if remembered is not None:
        try:
            _check_columns(kind, header, remembered)
            return _guesses(header, remembered, "remembered"), True
        except ImportFileError:
            pass  # remembered before the fields changed: suggest afresh
    return suggest_mapping(kind, header), False


def _guesses(header: Sequence[str], columns: Sequence[str | None], source: str) -> tuple[ColumnGuess, ...]:
    return tuple(
        ColumnGuess(index, title, name, 1.0 if name else 0.0, source if name else "none")
        for index, (title, name) in enumerate(zip(header, columns, strict=True))
    )


def _missing_fields(kind: str, mapping: dict[int, str]) -> list[str]:
    return [spec.name for spec in KINDS[kind].fields if spec.required and spec.name not in mapping.values()]


# --------------------------------------------------------------------------- importing


def import_table(
    db: Database,
    kind: str,
    table: Table,
    *,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    max_problems: int = 20,
    mode: str = "all-or-nothing",
    columns: Sequence[str | None] | None = None,
    link_duplicates: bool = True,
    source: str = "",
) -> ImportReport:
    """Import the rows of `table` as records of `kind`, in one transaction.

    A SQLite database is backed up (and the copy verified) first, unless it is a dry run. Contacts
    recognised as people erased at their request are skipped and listed in `erased_skipped`.

    A row whose reference exists updates that record; a row that duplicates an existing record
    (same SIREN, e-mail...; see `dedup`) updates it too when `link_duplicates`; any other row creates
    a record (with a fresh reference when the file has none).

    Args:
        mode: `all-or-nothing` (any invalid row rejects the file) or `valid-rows` (invalid rows are
            left out and listed in the report's `rejected`).
        columns: the field of each column (None: ignored); None maps the headers automatically.
        source: the file's name, recorded as the source of imported contacts that have none.

    Raises:
        ImportRejectedError: with the problems found (row, column, code); the database is unchanged.
        ImportFileError: `kind`, `mode`, `mapping_length` or `mapping_field`.
    """
    if kind not in KINDS:
        raise ImportFileError("kind", kind)
    if mode not in MODES:
        raise ImportFileError("mode", mode)
    guesses = suggest_mapping(kind, table.header) if columns is None else _guesses(table.header, columns, "")
    mapping = _check_columns(kind, table.header, [guess.field for guess in guesses])
    missing = _missing_fields(kind, mapping)
    if missing:
        raise ImportRejectedError([RowProblem(1, name, "missing_column", field=name) for name in missing])
    if not dry_run:
        backup_before(db, "import")
    return _run_import(
        db, kind, table, mapping, mode, dry_run, link_duplicates, progress, max_problems, source
    )


def _run_import(
    db: Database,
    kind: str,
    table: Table,
    mapping: dict[int, str],
    mode: str,
    dry_run: bool,
    link_duplicates: bool,
    progress: ProgressCallback | None,
    max_problems: int,
    source: str = "",
) -> ImportReport:
    run = _ImportRun(kind, table, mapping, mode, max_problems, source)
    with db.writing(dry_run=dry_run) as session:
        run.apply(session, link_duplicates, progress)
        if run.problems and mode == "all-or-nothing":
            raise ImportRejectedError(run.problems)  # leaving the block rolls everything back
        audit.record_event(session, None, kind, None, "import", sorted(set(mapping.values())))
    return ImportReport(
        kind,
        len(table.rows),
        run.created,
        run.updated,
        tuple(table.header[index] for index in range(len(table.header)) if index not in mapping),
        dry_run,
        table.encoding,
        table.delimiter,
        mode,
        tuple(run.rejected),
        tuple(run.links),
        table.header_line,
        table.header,
        tuple(run.erased_skipped),
        run.gdpr_defaults,
    )


class _ImportRun:
    """The state of one import while its rows are applied in a session."""

    def __init__(
        self, kind: str, table: Table, mapping: dict[int, str], mode: str, max_problems: int, source: str
    ) -> None:
        self.kind, self.table, self.mapping, self.mode = kind, table, mapping, mode
        self.max_problems = max_problems
        self.source = source
        self.created = self.updated = self.gdpr_defaults = 0
        self.erased_skipped: list[int] = []
        self.erased = ErasedPeople([])
        self.problems: list[RowProblem] = []
        self.rejected: list[RejectedRow] = []
        self.links: list[DuplicateLink] = []
        self._headers = {name: table.header[index] for index, name in mapping.items()}

    def problem(self, line: int, field_name: str, code: str, value: str = "") -> RowProblem:
        return RowProblem(line, self._headers.get(field_name, field_name), code, value, field_name)

    def apply(self, session: Session, link_duplicates: bool, progress: ProgressCallback | None) -> None:
        index = DuplicateIndex(session, self.kind) if link_duplicates and self.kind in DEDUP_KINDS else None
        if self.kind == "contacts":
            self.erased = ErasedPeople.of_session(session)
        named = self._named_refs()
        existing = self._records_by_ref(session, named)
        seen_refs: set[str] = set()
        total = len(self.table.rows)
        # the rows are written together at the end (one batch of INSERTs, not one flush per row): the
        # records of the file are found by reference in `existing`; a new reference avoids those named
        # in the file and those given already
        with session.no_autoflush:
            for position, (line, cells) in enumerate(self.table.rows, start=1):
                row_problems = self._apply_row(session, index, seen_refs, existing, named, line, cells)
                if row_problems:
                    self.problems.extend(row_problems)
                    self.rejected.append(RejectedRow(line, cells, tuple(row_problems)))
                    if self.mode == "all-or-nothing" and len(self.problems) >= self.max_problems:
                        break
                if progress is not None:
                    progress(position, total)

    def _named_refs(self) -> set[str]:
        """The references the file's rows name."""
        column = next((column for column, name in self.mapping.items() if name == "ref"), None)
        if column is None:
            return set()
        return {cells[column].strip() for _, cells in self.table.rows if column < len(cells)} - {""}

    def _records_by_ref(self, session: Session, refs: set[str]) -> dict[str, Any]:
        """The stored records with these references (one query per 500 references)."""
        model = KINDS[self.kind].model
        ordered = sorted(refs)
        found: dict[str, Any] = {}
        for start in range(0, len(ordered), _REFS_PER_QUERY):
            query = select(model).where(model.ref.in_(ordered[start : start + _REFS_PER_QUERY]))
            found.update((record.ref, record) for record in session.scalars(query))
        return found

    def _apply_row(
        self,
        session: Session,
        index: DuplicateIndex | None,
        seen_refs: set[str],
        existing: dict[str, Any],
        named: set[str],
        line: int,
        cells: tuple[str, ...],
    ) -> list[RowProblem]:
        values: dict[str, Any] = {
            name: (cells[column] if column < len(cells) else "") for column, name in self.mapping.items()
        }
        ref = (values.get("ref") or "").strip()
        if ref and ref in seen_refs:
            return [self.problem(line, "ref", "duplicate_ref", ref)]
        record = existing.get(ref) if ref else None
        link: DuplicateLink | None = None
        if record is None and index is not None:
            found = index.find(values)
            if found is not None:
                record, rule = found
                link = DuplicateLink(line, record.ref, rule)
                values.pop("ref", None)  # the existing record keeps its reference
        is_new = record is None
        if record is None:
            record = KINDS[self.kind].model()
            values["ref"] = ref or new_ref(session, self.kind, seen_refs | named)
        problems: list[FieldError] = apply_values(session, self.kind, record, values)
        if problems:
            return [self.problem(line, item.field, item.code, item.value) for item in problems]
        if self.kind == "contacts" and self._skip_erased_or_apply_gdpr_defaults(session, record, line):
            return []
        if is_new:
            session.add(record)
            self.created += 1
            if index is not None:
                index.add(record)
        else:
            self.updated += 1
        if link is not None:
            self.links.append(link)
        seen_refs.add(record.ref)
        return []

    def _skip_erased_or_apply_gdpr_defaults(self, session: Session, record: Any, line: int) -> bool:
        """Skip an erased person; give a contact without them the default source and legal basis."""
        if self.erased and self.erased.recognises(record):
            if record in session:
                session.expunge(record)
            self.erased_skipped.append(line)
            return True
        if not record.source or not record.legal_basis:
            record.source = record.source or GDPR_DEFAULT_SOURCE.format(file=self.source or "?")
            record.legal_basis = record.legal_basis or GDPR_DEFAULT_LEGAL_BASIS
            self.gdpr_defaults += 1
        return False


def _read(path: Path, header_line: int | None) -> Table:
    try:
        return read_table(path, header_line)
    except TableReadError as exc:
        raise ImportFileError(exc.code, exc.detail) from exc


def import_file(
    db: Database,
    kind: str,
    path: Path,
    *,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    mode: str = "all-or-nothing",
    columns: Sequence[str | None] | None = None,
    header_line: int | None = None,
    link_duplicates: bool = True,
) -> ImportReport:
    """Read `path` (CSV, XLSX or ODS) and import it as records of `kind`; see `import_table`.

    Args:
        columns: the field of each column as the user confirmed it; remembered for the next file
            with the same header (after a real import). None uses the remembered mapping, if any,
            else the suggested one.
        header_line: the line of the header row; None finds it.
    """
    table = _read(path, header_line)
    guesses, _ = _choose_mapping(db, kind, table.header, columns)
    chosen = [guess.field for guess in guesses]
    report = import_table(
        db,
        kind,
        table,
        dry_run=dry_run,
        progress=progress,
        mode=mode,
        columns=chosen,
        link_duplicates=link_duplicates,
        source=path.name,
    )
    if columns is not None and not dry_run:
        remember_mapping(db, kind, table.header, chosen)
    return report


def preview(
    db: Database,
    path: Path,
    kind: str,
    *,
    header_line: int | None = None,
    columns: Sequence[str | None] | None = None,
    rows: int = PREVIEW_ROWS,
) -> ImportPreview:
    """Read a file and check its first rows as an import would, without writing anything.

    Args:
        header_line: the line of the header row; None finds it.
        columns: a mapping to try (the wizard's current choice); None uses the remembered one, else
            the suggested one.
    """
    if kind not in KINDS:
        raise ImportFileError("kind", kind)
    table = _read(path, header_line)
    guesses, remembered = _choose_mapping(db, kind, table.header, columns)
    mapping = {guess.index: guess.field for guess in guesses if guess.field is not None}
    sample = sample_rows(table, rows)
    report = _run_import(db, kind, sample, mapping, "valid-rows", True, True, None, rows)
    problems = {rejected.row: rejected.problems for rejected in report.rejected}
    links = {link.row: link for link in report.links}
    return ImportPreview(
        kind,
        table.encoding,
        table.delimiter,
        table.header_line,
        table.header,
        guesses,
        remembered,
        tuple(_missing_fields(kind, mapping)),
        tuple(
            PreviewRow(line, cells, problems.get(line, ()), links.get(line)) for line, cells in sample.rows
        ),
        len(table.rows),
    )


def write_rejected(
    path: Path,
    header: Sequence[str],
    rejected: Sequence[RejectedRow],
    describe: Callable[[RowProblem], str] = lambda problem: f"{problem.column}: {problem.code}",
    profile: str = "excel-fr",
) -> None:
    """Write the rejected rows to a CSV file: the line, the original cells and the reasons."""
    rows = [
        [item.row, *item.cells, " | ".join(describe(problem) for problem in item.problems)]
        for item in rejected
    ]
    write_csv(path, ["line", *header, "problems"], rows, profile)


__all__ = [
    "FieldError",
    "ImportFileError",
    "ImportPreview",
    "ImportRejectedError",
    "ImportReport",
    "RowProblem",
    "import_file",
    "import_table",
    "map_columns",
    "preview",
    "write_rejected",
]
