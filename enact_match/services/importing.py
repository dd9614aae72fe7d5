"""Importing teams, needs, companies, units and contacts from CSV or XLSX files, in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from enact_match.services.records import KINDS, FieldError, apply_values, find_by_ref, fold, new_ref
from enact_match.services.tabular import Table, TableReadError, read_table
from enact_match.storage.database import Database

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class RowProblem:
    """A problem of one cell: the file's row (line) number, the column header and a stable code."""

    row: int
    column: str
    code: str
    value: str = ""


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


class ImportRejectedError(ValueError):
    """The file was refused as a whole; nothing was written. `problems` lists the first problems."""

    def __init__(self, problems: list[RowProblem]) -> None:
        first = problems[0]
        super().__init__(f"row {first.row}, column {first.column!r}: {first.code} ({first.value!r})")
        self.problems = problems


class ImportFileError(ValueError):
    """The file could not be read as a table at all (encoding, format, size...)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def map_columns(kind: str, header: tuple[str, ...]) -> tuple[dict[int, str], tuple[str, ...]]:
    """Match the file's headers to the fields of `kind`, in French or English, ignoring case and accents.

    Returns:
        column index → field name, and the headers that matched no field.
    """
    lookup: dict[str, str] = {}
    for field_spec in KINDS[kind].fields:
        for name in (field_spec.name, *field_spec.aliases):
            lookup.setdefault(fold(name), field_spec.name)
    mapping: dict[int, str] = {}
    ignored: list[str] = []
    for index, title in enumerate(header):
        field_name = lookup.get(fold(title))
        if field_name is None or field_name in mapping.values():
            ignored.append(title)
        else:
            mapping[index] = field_name
    return mapping, tuple(ignored)


def _header_of(mapping: dict[int, str], header: tuple[str, ...], field_name: str) -> str:
    for index, name in mapping.items():
        if name == field_name:
            return header[index]
    return field_name


def import_table(
    db: Database,
    kind: str,
    table: Table,
    *,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    max_problems: int = 20,
) -> ImportReport:
    """Import the rows of `table` as records of `kind`, all or nothing.

    A row whose reference exists updates that record; a row without a reference column creates a
    record with a fresh reference. Any invalid row rejects the whole file.

    Raises:
        ImportRejectedError: with the problems found (row, column, code); the database is unchanged.
    """
    if kind not in KINDS:
        raise ImportFileError("kind", kind)
    mapping, ignored = map_columns(kind, table.header)
    missing = [
        spec.name for spec in KINDS[kind].fields if spec.required and spec.name not in mapping.values()
    ]
    if missing:
        raise ImportRejectedError([RowProblem(1, name, "missing_column") for name in missing])

    counts = {"created": 0, "updated": 0}
    try:
        with db.writing() as session:
            problems = _apply_rows(session, kind, table, mapping, counts, progress, max_problems)
            if problems:
                raise ImportRejectedError(problems)  # leaving the block rolls everything back
            session.flush()
            if dry_run:
                raise _DryRunFinishedError
    except _DryRunFinishedError:
        pass
    return ImportReport(
        kind,
        len(table.rows),
        counts["created"],
        counts["updated"],
        ignored,
        dry_run,
        table.encoding,
        table.delimiter,
    )


class _DryRunFinishedError(Exception):
    """Raised at the end of a dry run so that its transaction is rolled back."""


def _apply_rows(
    session: Session,
    kind: str,
    table: Table,
    mapping: dict[int, str],
    counts: dict[str, int],
    progress: ProgressCallback | None,
    max_problems: int,
) -> list[RowProblem]:
    problems: list[RowProblem] = []
    seen_refs: set[str] = set()
    total = len(table.rows)
    for position, (line, cells) in enumerate(table.rows, start=1):
        values = {name: (cells[index] if index < len(cells) else "") for index, name in mapping.items()}
        ref = (values.get("ref") or "").strip()
        if ref and ref in seen_refs:
            problems.append(RowProblem(line, _header_of(mapping, table.header, "ref"), "duplicate_ref", ref))
            continue
        record = find_by_ref(session, kind, ref) if ref else None
        is_new = record is None
        if record is None:
            record = KINDS[kind].model()
            values["ref"] = ref or new_ref(session, kind)
        row_problems = apply_values(session, kind, record, values)
        problems.extend(
            RowProblem(line, _header_of(mapping, table.header, problem.field), problem.code, problem.value)
            for problem in row_problems
        )
        if len(problems) >= max_problems:
            break
        if row_problems:
            continue
        if is_new:
            session.add(record)
        counts["created" if is_new else "updated"] += 1
        seen_refs.add(record.ref)
        if progress is not None:
            progress(position, total)
    return problems


def import_file(
    db: Database, kind: str, path: Path, *, dry_run: bool = False, progress: ProgressCallback | None = None
) -> ImportReport:
    """Read `path` (CSV or XLSX) and import it as records of `kind`; see `import_table`."""
    try:
        table = read_table(path)
    except TableReadError as exc:
        raise ImportFileError(exc.code, exc.detail) from exc
    return import_table(db, kind, table, dry_run=dry_run, progress=progress)


__all__ = [
    "FieldError",
    "ImportFileError",
    "ImportRejectedError",
    "ImportReport",
    "RowProblem",
    "import_file",
    "import_table",
    "map_columns",
]
