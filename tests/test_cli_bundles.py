"""`enact-match bundle export|merge|conflicts|resolve`: output, exit codes, and nothing changed on refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from enact_match.cli import main
from tests.test_cli import run


def _create_company(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.csv"
    path.write_text(f"ref;nom;siren;ville\nC1;{name};552100554;Metz\n", encoding="utf-8")
    assert run(capsys, "--db", db, "import", "companies", str(path))[0] == 0


def _companies(capsys: pytest.CaptureFixture[str], db: str) -> list[dict[str, object]]:
    return json.loads(run(capsys, "--db", db, "list", "companies", "--format", "json")[1])


def test_bundle_export_then_merge_reports_counts_and_duplicates_and_dry_run_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop_a, laptop_b = str(tmp_path / "a.sqlite3"), str(tmp_path / "b.sqlite3")
    _create_company(capsys, laptop_a, tmp_path, "Fonderie Valmorel")
    _create_company(capsys, laptop_b, tmp_path, "Fonderie Valmorel SAS")
    bundle = str(tmp_path / "a.enact-bundle")

    code, out, _ = run(capsys, "--db", laptop_a, "bundle", "export", bundle, "--since", "2020-01-01")
    assert code == 0 and "1 records (1 companies)" in out

    code, out, _ = run(capsys, "--db", laptop_b, "bundle", "merge", bundle, "--dry-run")
    assert code == 0
    assert "companies: 1 added, 0 updated, 0 deleted" in out
    assert "possible duplicates: 1" in out and "dry run: nothing was changed" in out
    assert len(_companies(capsys, laptop_b)) == 1

    code, out, _ = run(capsys, "--db", laptop_b, "bundle", "merge", bundle)
    assert code == 0 and "backup made first" in out
    refs = sorted(str(row["ref"]) for row in _companies(capsys, laptop_b))
    assert refs[0] == "C1" and refs[1].startswith("C1~")  # both kept; the greater id gives way
    code, out, _ = run(capsys, "--db", laptop_b, "bundle", "merge", bundle)
    assert code == 0 and "nothing new" in out


def test_conflicts_are_listed_with_numbered_values_and_resolve_keeps_the_chosen_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop_a, laptop_b = str(tmp_path / "a.sqlite3"), str(tmp_path / "b.sqlite3")
    _create_company(capsys, laptop_a, tmp_path, "Fonderie Valmorel")
    first = str(tmp_path / "first.enact-bundle")
    run(capsys, "--db", laptop_a, "bundle", "export", first)
    run(capsys, "--db", laptop_b, "bundle", "merge", first)
    for db, city in ((laptop_a, "Nancy"), (laptop_b, "Thionville")):
        path = tmp_path / f"{city}.csv"
        path.write_text(f"ref;nom;ville\nC1;Fonderie Valmorel;{city}\n", encoding="utf-8")
        assert run(capsys, "--db", db, "import", "companies", str(path))[0] == 0
    second = str(tmp_path / "second.enact-bundle")
    run(capsys, "--db", laptop_b, "bundle", "export", second)

    code, out, _ = run(capsys, "--db", laptop_a, "bundle", "merge", second)
    assert code == 0 and "conflicts: 1" in out and '"Nancy"' in out and '"Thionville"' in out

    rows = json.loads(run(capsys, "--db", laptop_a, "bundle", "conflicts", "--format", "json")[1])
    assert [(row["field"], row["choice"]) for row in rows] == [("city", 1), ("city", 2)]
    choice = next(row["choice"] for row in rows if row["value"] == '"Thionville"')
    code, _, _ = run(capsys, "--db", laptop_a, "bundle", "resolve", rows[0]["record"], "city", str(choice))
    assert code == 0
    assert json.loads(run(capsys, "--db", laptop_a, "bundle", "conflicts", "--format", "json")[1]) == []
    assert _companies(capsys, laptop_a)[0]["city"] == "Thionville"


def test_merging_a_foreign_file_prints_one_line_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "a.sqlite3")
    junk = tmp_path / "holiday.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0 not a bundle")

    code = main(["--db", db, "bundle", "merge", str(junk)])
    err = capsys.readouterr().err

    assert code == 1
    assert err.strip().splitlines() == [f"enact-match: error: not an ENACT Match bundle: {junk}"]
