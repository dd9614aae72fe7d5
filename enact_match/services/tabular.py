"""Reading spreadsheets as partners send them: CSV in any usual encoding and delimiter, and XLSX.

Returns rows of text; knows nothing of the records. XLSX files are checked before parsing (size,
compression ratio) and read with defusedxml, so a hostile file is refused rather than parsed.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 500 * 1024 * 1024
MAX_XLSX_RATIO = 200  # a zip bomb compresses far better than any real spreadsheet
MAX_ROWS = 1_000_000
MAX_COLUMNS = 500
MAX_CELL_CHARS = 10 * 1024 * 1024

csv.field_size_limit(MAX_CELL_CHARS)


class TableReadError(ValueError):
    """The file cannot be read as a table; `code` is stable (`encoding`, `too_large`, `xlsx_*`...)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Table:
    """A table read from a file: the header cells and the data rows with their line numbers."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    encoding: str | None = None
    delimiter: str | None = None


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode file bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252.

    Returns:
        The text and the name of the encoding used.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise TableReadError("encoding", str(exc)) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # French Excel writes cp1252; its five undefined bytes mean the file is something else.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise TableReadError("encoding", str(exc)) from exc


def guess_delimiter(text: str) -> str:
    """The most likely delimiter among `;`, `,` and tab, judged on the first lines."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        counts = {delimiter: sample.count(delimiter) for delimiter in (";", ",", "\t")}
        return max(counts, key=lambda delimiter: counts[delimiter])


def _non_empty(rows: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, tuple[str, ...]]]:
    for number, cells in rows:
        if len(cells) > MAX_COLUMNS:
            raise TableReadError("too_many_columns", str(len(cells)))
        if any(cell.strip() for cell in cells):
            yield number, tuple(cells)


def _table_from_rows(
    rows: Iterator[tuple[int, tuple[str, ...]]], encoding: str | None, delimiter: str | None
) -> Table:
    header: tuple[str, ...] | None = None
    body: list[tuple[int, tuple[str, ...]]] = []
    for number, cells in rows:
        if header is None:
            header = tuple(cell.strip() for cell in cells)
            continue
        if len(body) >= MAX_ROWS:
            raise TableReadError("too_many_rows", str(MAX_ROWS))
        body.append((number, cells))
    if header is None:
        raise TableReadError("empty")
    return Table(header, tuple(body), encoding, delimiter)


def read_csv_bytes(data: bytes) -> Table:
    """Read CSV bytes (encoding and delimiter detected)."""
    text, encoding = decode_text(data)
    delimiter = guess_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def numbered() -> Iterator[tuple[int, list[str]]]:
        # A row is named by the line it starts on (a quoted cell may span several lines).
        start = 1
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1

    try:
        return _table_from_rows(_non_empty(numbered()), encoding, delimiter)
    except csv.Error as exc:
        raise TableReadError("csv", str(exc)) from exc


def _check_xlsx_archive(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                if info.compress_size and info.file_size / info.compress_size > MAX_XLSX_RATIO:
                    raise TableReadError("xlsx_ratio", info.filename)
            if total > MAX_XLSX_UNCOMPRESSED:
                raise TableReadError("too_large", str(total))
    except zipfile.BadZipFile as exc:
        raise TableReadError("xlsx_invalid", str(exc)) from exc


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return]
    return str(value)


def read_xlsx(path: Path) -> Table:
    """Read the first sheet of an XLSX workbook, defensively."""
    _check_xlsx_archive(path)
    import openpyxl  # deferred: only imports need it
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:  # openpyxl parses with defusedxml only when it is installed and not disabled
        raise TableReadError("xlsx_unsafe", "defusedxml is not available")

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise TableReadError("xlsx_invalid", str(exc)) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = (
            (number, [_cell_text(value) for value in values[: MAX_COLUMNS + 1]])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
        return _table_from_rows(_non_empty(rows), None, None)
    finally:
        workbook.close()


def read_table(path: Path) -> Table:
    """Read a CSV or XLSX file into a Table; raises TableReadError with a stable code."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise TableReadError("unreadable", str(exc)) from exc
    if size > MAX_FILE_BYTES:
        raise TableReadError("too_large", str(size))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv", ""):
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TableReadError("unreadable", str(exc)) from exc
        return read_csv_bytes(data)
    raise TableReadError("format", suffix)
