"""`enact-match match` as CSV: the scripted output, formula-safe and quoted exactly as csv.writer quotes."""

from __future__ import annotations

import csv
import gc
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from enact_match.cli import _without_cycle_collection, main, safe_cell
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


def _small_database(location: str) -> None:
    db = open_database(location)
    for ref, statement in TEAMS.items():
        catalog.save_record(db, "teams", {"ref": ref, "name": ref, "statement": statement})
    for ref, (title, description) in NEEDS.items():
        catalog.save_record(db, "needs", {"ref": ref, "title": title, "description": description})
    db.dispose()


def test_match_as_csv_escapes_formulas_and_quotes_references_like_the_csv_module(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    location = str(tmp_path / "match.sqlite3")
    _small_database(location)
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


def test_match_all_gives_the_same_csv_on_one_or_several_processes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from enact_match.matching import engine as engine_module
    from enact_match.matching.forked import Forked, can_fork
    from tests.matching.test_engine import _random_corpus

    location = str(tmp_path / "processes.sqlite3")
    db = open_database(location)
    needs, teams = _random_corpus(31, 90, 40, 150)
    for team in teams:
        statement = "\n".join([team.statement, *(f"{p.title}\n{p.abstract}" for p in team.publications)])
        catalog.save_record(db, "teams", {"ref": team.key, "name": team.key, "statement": statement})
    for need in needs:
        catalog.save_record(
            db, "needs", {"ref": need.key, "title": need.title, "description": need.description}
        )
    db.dispose()
    forks: list[object] = []

    def counting(work):  # type: ignore[no-untyped-def]
        forks.append(work)
        return Forked(work)

    monkeypatch.setattr(engine_module, "_FORK_MIN_NEEDS", 10)
    monkeypatch.setattr(engine_module, "_FORK_MIN_TEAMS", 10)
    monkeypatch.setattr(engine_module, "Forked", counting)
    outputs = []
    for processes in ("1", "2"):
        assert main(["--db", location, "match", "--all", "--processes", processes, "--format", "csv"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == 1 + 90 * 10
    # with two processes: one child for the analysis, one for the ranking (Linux only)
    assert len(forks) == (2 if can_fork() else 0)


def test_the_match_program_prints_every_row_and_its_exit_code_then_leaves_no_file_open(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`python -m enact_match match` leaves without tearing its heap down: the output must still be
    whole, the exit code kept, the database closed (no journal left) and a closed pipe quiet."""
    location = str(tmp_path / "program.sqlite3")
    _small_database(location)
    assert main(["--db", location, "match", "--all", "--format", "csv"]) == 0
    expected = capsys.readouterr().out
    # buffered output, as in a terminal session without PYTHONUNBUFFERED: the exit must flush it
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    environment["ENACT_MATCH_HOME"] = str(tmp_path)
    command = [sys.executable, "-m", "enact_match", "--db", location, "match"]
    run = subprocess.run(
        [*command, "--all", "--format", "csv"], capture_output=True, text=True, env=environment, check=False
    )
    assert (run.returncode, run.stdout, run.stderr) == (0, expected, "")
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith("program")) == [
        "program.sqlite3"
    ]
    unknown = subprocess.run(
        [*command, "--need", "N-404"], capture_output=True, text=True, env=environment, check=False
    )
    assert unknown.returncode == 1 and "N-404" in unknown.stderr and "Traceback" not in unknown.stderr
    # a reader that stops after the first line (as `head -1` does)
    with subprocess.Popen(
        [*command, "--all", "--format", "csv"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    ) as reader:
        assert reader.stdout is not None and reader.stderr is not None
        assert reader.stdout.readline() == b"need_ref,team_ref,score,rank\n"
        reader.stdout.close()
        errors = reader.stderr.read()
    assert reader.returncode == 0 and b"Traceback" not in errors


def test_the_cycle_collector_is_paused_during_the_work_and_restored_after_it_even_on_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), _without_cycle_collection():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with _without_cycle_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
