"""The quarterly report: PDF and XLSX show the dashboard's figures, charts and gaps, in French or English."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from enact_match.services import catalog
from enact_match.services.dashboard import DashboardFilter, compute_dashboard
from enact_match.services.database import Database
from enact_match.services.demo import load_demo
from enact_match.services.report import ReportError, write_report
from enact_match.services.suggestions import SuggestionService

FIRST_HALF = DashboardFilter(date(2025, 1, 1), date(2025, 6, 30))


@pytest.fixture
def demo(database: Database) -> Database:
    load_demo(database)
    # A need no team answers, whose title a spreadsheet would take for a formula.
    catalog.save_record(
        database,
        "needs",
        {"title": '=HYPERLINK("http://x") cuisson de céramiques émaillées', "opened_on": "2025-02-03"},
    )
    return database


def test_xlsx_report_holds_the_dashboard_figures_sheet_by_sheet(demo: Database, tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    service = SuggestionService.with_shipped_resources(demo)
    result = write_report(demo, service, path, FIRST_HALF, "en")
    figures = compute_dashboard(demo, FIRST_HALF)
    workbook = openpyxl.load_workbook(path)
    assert (result.format, result.pages) == ("xlsx", None)
    assert workbook.sheetnames == [
        "Summary",
        "Axes",
        "Structures",
        "Months",
        "Funnel",
        "Collaborations",
        "Coverage",
        "Gaps",
    ]
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Needs received"] == figures.needs_total
    assert summary["Collaborations started"] == sum(item.count for item in figures.collaborations_by_type)
    assert summary["Median time to first introduction (days)"] == figures.time_to_introduction.median
    sheets = {
        "Axes": figures.needs_by_axis,
        "Structures": figures.needs_by_structure,
        "Months": figures.needs_by_month,
        "Funnel": figures.funnel,
        "Collaborations": figures.collaborations_by_type,
    }
    for name, items in sheets.items():
        rows = [(key, count) for key, _label, count in workbook[name].iter_rows(min_row=2, values_only=True)]
        assert rows == [(item.key, item.count) for item in items], name
        assert len(workbook[name]._charts) == (1 if items else 0)
    coverage = list(workbook["Coverage"].iter_rows(min_row=2, values_only=True))
    assert coverage[0][1:] == (
        figures.coverage.units,
        figures.coverage.suggested,
        figures.coverage.introduced,
        figures.coverage.collaborating,
    )
    gap_titles = [row[3] for row in workbook["Gaps"].iter_rows(min_row=2, values_only=True)]
    trap = next(title for title in gap_titles if title.startswith("=HYPERLINK"))
    cell = next(row[3] for row in workbook["Gaps"].iter_rows(min_row=2) if row[3].value == trap)
    assert cell.data_type == "s"  # text, never a formula


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_report_in_french_prints_the_figures_and_the_gaps(demo: Database, tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    service = SuggestionService.with_shipped_resources(demo)
    result = write_report(demo, service, path, FIRST_HALF, "fr")
    figures = compute_dashboard(demo, FIRST_HALF)
    words = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    lines = [" ".join(line.split()) for line in words.stdout.splitlines()]
    assert result.pages is not None and result.pages >= 2
    assert "Période : du 01/01/2025 au 30/06/2025" in lines
    assert f"Besoins reçus {figures.needs_total}" in lines
    assert f"Mises en relation proposées {figures.count_of('funnel', 'suggested')}" in lines
    first_structure = figures.needs_by_structure[0]
    assert f"{first_structure.key} {first_structure.count}" in lines
    assert "Manques de compétences" in lines
    assert any("=HYPERLINK" in line and "céramiques" in line for line in lines)


def test_a_report_in_english_has_english_words(demo: Database, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    write_report(demo, SuggestionService.with_shipped_resources(demo), path, DashboardFilter(axis=3), "en")
    assert path.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Needs per axis" in text and "Axis: Axis 3 · Digital health" in text


@pytest.mark.parametrize(
    ("name", "lang", "code"), [("report.docx", "fr", "format"), ("report.pdf", "de", "lang")]
)
def test_a_wrong_extension_or_language_is_refused_before_writing(
    database: Database, tmp_path: Path, name: str, lang: str, code: str
) -> None:
    with pytest.raises(ReportError) as caught:
        write_report(
            database, SuggestionService.with_shipped_resources(database), tmp_path / name, FIRST_HALF, lang
        )
    assert caught.value.code == code
    assert not (tmp_path / name).exists()
