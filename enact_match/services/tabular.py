"""Reading spreadsheets as partners send them: CSV in any usual encoding and delimiter, XLSX and ODS.

Returns rows of text; knows nothing of the records. The header row is found among the first rows
(a title line or a merged group header above it is skipped). Archives (XLSX, ODS) are checked before
parsing (size, compression ratio) and their XML is read with defusedxml; rows, columns and cells are
capped while reading, whatever the file claims (an XLSX `<dimension>` can claim 1,048,576 rows, an ODS
cell can claim to repeat a billion times), so a hostile file is refused in seconds rather than parsed.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, ParseError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ARCHIVE_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ARCHIVE_RATIO = 200  # a zip bomb compresses far better than any real spreadsheet
MAX_ROWS = 100_000  # counted with empty rows: a file cannot make the reader walk a million of them
MAX_COLUMNS = 500
MAX_CELLS = 2_000_000
MAX_CELL_CHARS = 1024 * 1024
HEADER_SEARCH_ROWS = 20
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

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
    header_line: int = 1


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode file bytes: UTF-8 (with or without BOM), UTF-16 (BOM, or guessed from zero bytes), else cp1252.

    Returns:
        The text and the name of the encoding used.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16"), "utf-16"
    head = data[:4096]
    # UTF-16 without BOM: ASCII text with a zero byte after (LE) or before (BE) each character.
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
        return _decode(data, "utf-16-le"), "utf-16-le"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) == 0:
        return _decode(data, "utf-16-be"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # French Excel writes cp1252; its five undefined bytes mean the file is something else.
    return _decode(data, "cp1252"), "cp1252"


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
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


def unescape_formula_guard(cell: str) -> str:
    """Undo the `'` that a formula-safe CSV export puts before `=`, `+`, `-`, `@`, tab or CR."""
    if cell.startswith("'") and cell[1:2] and cell[1:2] in FORMULA_PREFIXES:
        return cell[1:]
    return cell


def find_header(rows: list[tuple[int, tuple[str, ...]]]) -> int:
    """The index of the header among the first non-empty rows.

    The header is the first row that fills at least half as many cells as the fullest of the first
    rows: a title line ("Export du 12/03") or a merged group header ("Entreprise" over three
    columns) above it fills fewer, and is skipped.
    """
    sample = rows[:HEADER_SEARCH_ROWS]
    if not sample:
        raise TableReadError("empty")
    filled = [sum(1 for cell in cells if cell.strip()) for _, cells in sample]
    widest = max(filled)
    return next(index for index, count in enumerate(filled) if count * 2 >= widest)


def table_from_rows(
    rows: Iterable[tuple[int, list[str] | tuple[str, ...]]],
    encoding: str | None = None,
    delimiter: str | None = None,
    header_line: int | None = None,
) -> Table:
    """Build a Table from numbered rows: empty rows dropped, caps enforced, header found or given.

    Args:
        header_line: the line of the header row; None finds it (see `find_header`).
    """
    kept: list[tuple[int, tuple[str, ...]]] = []
    cells_seen = 0
    for number, cells in rows:
        if len(cells) > MAX_COLUMNS:
            raise TableReadError("too_many_columns", str(len(cells)))
        if number > MAX_ROWS:
            raise TableReadError("too_many_rows", str(MAX_ROWS))
        cells_seen += len(cells)
        if cells_seen > MAX_CELLS:
            raise TableReadError("too_many_cells", str(MAX_CELLS))
        if any(cell.strip() for cell in cells):
            kept.append((number, tuple(cells)))
    if not kept:
        raise TableReadError("empty")
    if header_line is None:
        index = find_header(kept)
    else:
        index = next((i for i, (number, _) in enumerate(kept) if number == header_line), -1)
        if index < 0:
            raise TableReadError("header_row", str(header_line))
    line, header = kept[index]
    return Table(tuple(cell.strip() for cell in header), tuple(kept[index + 1 :]), encoding, delimiter, line)


def read_csv_bytes(data: bytes, header_line: int | None = None) -> Table:
    """Read CSV bytes (encoding and delimiter detected)."""
    text, encoding = decode_text(data)
    delimiter = guess_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def numbered() -> Iterator[tuple[int, list[str]]]:
        # A row is named by the line it starts on (a quoted cell may span several lines).
        start = 1
        for cells in reader:
            yield start, [unescape_formula_guard(cell) for cell in cells]
            start = reader.line_num + 1

    try:
        return table_from_rows(numbered(), encoding, delimiter, header_line)
    except csv.Error as exc:
        raise TableReadError("csv", str(exc)) from exc


# What the zip module raises for a damaged or unsupported archive (encrypted: RuntimeError).
_BROKEN_ARCHIVE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
    NotImplementedError,
)


def check_archive(path: Path, prefix: str) -> None:
    """Refuse a zip archive whose total size or any member's compression ratio is out of bounds.

    Raises:
        TableReadError: `<prefix>_invalid`, `<prefix>_ratio` or `too_large`.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > MAX_ARCHIVE_RATIO and info.file_size > 1024 * 1024:
                    raise TableReadError(f"{prefix}_ratio", info.filename)
            if total > MAX_ARCHIVE_UNCOMPRESSED:
                raise TableReadError("too_large", str(total))
    except TableReadError:
        raise
    except _BROKEN_ARCHIVE as exc:
        raise TableReadError(f"{prefix}_invalid", str(exc)) from exc


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return]
    return str(value)[:MAX_CELL_CHARS]


def read_xlsx(path: Path, header_line: int | None = None) -> Table:
    """Read the first sheet of an XLSX workbook, defensively (the sheet's claimed size is ignored)."""
    check_archive(path, "xlsx")
    import openpyxl  # deferred: only imports need it
    from defusedxml import DefusedXmlException
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:  # openpyxl parses with defusedxml only when it is installed and not disabled
        raise TableReadError("xlsx_unsafe", "defusedxml is not available")

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except DefusedXmlException as exc:
        raise TableReadError("unsafe_xml", str(exc)) from exc
    except Exception as exc:  # openpyxl raises many types for broken files
        raise TableReadError("xlsx_invalid", str(exc)) from exc
    try:
        if not workbook.worksheets:
            raise TableReadError("empty")
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # never trust <dimension>: it can claim 1,048,576 rows

        def numbered() -> Iterator[tuple[int, list[str]]]:
            values_by_row = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
            for number, values in enumerate(values_by_row, start=1):
                # Empty rows (gaps a file can open up to row 1,048,576) are counted, not converted.
                cells = [_cell_text(value) for value in values] if any(values) else []
                while cells and not cells[-1]:
                    cells.pop()  # openpyxl pads every row to max_col
                yield number, cells

        return table_from_rows(numbered(), None, None, header_line)
    except TableReadError:
        raise
    except DefusedXmlException as exc:
        raise TableReadError("unsafe_xml", str(exc)) from exc
    except Exception as exc:  # the sheet is parsed while iterating: broken XML shows up here
        raise TableReadError("xlsx_invalid", str(exc)) from exc
    finally:
        workbook.close()


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _repeat(element: Element, attribute: str) -> int:
    text = element.get(_ODS_TABLE + attribute, "1")
    if not text.isdigit():
        raise TableReadError("ods_invalid", f"{attribute}={text[:20]}")
    return max(int(text), 1)


def _ods_text(element: Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == _ODS_TEXT + "s":
            count = child.get(_ODS_TEXT + "c", "1")
            parts.append(" " * min(int(count) if count.isdigit() else 1, 1000))
        elif child.tag == _ODS_TEXT + "tab":
            parts.append("\t")
        elif child.tag == _ODS_TEXT + "line-break":
            parts.append("\n")
        else:
            parts.append(_ods_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _ods_cell_value(cell: Element) -> str:
    value_type = cell.get(_ODS_OFFICE + "value-type")
    # Typed values, not their display: a French sheet shows 3,5 or 31/03/2025 for 3.5 or 2025-03-31.
    if value_type in ("float", "percentage", "currency"):
        return _cell_text(float(cell.get(_ODS_OFFICE + "value", "0")))
    if value_type == "date":
        return cell.get(_ODS_OFFICE + "date-value", "")
    if value_type == "boolean":
        return cell.get(_ODS_OFFICE + "boolean-value", "")
    paragraphs = [_ods_text(p) for p in cell if p.tag == _ODS_TEXT + "p"]
    return "\n".join(paragraphs)[:MAX_CELL_CHARS]


def _ods_row(row: Element) -> list[str]:
    cells: list[str] = []
    pending_empty = 0  # empty cells are only written out when a filled cell follows them
    for cell in row:
        if cell.tag not in (_ODS_TABLE + "table-cell", _ODS_TABLE + "covered-table-cell"):
            continue
        repeat = _repeat(cell, "number-columns-repeated")
        value = _ods_cell_value(cell)
        if not value:
            pending_empty += repeat
            continue
        if len(cells) + pending_empty + repeat > MAX_COLUMNS:
            raise TableReadError("too_many_columns", str(len(cells) + pending_empty + repeat))
        cells.extend([""] * pending_empty)
        cells.extend([value] * repeat)
        pending_empty = 0
    return cells


def _ods_rows(stream: IO[bytes]) -> Iterator[tuple[int, list[str]]]:
    from defusedxml.ElementTree import iterparse

    number = 0
    depth = 0  # rows of nested tables (in a cell) are not rows of the first sheet
    for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
        if element.tag != _ODS_TABLE + "table" and element.tag != _ODS_TABLE + "table-row":
            continue
        if element.tag == _ODS_TABLE + "table":
            depth += 1 if event == "start" else -1
            if event == "end" and depth == 0:
                return  # only the first sheet
            continue
        if event != "end" or depth != 1:
            continue
        repeat = _repeat(element, "number-rows-repeated")
        cells = _ods_row(element)
        element.clear()
        if not cells:
            number += repeat  # LibreOffice ends a sheet with ~1,048,000 repeated empty rows
            continue
        if number + repeat > MAX_ROWS:
            raise TableReadError("too_many_rows", str(MAX_ROWS))
        for _ in range(repeat):
            number += 1
            yield number, cells


def read_ods(path: Path, header_line: int | None = None) -> Table:
    """Read the first sheet of an OpenDocument spreadsheet, parsing content.xml with defusedxml.

    Written here rather than with odfpy or pyexcel-ods: those load the whole document tree and
    expand repeated cells, which is what a hostile file exploits; this reads rows as a stream.
    """
    check_archive(path, "ods")
    from defusedxml import DefusedXmlException

    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
            return table_from_rows(_ods_rows(stream), None, None, header_line)
    except TableReadError:
        raise
    except DefusedXmlException as exc:
        raise TableReadError("unsafe_xml", str(exc)) from exc
    except (*_BROKEN_ARCHIVE, ParseError, KeyError) as exc:
        raise TableReadError("ods_invalid", str(exc)) from exc


def read_table(path: Path, header_line: int | None = None) -> Table:
    """Read a CSV, XLSX or ODS file into a Table; raises TableReadError with a stable code.

    Args:
        header_line: the line (row number) of the header; None finds it.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise TableReadError("unreadable", str(exc)) from exc
    if size > MAX_FILE_BYTES:
        raise TableReadError("too_large", str(size))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, header_line)
    if suffix == ".ods":
        return read_ods(path, header_line)
    if suffix in (".csv", ".txt", ".tsv", ""):
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TableReadError("unreadable", str(exc)) from exc
        return read_csv_bytes(data, header_line)
    raise TableReadError("format", suffix)


def sample_rows(table: Table, count: int) -> Table:
    """The same table with only its first `count` data rows (for a preview)."""
    return Table(table.header, table.rows[:count], table.encoding, table.delimiter, table.header_line)
