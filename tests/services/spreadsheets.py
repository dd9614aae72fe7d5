"""Builders of small spreadsheet files for the reader tests: ODS written by hand, XLSX with openpyxl."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods_cell(value: object, repeat: int = 1) -> str:
    attributes = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if value is None or value == "":
        return f"<table:table-cell{attributes}/>"
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}"{attributes}>'
            f"<text:p>{str(value).replace('.', ',')}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"{attributes}><text:p>{escape(str(value))}</text:p>'
        "</table:table-cell>"
    )


def ods_content(rows_xml: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {ODS_NS}><office:body>'
        f'<office:spreadsheet><table:table table:name="S1">{rows_xml}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )


def ods_rows(rows: list[list[object]]) -> str:
    return "".join(
        "<table:table-row>" + "".join(ods_cell(v) for v in row) + "</table:table-row>" for row in rows
    )


def write_ods(path: Path, content_xml: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content_xml)
    return path


def replace_in_xlsx(source: Path, target: Path, member: str, old: bytes, new: bytes) -> Path:
    """Copy an XLSX, replacing bytes in one of its XML members (to forge hostile files)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as forged:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == member:
                assert old in data, (member, old)
                data = data.replace(old, new)
            forged.writestr(info.filename, data)
    return target
