"""The `enact-match event` commands: schedule (stable CSV columns, JSON), agendas, late changes, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from enact_match.cli import main
from enact_match.services import events
from enact_match.services.database import open_database
from tests.services.event_fixtures import FAIR, build_fair
from tests.support import backends, database_location

SCHEDULE_HEADER = "slot_start,slot_end,table,company_ref,company,team_ref,team,relevance,priority,status"


@pytest.fixture(params=backends())
def fair(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, list[str], list[str]]:
    """A database holding the small fair, every company asking every team; its location and refs."""
    location = database_location(request.param, tmp_path)
    db = open_database(location)
    companies, teams = build_fair(db)
    for i, company in enumerate(companies):
        for team in teams:
            events.add_request(db, FAIR.ref, company, team, relevance=30.0 + i)
    events.add_participant(db, FAIR.ref, "company", companies[2], max_meetings=1)
    db.dispose()
    return location, companies, teams


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_event_schedule_prints_the_stable_csv_columns_and_the_unplaced_on_stderr(
    fair: tuple[str, list[str], list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    location, companies, _teams = fair
    code, out, err = run(
        capsys, "--db", location, "event", "schedule", FAIR.ref, "--time-limit", "5", "--format", "csv"
    )
    assert code == 0
    assert out.splitlines()[0] == SCHEDULE_HEADER
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 7  # 3 + 3 + 1: the third company may only have one meeting
    assert len({(row["slot_start"], row["table"]) for row in rows}) == 7
    unplaced = [line for line in err.splitlines() if line.startswith("unplaced: ")]
    assert len(unplaced) == 2 and all(companies[2] in line and "maximum number" in line for line in unplaced)
    assert "placed 7 of 9 requests" in err and "greedy baseline" in err


def test_event_schedule_json_holds_placed_unplaced_and_the_greedy_comparison(
    fair: tuple[str, list[str], list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    location, _companies, _teams = fair
    code, out, _err = run(capsys, "--db", location, "event", "schedule", FAIR.ref, "--format", "json")
    result = json.loads(out)
    assert code == 0
    assert (result["placed_count"], result["unplaced_count"]) == (7, 2)
    assert {row["reason"] for row in result["unplaced"]} == {"company_full"}
    assert result["greedy"]["placed_count"] <= 7 and result["objective"] >= result["greedy"]["objective"]
    assert set(result["placed"][0]) >= set(SCHEDULE_HEADER.split(","))


def test_confirmed_meetings_stay_after_a_company_withdraws(
    fair: tuple[str, list[str], list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    location, companies, _teams = fair
    run(capsys, "--db", location, "event", "schedule", FAIR.ref, "--format", "csv")
    assert run(capsys, "--db", location, "event", "confirm", FAIR.ref)[1] == "7 meetings confirmed\n"
    first = run(capsys, "--db", location, "event", "schedule", FAIR.ref, "--format", "csv")[1]
    code, out, _err = run(capsys, "--db", location, "event", "cancel", FAIR.ref, "--company", companies[0])
    assert code == 0 and out.startswith("3 meetings cancelled")
    code, again, err = run(capsys, "--db", location, "event", "schedule", FAIR.ref, "--format", "csv")
    kept = [line for line in first.splitlines()[1:] if f",{companies[0]}," not in line]
    assert code == 0 and again.splitlines()[1:] == kept
    assert "4 confirmed meetings kept" in err


def test_event_agendas_writes_a_pdf_and_an_ics_per_participant_the_plan_and_spreadsheets(
    fair: tuple[str, list[str], list[str]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    location, companies, _teams = fair
    run(capsys, "--db", location, "event", "schedule", FAIR.ref)
    code, out, _err = run(
        capsys, "--db", location, "event", "agendas", FAIR.ref, str(tmp_path / "out"), "--language", "en"
    )
    names = {path.name for path in (tmp_path / "out").iterdir()}
    assert code == 0 and out.startswith("wrote 15 files")
    assert {f"agenda-{companies[0]}.pdf", f"agenda-{companies[0]}.ics", "table-plan.pdf"} <= names
    assert {"schedule.csv", "schedule.xlsx"} <= names
    calendar = (tmp_path / "out" / f"agenda-{companies[0]}.ics").read_bytes()
    assert calendar.count(b"BEGIN:VEVENT") == 3 and b"\r\n" in calendar


def test_an_unknown_event_is_one_line_and_exit_code_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "--db", str(tmp_path / "db.sqlite3"), "event", "schedule", "EV-NOPE")
    assert code == 1
    assert err == "enact-match: error: no event with reference 'EV-NOPE' (see `enact-match event list`)\n"


def test_a_time_limit_must_be_positive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(tmp_path / "db.sqlite3"), "event", "schedule", FAIR.ref, "--time-limit", "0"])
    assert caught.value.code == 2
    assert "must be more than 0" in capsys.readouterr().err


def test_the_demo_event_is_listed_scheduled_and_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    location = str(tmp_path / "demo.sqlite3")
    assert run(capsys, "--db", location, "init", "--demo")[0] == 0
    code, out, _err = run(capsys, "--db", location, "event", "list", "--format", "json")
    (event,) = json.loads(out)
    assert code == 0
    assert (event["slots"], event["tables"], event["participants"]) == (16, 12, 66)
    assert event["requests"] >= 100
    code, out, _err = run(
        capsys, "--db", location, "event", "schedule", event["ref"], "--time-limit", "10", "--format", "json"
    )
    result = json.loads(out)
    assert code == 0
    assert result["placed_count"] >= 100 and result["objective"] >= result["greedy"]["objective"]
    assert all(row["relevance"] is not None for row in result["placed"])
    code, out, _err = run(
        capsys, "--db", location, "event", "agendas", event["ref"], str(tmp_path / "agendas")
    )
    assert code == 0 and "66 participants" in out
