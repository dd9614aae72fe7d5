"""`enact-match match` as CSV: the scripted output, formula-safe and quoted exactly as csv.writer quotes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from enact_match.cli import main, safe_cell
from enact_match.services import catalog
from enact_match.services.database import open_database

TEAMS = {
    "=T1": "Predictive maintenance of rolling mills from sensor time series.",
    'T,"2"': "Anomaly detection on vibration sensors of rolling mills.",
    "@T3": "Maintenance of steel plants: time series and remaining useful life.",
}
NEEDS = {
    "+N1": ("Maintenance prédictive de laminoirs", "Séries temporelles des capteurs de vibration."),
    "N 2": ("Predictive maintenance", "Rolling mills, sensors, time series, remaining useful life."),
}


def test_match_as_csv_escapes_formulas_and_quotes_references_like_the_csv_module(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    location = str(tmp_path / "match.sqlite3")
    db = open_database(location)
    for ref, statement in TEAMS.items():
        catalog.save_record(db, "teams", {"ref": ref, "name": ref, "statement": statement})
    for ref, (title, description) in NEEDS.items():
        catalog.save_record(db, "needs", {"ref": ref, "title": title, "description": description})
    db.dispose()
    for selection in (["--all"], ["--need", "+N1"]):
        assert main(["--db", location, "match", *selection, "--top", "3", "--format", "csv"]) == 0
        out = capsys.readouterr().out
        rows = list(csv.reader(io.StringIO(out, newline="")))
        assert rows[0] == ["need_ref", "team_ref", "score", "rank"] and len(rows) > 2
        assert {row[1] for row in rows[1:]} <= {str(safe_cell(ref)) for ref in TEAMS}
        assert all(not row[0].startswith(("=", "+")) for row in rows[1:])
        expected = io.StringIO(newline="")
        csv.writer(expected, lineterminator="\n").writerows(rows)
        assert out == expected.getvalue()
