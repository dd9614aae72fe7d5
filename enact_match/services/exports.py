"""Exporting needs, teams, companies, matches and the pipeline as CSV or XLSX, formula-safe.

Two CSV profiles:
- `excel-fr`: semicolons, decimal commas and UTF-8 **with a BOM**. French Excel opens a `;` file by
  double-click; it reads it as UTF-8 only when the BOM is there (else as cp1252). The BOM was chosen
  over cp1252 because cp1252 cannot hold every name a partner sends (Œ is in it, but not ő, ł, ğ,
  Greek letters or "≥"): an export must lose nothing.
- `utf8`: plain UTF-8, commas, decimal points, for scripts and other tools.

Every text cell stays text (OWASP CSV injection): in CSV a text starting with `=`, `+`, `-`, `@`,
tab or CR gets a leading `'` (the importer removes it again); in XLSX text cells are written as
strings with the text number format, so nothing is ever a formula. Numbers stay numbers.
The columns of needs, teams and companies are the importer's field names: export then import gives
back the same records.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from enact_match.services.catalog import Viewer, need_visibility
from enact_match.services.records import KINDS, FieldSpec
from enact_match.services.tabular import FORMULA_PREFIXES
from enact_match.storage.database import Database
from enact_match.storage.models import Company, Match, Need, Team

EXPORT_KINDS = ("needs", "teams", "companies", "matches", "pipeline")
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class CsvProfile:
    """How a CSV file is written: delimiter, encoding and decimal mark."""

    delimiter: str
    encoding: str
    decimal_comma: bool


PROFILES = {
    "excel-fr": CsvProfile(";", "utf-8-sig", True),
    "utf8": CsvProfile(",", "utf-8", False),
}


class ExportError(ValueError):
    """An export was refused: `kind`, `profile` or `format` (unsupported file extension)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class ExportReport:
    """What was written."""

    kind: str
    path: Path
    rows: int
    format: str
    profile: str | None


def _joined(values: Sequence[Any] | None) -> str:
    return LIST_SEPARATOR.join(str(value) for value in values or ())


def _field_value(record: Any, spec: FieldSpec) -> Any:
    value = getattr(record, spec.name)
    if spec.kind == "ref":  # a linked record is written as its reference (a structure as its code)
        return None if value is None else getattr(value, "code", None) or value.ref
    if spec.kind in ("list", "axes"):
        return _joined(value)
    if spec.kind == "bool":
        return "yes" if value else "no"
    return value


def _record_row(kind: str) -> Callable[[Any], list[Any]]:
    """A record of an importable kind as the values of the importer's fields, in their order."""
    fields = KINDS[kind].fields
    return lambda record: [_field_value(record, spec) for spec in fields]


def _match_row(match: Match) -> list[Any]:
    return [
        match.need.ref,
        match.team.ref,
        match.need.title,
        match.team.name,
        round(match.score, 3) if match.score is not None else None,
        match.status,
        match.collaboration_type,
        match.decline_reason,
        match.owner,
        match.notes,
    ]


def _pipeline_row(match: Match) -> list[Any]:
    last = match.events[-1].at if match.events else match.updated_at
    company = match.need.company
    return [
        match.status,
        match.need.ref,
        match.need.title,
        company.name if company else None,
        match.team.ref,
        match.team.name,
        match.team.unit.acronym if match.team.unit else None,
        round(match.score, 3) if match.score is not None else None,
        match.owner,
        match.collaboration_type,
        match.decline_reason,
        last.date() if last else None,
        len(match.events),
    ]


# Needs, teams and companies are written with the importer's field names, in its order, so that an
# export imports back as the same records.
_COLUMNS: dict[str, tuple[str, ...]] = {
    **{kind: tuple(spec.name for spec in KINDS[kind].fields) for kind in ("needs", "teams", "companies")},
    "matches": (
        "need_ref",
        "team_ref",
        "need_title",
        "team_name",
        "score",
        "status",
        "collaboration_type",
        "decline_reason",
        "owner",
        "notes",
    ),
    "pipeline": (
        "stage",
        "need_ref",
        "need_title",
        "company",
        "team_ref",
        "team_name",
        "unit",
        "score",
        "owner",
        "collaboration_type",
        "decline_reason",
        "last_change_on",
        "events",
    ),
}


def _records(session: Session, kind: str, viewer: Viewer | None) -> list[list[Any]]:
    visible = need_visibility(viewer)
    queries: dict[str, tuple[Any, Callable[[Any], list[Any]]]] = {
        "needs": (
            select(Need)
            .options(selectinload(Need.company), selectinload(Need.structure))
            .where(visible)
            .order_by(Need.ref),
            _record_row("needs"),
        ),
        "teams": (select(Team).options(selectinload(Team.unit)).order_by(Team.ref), _record_row("teams")),
        "companies": (select(Company).order_by(Company.ref), _record_row("companies")),
        "matches": (_match_query().where(visible), _match_row),
        "pipeline": (_match_query().where(visible).options(selectinload(Match.events)), _pipeline_row),
    }
    query, convert = queries[kind]
    return [convert(record) for record in session.scalars(query)]


def _match_query() -> Any:
    return (
        select(Match)
        .options(
            selectinload(Match.need).selectinload(Need.company),
            selectinload(Match.team).selectinload(Team.unit),
        )
        .join(Need, Match.need_id == Need.id)
        .order_by(Need.ref, Match.score.desc())
    )


def export_table(
    kind: str, db: Database, viewer: Viewer | None = None
) -> tuple[tuple[str, ...], list[list[Any]]]:
    """The header and rows of an export of `kind` (typed values: numbers, dates, text).

    Needs, and matches on needs, that the viewer may not see (see catalog.need_visibility) are left out.
    """
    if kind not in EXPORT_KINDS:
        raise ExportError("kind", kind)
    with db.reading() as session:
        return _COLUMNS[kind], _records(session, kind, viewer)


# --------------------------------------------------------------------------- writers


def csv_cell(value: Any, profile: CsvProfile) -> str:
    """One CSV cell: numbers as numbers (decimal comma for `excel-fr`), text guarded against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text.replace(".", ",") if profile.decimal_comma else text
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], profile_name: str) -> None:
    """Write a CSV file with a profile, atomically (a temporary file renamed at the end)."""
    profile = PROFILES.get(profile_name)
    if profile is None:
        raise ExportError("profile", profile_name)
    buffer = io.StringIO(newline="")
    # QUOTE_MINIMAL quotes cells holding the delimiter, quotes or line breaks; CRLF as Excel writes.
    writer = csv.writer(buffer, delimiter=profile.delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(value, profile) for value in row])
    write_atomically(path, buffer.getvalue().encode(profile.encoding))


def write_xlsx(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], title: str) -> None:
    """Write an XLSX workbook: bold frozen header, column widths, autofilter, text cells as text."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    fill_sheet(sheet, header, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_atomically(path, buffer.getvalue())


def fill_sheet(sheet: Any, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Fill an openpyxl worksheet: bold frozen header, column widths, autofilter, text cells as text."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    widths = [len(name) for name in header]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column)
            if value is None:
                continue
            if isinstance(value, bool):
                value = "yes" if value else "no"
            if isinstance(value, int | float | datetime | date):
                cell.value = value
                if isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"
                text_length = len(str(value))
            else:
                text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
                cell.value = text
                # openpyxl makes any string starting with "=" a formula; force the string type back.
                cell.data_type = "s"
                cell.number_format = "@"
                text_length = max((len(line) for line in text.splitlines()), default=0)
            widths[column - 1] = max(widths[column - 1], text_length)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(header), 1))}{len(rows) + 1}"


def write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ExportError("unwritable", str(exc)) from exc


def write_file(
    path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], profile: str, title: str
) -> str:
    """Write rows as CSV or XLSX, chosen by the file's extension; returns the format used."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_csv(path, header, rows, profile)
        return "csv"
    if suffix == ".xlsx":
        write_xlsx(path, header, rows, title)
        return "xlsx"
    raise ExportError("format", suffix)


def export_file(
    db: Database, kind: str, path: Path, profile: str = "excel-fr", viewer: Viewer | None = None
) -> ExportReport:
    """Export every record of `kind` the viewer may see to `path` (.csv with a profile, or .xlsx).

    Raises:
        ExportError: `kind`, `profile`, `format` or `unwritable`.
    """
    if profile not in PROFILES:
        raise ExportError("profile", profile)
    header, rows = export_table(kind, db, viewer)
    written = write_file(path, header, rows, profile, kind)
    return ExportReport(kind, path, len(rows), written, profile if written == "csv" else None)
