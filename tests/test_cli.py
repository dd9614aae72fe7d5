"""The `enact-match` command line: the stable commands, their output and their exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from enact_match.cli import main, safe_cell
from tests.support import backends, database_location


@pytest.fixture(params=backends())
def db_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return database_location(request.param, tmp_path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_init_demo_then_list_needs_as_json_gives_at_least_80_needs(
    db_location: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--db", db_location, "init", "--demo")[0] == 0
    code, out, _ = run(capsys, "--db", db_location, "list", "needs", "--format", "json")
    needs = json.loads(out)
    assert code == 0
    assert len(needs) >= 80
    assert {"ref", "title", "description", "axes", "status"} <= set(needs[0])


def test_init_demo_twice_does_not_duplicate(db_location: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--db", db_location, "init", "--demo")
    first = json.loads(run(capsys, "--db", db_location, "list", "teams", "--format", "json")[1])
    run(capsys, "--db", db_location, "init", "--demo")
    second = json.loads(run(capsys, "--db", db_location, "list", "teams", "--format", "json")[1])
    assert len(first) == len(second) >= 40


def test_importing_a_csv_with_one_bad_row_changes_nothing_and_names_the_row(
    db_location: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "companies.csv"
    path.write_text("ref;nom;siren\nC1;Alpha;732829320\nC2;Beta;732829321\n", encoding="cp1252")
    code, _, err = run(capsys, "--db", db_location, "import", "companies", str(path))
    assert code == 1
    assert "row 3" in err and "siren" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    listed = json.loads(run(capsys, "--db", db_location, "list", "companies", "--format", "json")[1])
    assert listed == []


def test_import_dry_run_reports_without_writing(
    db_location: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "teams.csv"
    path.write_text("team_id,name,competencies\nT1,Vision,Computer vision\n", encoding="utf-8")
    code, out, _ = run(capsys, "--db", db_location, "import", "teams", str(path), "--dry-run")
    assert code == 0 and "would import 1 teams" in out
    assert json.loads(run(capsys, "--db", db_location, "list", "teams", "--format", "json")[1]) == []


def test_list_as_csv_has_a_header_and_never_writes_a_formula(
    db_location: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "companies.csv"
    path.write_text('ref,name\nC1,"=HYPERLINK(""http://x"")"\nC2,"+33 Conseil"\n', encoding="utf-8")
    run(capsys, "--db", db_location, "import", "companies", str(path))
    out = run(capsys, "--db", db_location, "list", "companies", "--format", "csv")[1]
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {row["name"] for row in rows} == {'\'=HYPERLINK("http://x")', "'+33 Conseil"}


def test_formula_escaping_keeps_numbers_as_numbers() -> None:
    assert safe_cell(-3.5) == -3.5
    assert safe_cell("-3.5") == "'-3.5"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("Nancy") == "Nancy"


def test_an_unknown_file_gives_one_line_and_exit_code_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "--db", str(tmp_path / "x.db"), "import", "teams", str(tmp_path / "missing.csv")
    )
    assert code == 1
    assert err.startswith("enact-match: error: file rejected") and len(err.strip().splitlines()) == 1


def test_a_usage_error_exits_with_code_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["list", "elephants"])
    assert caught.value.code == 2


def test_match_for_an_unknown_need_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "x.db"), "match", "--need", "N-404")
    assert code == 1 and "N-404" in err


def test_the_installed_command_answers_help_and_never_prints_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "ENACT_MATCH_HOME": str(tmp_path)}
    command = [sys.executable, "-m", "enact_match"]
    help_run = subprocess.run([*command, "--help"], capture_output=True, text=True, env=env, check=False)
    assert help_run.returncode == 0 and "import" in help_run.stdout
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"ref,name\nC1,\xff\xfe\x00broken\n")
    broken = subprocess.run(
        [*command, "--db", str(tmp_path / "x.db"), "import", "companies", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert broken.returncode in (0, 1)
    assert "Traceback" not in broken.stderr


def test_the_database_comes_from_the_environment_when_no_option_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    location = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("ENACT_MATCH_DB", str(location))
    assert run(capsys, "init")[0] == 0
    assert location.is_file()


def test_match_all_as_csv_has_the_stable_header_and_ranks_per_need(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "m.db")
    teams = tmp_path / "teams.csv"
    teams.write_text(
        "team_id,name,competencies\n"
        "T1,Parole,Speech recognition and spoken dialogue\n"
        "T2,Maintenance,Predictive maintenance from sensor time series\n",
        encoding="utf-8",
    )
    needs = tmp_path / "needs.csv"
    needs.write_text(
        "need_id,title,description\n"
        "N1,Maintenance prédictive,Anticiper les pannes grâce aux séries temporelles\n"
        "N2,Assistant vocal,Reconnaissance de la parole pour nos techniciens\n",
        encoding="utf-8",
    )
    run(capsys, "--db", db, "import", "teams", str(teams))
    run(capsys, "--db", db, "import", "needs", str(needs))
    code, out, _ = run(capsys, "--db", db, "match", "--all", "--top", "2", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert out.splitlines()[0] == "need_ref,team_ref,score,rank"
    best = {row["need_ref"]: row["team_ref"] for row in rows if row["rank"] == "1"}
    assert best == {"N1": "T2", "N2": "T1"}
    code, out, _ = run(capsys, "--db", db, "match", "--need", "N1", "--explain", "--format", "csv")
    assert out.splitlines()[0] == "need_ref,team_ref,score,rank,explanation"
    assert "séries temporelles ↔ time series" in out.lower()
    code, out, _ = run(capsys, "--db", db, "match", "--team", "T1", "--format", "json")
    assert json.loads(out)[0]["need_ref"] == "N2"


def test_import_valid_rows_writes_the_rejected_rows_export_and_dedup_report(
    db_location: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "companies.csv"
    path.write_text(
        "ref;nom;siren;ville\nC1;Alpha SAS;732829320;Metz\nC2;Beta;732829321;Metz\nC3;ALPHA;;metz\n",
        encoding="cp1252",
    )
    code, out, err = run(
        capsys,
        "--db",
        db_location,
        "import",
        "companies",
        str(path),
        "--mode",
        "valid-rows",
        "--rejected",
        str(tmp_path / "rejected.csv"),
    )
    assert code == 0
    assert "imported 2 companies: 1 new, 1 updated" in out
    assert "row 4: matched existing company C1 (same name and city)" in out
    rejected = (tmp_path / "rejected.csv").read_text(encoding="utf-8-sig")
    assert "C2" in rejected and "checksum is wrong" in rejected and "C1" not in rejected
    code, out, _ = run(capsys, "--db", db_location, "export", "companies", str(tmp_path / "out.xlsx"))
    assert code == 0 and "exported 1 companies" in out and (tmp_path / "out.xlsx").is_file()
    code, out, _ = run(capsys, "--db", db_location, "dedup", "companies", "--format", "json")
    assert code == 0 and json.loads(out) == []
    code, _, err = run(capsys, "--db", db_location, "export", "companies", str(tmp_path / "out.pdf"))
    assert code == 1 and "use .csv or .xlsx" in err


def test_brief_and_publications_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "b.db")
    run(capsys, "--db", db, "init", "--demo")
    need = json.loads(run(capsys, "--db", db, "list", "needs", "--format", "json")[1])[0]["ref"]
    code, out, _ = run(capsys, "--db", db, "brief", need, str(tmp_path / "b.pdf"), "--lang", "en")
    assert code == 0 and "1 page" in out and (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")
    team = json.loads(run(capsys, "--db", db, "list", "teams", "--format", "json")[1])[0]["ref"]
    bib = tmp_path / "p.bib"
    bib.write_text("@article{a, title = {A brand new study of things}, year = 2025}\n", encoding="utf-8")
    code, out, _ = run(capsys, "--db", db, "import", "publications", str(bib), "--team", team)
    assert code == 0 and f"added 1 publications to team {team}" in out
    code, _, err = run(capsys, "--db", db, "import", "publications", str(bib))
    assert code == 1 and "--team" in err


def test_backup_then_restore_lists_and_brings_back_the_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    location = str(tmp_path / "enact.sqlite3")
    companies = tmp_path / "companies.csv"
    companies.write_text("ref;nom\nC1;Alpha\n", encoding="utf-8")
    run(capsys, "--db", location, "import", "companies", str(companies))
    code, out, _ = run(capsys, "--db", location, "backup")
    assert code == 0 and out.startswith("backup written and verified: ")
    name = Path(out.split(": ", 1)[1].split(" (")[0]).name
    companies.write_text("ref;nom\nC2;Beta\n", encoding="utf-8")
    run(capsys, "--db", location, "import", "companies", str(companies))
    code, out, _ = run(capsys, "--db", location, "restore")
    assert code == 0 and name in out and "import" in out and "(3 rows)" in out
    code, out, _ = run(capsys, "--db", location, "restore", name)
    assert code == 0 and out.startswith(f"restored {name}; the previous content is in ")
    listed = json.loads(run(capsys, "--db", location, "list", "companies", "--format", "json")[1])
    assert [row["ref"] for row in listed] == ["C1"]
    assert run(capsys, "--db", location, "check")[:2] == (0, "integrity check: ok\n")


def test_restore_of_an_unknown_backup_and_backup_of_postgresql_fail_in_one_line(
    db_location: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", db_location, "restore", "nothing.sqlite3")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "no such backup" in err or "backups are for SQLite" in err


def test_check_exits_with_1_on_a_damaged_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    location = tmp_path / "enact.sqlite3"
    run(capsys, "--db", str(location), "init", "--demo")
    capsys.readouterr()
    with sqlite3.connect(location) as connection:  # every page in the main file, none left in the WAL
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(location.read_bytes())
    data[4096 * 4 : 4096 * 12] = b"\x5a" * (4096 * 8)
    location.write_bytes(bytes(data))
    code, _, err = run(capsys, "--db", str(location), "check")
    assert code == 1 and err.startswith("enact-match: error: ") and len(err.strip().splitlines()) == 1


def test_gdpr_export_erase_and_review_from_the_command_line(
    db_location: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(
        "ref;nom;courriel;dernier contact\nP1;Anne Martin;anne@x.fr;2020-01-10\nP2;Marc Petit;;2026-11-01\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--db", db_location, "import", "contacts", str(contacts))
    assert code == 0 and "2 contacts without a source or legal basis" in err
    code, out, _ = run(capsys, "--db", db_location, "gdpr", "export", "anne@x.fr", str(tmp_path / "out"))
    assert (
        code == 0
        and (tmp_path / "out" / "gdpr-P1.json").exists()
        and (tmp_path / "out" / "gdpr-P1.csv").exists()
    )
    code, out, _ = run(capsys, "--db", db_location, "gdpr", "review", "--format", "json")
    assert [row["ref"] for row in json.loads(out)] == ["P1"]
    code, _, err = run(capsys, "--db", db_location, "gdpr", "erase", "P1")
    assert code == 1 and "--yes" in err
    code, out, _ = run(capsys, "--db", db_location, "gdpr", "erase", "P1", "--yes", "--user", "DPO")
    assert code == 0 and out.startswith("erased P1")
    code, _, err = run(capsys, "--db", db_location, "import", "contacts", str(contacts))
    assert "row 2: skipped, this person was erased at their request (GDPR)" in err
    code, _, err = run(capsys, "--db", db_location, "gdpr", "export", "P1", str(tmp_path))
    assert code == 1 and "no contact with reference or e-mail 'P1'" in err
    code, out, _ = run(capsys, "--db", db_location, "audit", "--kind", "contacts", "--format", "json")
    assert [(row["author"], row["action"]) for row in json.loads(out)] == [
        (None, "import"),
        ("DPO", "erase"),
        (None, "import"),
    ]
    code, out, _ = run(capsys, "--db", db_location, "audit", "--since", "2999-01-01")
    assert out.strip().endswith("(0 rows)")


def test_list_and_export_hide_needs_of_other_structures_with_structure(
    db_location: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    needs = tmp_path / "needs.csv"
    needs.write_text(
        "ref;titre;confidentialité;structure source\nN1;Ouvert;network;\nN2;Secret;structure;POLARIS\n",
        encoding="utf-8",
    )
    run(capsys, "--db", db_location, "import", "needs", str(needs))
    refs = {
        structure: [
            row["ref"]
            for row in json.loads(
                run(
                    capsys, "--db", db_location, "list", "needs", "--format", "json", "--structure", structure
                )[1]
            )
        ]
        for structure in ("POLARIS", "SATT_SAYENS")
    }
    assert refs == {"POLARIS": ["N1", "N2"], "SATT_SAYENS": ["N1"]}
    code, out, _ = run(
        capsys, "--db", db_location, "export", "needs", str(tmp_path / "n.csv"), "--structure", "SATT_SAYENS"
    )
    assert code == 0 and out.startswith("exported 1 needs")


def test_a_database_in_a_cloud_folder_gets_a_warning_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    location = tmp_path / "Dropbox" / "enact.sqlite3"
    code, out, err = run(capsys, "--db", str(location), "init")
    assert code == 0 and out.startswith("database ready")
    assert err.startswith("enact-match: warning: the database file is in a cloud-synchronised folder")
