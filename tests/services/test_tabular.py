"""Reading tables: header rows, ODS, and hostile files refused quickly with a clear code (fuzzed too)."""

from __future__ import annotations

import contextlib
import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enact_match.services.tabular import (
    MAX_COLUMNS,
    TableReadError,
    decode_text,
    read_csv_bytes,
    read_table,
)
from tests.services.spreadsheets import ods_cell, ods_content, ods_rows, replace_in_xlsx, write_ods


def small_xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["ref", "name"])
    sheet.append(["C1", "Alpha"])
    workbook.save(path)
    return path


def test_a_title_line_and_a_merged_group_header_above_the_header_are_skipped(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Liste des entreprises partenaires, export du 12/03"])
    sheet.append([])
    sheet.append(["Entreprise", None, None, "Contact", None])
    sheet.merge_cells("A3:C3")
    sheet.append(["Référence", "Raison sociale", "Ville", "Nom", "Courriel"])
    sheet.append(["C1", "Alpha", "Metz", "Anne", "anne@alpha.fr"])
    workbook.save(tmp_path / "c.xlsx")
    table = read_table(tmp_path / "c.xlsx")
    assert table.header_line == 4
    assert table.header == ("Référence", "Raison sociale", "Ville", "Nom", "Courriel")
    assert table.rows == ((5, ("C1", "Alpha", "Metz", "Anne", "anne@alpha.fr")),)


def test_the_header_row_can_be_given_instead_of_found(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a;b\nref;name\nC1;Alpha\n", encoding="utf-8")
    assert read_table(path, header_line=2).header == ("ref", "name")
    with pytest.raises(TableReadError) as caught:
        read_table(path, header_line=9)
    assert caught.value.code == "header_row"


def test_utf16_without_bom_and_tab_delimiters_are_detected() -> None:
    table = read_csv_bytes("ref\tnom\nU1\tÉcole\n".encode("utf-16-le"))
    assert (table.encoding, table.delimiter) == ("utf-16-le", "\t")
    assert table.rows[0][1] == ("U1", "École")


def test_a_formula_guard_written_by_our_export_is_removed_on_reading() -> None:
    table = read_csv_bytes(b"ref;name\nC1;'=SUM(A1)\nC2;'Ordinary quote\n")
    assert [cells[1] for _, cells in table.rows] == ["=SUM(A1)", "'Ordinary quote"]


def test_ods_files_are_read_with_typed_values_repeats_and_trailing_empty_rows(tmp_path: Path) -> None:
    rows = ods_rows([["ref", "nom", "trl"], ["N1", "Vision", 4], ["N2", "Parole   robuste", 3.5]])
    rows += '<table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>'
    rows += "<table:table-row>" + ods_cell("x", repeat=2) + ods_cell("", repeat=16000) + "</table:table-row>"
    rows += '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>'
    table = read_table(write_ods(tmp_path / "n.ods", ods_content(rows)))
    assert table.header == ("ref", "nom", "trl")
    assert table.rows == (
        (2, ("N1", "Vision", "4")),
        (3, ("N2", "Parole   robuste", "3.5")),
        (7, ("x", "x")),
    )


HOSTILE_ODS = {
    "too_many_columns": ods_content(
        "<table:table-row>" + ods_cell("a") + ods_cell("x", repeat=10**9) + "</table:table-row>"
    ),
    "too_many_rows": ods_content(
        ods_rows([["ref", "name"]])
        + '<table:table-row table:number-rows-repeated="999999999">'
        + ods_cell("C1")
        + "</table:table-row>"
    ),
    "unsafe_xml": ods_content(
        "<table:table-row><table:table-cell><text:p>&lol;</text:p></table:table-cell></table:table-row>",
        '<!DOCTYPE d [<!ENTITY lol "lol">]>',
    ),
    "ods_invalid": "<office:document-content><unclosed>",
}


@pytest.mark.parametrize("code", sorted(HOSTILE_ODS))
def test_hostile_ods_files_are_refused_quickly_with_a_clear_code(tmp_path: Path, code: str) -> None:
    path = write_ods(tmp_path / "h.ods", HOSTILE_ODS[code])
    started = time.perf_counter()
    with pytest.raises(TableReadError) as caught:
        read_table(path)
    assert caught.value.code == code
    assert time.perf_counter() - started < 3


def test_an_xlsx_whose_dimension_claims_a_million_rows_is_read_for_what_it_holds(tmp_path: Path) -> None:
    source = small_xlsx(tmp_path / "s.xlsx")
    forged = replace_in_xlsx(
        source, tmp_path / "f.xlsx", "xl/worksheets/sheet1.xml", b'ref="A1:B2"', b'ref="A1:XFD1048576"'
    )
    started = time.perf_counter()
    table = read_table(forged)
    assert time.perf_counter() - started < 3
    assert table.rows == ((2, ("C1", "Alpha")),)


def test_an_xlsx_with_a_cell_on_the_last_row_is_refused_quickly(tmp_path: Path) -> None:
    source = small_xlsx(tmp_path / "s.xlsx")
    far_row = b'</row><row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    forged = replace_in_xlsx(
        source, tmp_path / "f.xlsx", "xl/worksheets/sheet1.xml", b"</row></sheetData>", far_row
    )
    started = time.perf_counter()
    with pytest.raises(TableReadError) as caught:
        read_table(forged)
    assert caught.value.code == "too_many_rows"
    assert time.perf_counter() - started < 5


def test_an_xlsx_with_a_billion_laughs_is_refused_as_unsafe(tmp_path: Path) -> None:
    source = small_xlsx(tmp_path / "s.xlsx")
    forged = replace_in_xlsx(
        source,
        tmp_path / "f.xlsx",
        "xl/worksheets/sheet1.xml",
        b"<worksheet ",
        b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet ',
    )
    with pytest.raises(TableReadError) as caught:
        read_table(forged)
    assert caught.value.code in ("unsafe_xml", "xlsx_invalid")


def test_a_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (50 * 1024 * 1024))
    started = time.perf_counter()
    with pytest.raises(TableReadError) as caught:
        read_table(path)
    assert caught.value.code == "xlsx_ratio"
    assert time.perf_counter() - started < 3


def test_a_csv_with_too_many_columns_is_refused() -> None:
    with pytest.raises(TableReadError) as caught:
        read_csv_bytes((",".join(["a"] * (MAX_COLUMNS + 1)) + "\n").encode())
    assert caught.value.code == "too_many_columns"


FUZZ = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(st.binary(max_size=2000))
def test_fuzzed_csv_bytes_give_a_table_or_a_table_read_error(data: bytes) -> None:
    with contextlib.suppress(TableReadError):
        read_csv_bytes(data)


@FUZZ
@given(st.text(max_size=2000))
def test_fuzzed_text_decodes_or_gives_a_table_read_error(text: str) -> None:
    with contextlib.suppress(TableReadError):
        decode_text(text.encode("utf-8", "surrogatepass"))


def _mutated(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    mutable = bytearray(data)
    for position, value in edits:
        mutable[position % len(mutable)] = value
    return bytes(mutable)


@FUZZ
@given(edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8))
def test_fuzzed_xlsx_files_give_a_table_or_a_table_read_error(
    tmp_path: Path, edits: list[tuple[int, int]]
) -> None:
    buffer = io.BytesIO()
    small_xlsx(tmp_path / "base.xlsx")
    buffer.write((tmp_path / "base.xlsx").read_bytes())
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(_mutated(buffer.getvalue(), edits))
    with contextlib.suppress(TableReadError):
        read_table(path)


XML_PIECES = st.sampled_from(
    [
        "<table:table-row>",
        "</table:table-row>",
        '<table:table-row table:number-rows-repeated="3">',
        "<table:table-cell>",
        "</table:table-cell>",
        '<table:table-cell table:number-columns-repeated="x">',
        '<table:table-cell office:value-type="float" office:value="abc">',
        '<table:table-cell office:value-type="date" office:date-value="2025-01-01">',
        "<text:p>",
        "</text:p>",
        '<text:s text:c="4"/>',
        "texte é",
        "&amp;",
        "&bogus;",
        "<table:table>",
        "</table:table>",
    ]
)


@FUZZ
@given(pieces=st.lists(XML_PIECES, max_size=30))
def test_fuzzed_ods_content_gives_a_table_or_a_table_read_error(tmp_path: Path, pieces: list[str]) -> None:
    path = write_ods(tmp_path / "fuzz.ods", ods_content("".join(pieces)))
    with contextlib.suppress(TableReadError):
        read_table(path)
