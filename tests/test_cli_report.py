"""`enact-match report --from DATE --to DATE FILE`: the activity report from the command line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from enact_match.cli import main
from enact_match.services.dashboard import DashboardFilter, compute_dashboard
from enact_match.services.database import open_database


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def demo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    location = str(tmp_path / "demo.sqlite3")
    assert run(capsys, "--db", location, "init", "--demo")[0] == 0
    return location


def test_report_writes_an_xlsx_of_the_period_axis_and_structure_asked(
    demo_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "q1.xlsx"
    argv = ["--from", "2025-01-01", "--to", "2025-06-30", "--axis", "2", "--structure", "GRAND_E_NOV"]
    code, out, err = run(capsys, "--db", demo_file, "report", *argv, str(path), "--language", "en")
    assert (code, err) == (0, "")
    assert out.strip() == f"wrote {path} (XLSX)"
    db = open_database(demo_file)
    expected = compute_dashboard(db, DashboardFilter(date(2025, 1, 1), date(2025, 6, 30), 2, "GRAND_E_NOV"))
    db.dispose()
    summary = {row[0]: row[1] for row in openpyxl.load_workbook(path)["Summary"].iter_rows(values_only=True)}
    assert summary["Needs received"] == expected.needs_total > 0
    assert summary["Structure"] == "GRAND_E_NOV"


def test_report_writes_a_pdf_in_french_by_default(
    demo_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rapport.pdf"
    code, out, _ = run(
        capsys, "--db", demo_file, "report", "--from", "2025-01-01", "--to", "2025-03-31", str(path)
    )
    assert code == 0 and out.startswith(f"wrote {path} (PDF, ") and "page" in out
    assert path.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "2025-04-01", "--to", "2025-03-31"], "--from must not be after --to"),
        (["--from", "2025-01-01"], "unsupported report file type (use .pdf or .xlsx)"),
    ],
)
def test_report_refuses_bad_input_in_one_line(
    demo_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    target = tmp_path / ("report.pdf" if "--to" in argv else "report.docx")
    code, _, err = run(capsys, "--db", demo_file, "report", *argv, str(target))
    assert code == 1
    assert err.strip() == f"enact-match: error: {message}"
    assert not target.exists()
