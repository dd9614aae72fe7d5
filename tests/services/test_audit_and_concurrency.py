"""The audit log of changes, and optimistic concurrency: a save based on an old version is refused."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from enact_match.services import audit, catalog, gdpr
from enact_match.services.catalog import StaleRecordError
from enact_match.services.database import Database
from enact_match.services.pipeline import StageChange, add_note, change_stage, record_decision
from enact_match.storage.models import utc_now
from tests.support import GDPR_FACTS

REPOSITORY = Path(__file__).resolve().parents[2]


def test_a_save_based_on_an_old_version_is_refused_with_both_versions(database: Database) -> None:
    opened = catalog.save_record(database, "needs", {"title": "Contrôle qualité", "trl": "4"})
    theirs = catalog.save_record(database, "needs", {"trl": "6"}, opened.id, opened.version, author="Bea")
    with pytest.raises(StaleRecordError) as raised:
        catalog.save_record(database, "needs", {"trl": "5"}, opened.id, opened.version, author="Ana")
    error = raised.value
    assert (error.expected, error.current_version) == (opened.version, theirs.version)
    assert error.current.trl == 6 and opened.trl == 4
    assert catalog.get_row(database, "needs", opened.id).trl == 6


def test_a_stage_change_based_on_an_old_version_of_the_match_is_refused(database: Database) -> None:
    need = catalog.save_record(database, "needs", {"title": "Contrôle qualité"})
    team = catalog.save_record(database, "teams", {"name": "Vision"})
    seen = record_decision(database, need.id, team.id, StageChange("shortlisted"), "Ana")
    change_stage(database, seen.id, StageChange("introduced"), "Bea", seen.version)
    with pytest.raises(StaleRecordError) as raised:
        change_stage(
            database, seen.id, StageChange("declined", decline_reason="no_capacity"), "Ana", seen.version
        )
    assert raised.value.current.status == "introduced"


def test_the_audit_log_names_who_changed_which_fields_never_the_values(database: Database) -> None:
    contact = catalog.save_record(
        database, "contacts", {"name": "Anne Martin", "email": "a@x.fr", **GDPR_FACTS}
    )
    catalog.save_record(
        database, "contacts", {"phone": "0600000000"}, contact.id, contact.version, author="Bea"
    )
    need = catalog.save_record(database, "needs", {"title": "Vision"}, author="Ana")
    team = catalog.save_record(database, "teams", {"name": "Vision"})
    match = record_decision(database, need.id, team.id, StageChange("shortlisted"), "Ana")
    add_note(database, match.id, "Appel prévu", "Ana")
    catalog.delete_record(database, "needs", need.id, author="Cleo")
    gdpr.erase_contact(database, contact.ref, "DPO")
    events = audit.list_events(database)
    contact_events = [(e.author, e.action, e.fields) for e in events if e.kind == "contacts"]
    assert contact_events == [
        (None, "create", ("email", "legal_basis", "name", "ref", "source")),
        ("Bea", "update", ("phone",)),
        ("DPO", "erase", ()),
    ]
    assert [(e.action, e.fields) for e in audit.list_events(database, "matches")] == [
        ("create", ("status",)),
        ("stage", ("status",)),
        ("note", ("history",)),
    ]
    assert [(e.author, e.action) for e in audit.list_events(database, "needs")][-1] == ("Cleo", "delete")
    dumped = json.dumps([list(map(str, (e.author, e.kind, e.action, e.fields))) for e in events])
    assert "0600000000" not in dumped and "a@x.fr" not in dumped and "Anne" not in dumped
    assert audit.list_events(database, since=utc_now() + timedelta(minutes=1)) == []


def test_a_refused_save_leaves_no_audit_entry(database: Database) -> None:
    with pytest.raises(catalog.RecordInvalidError):
        catalog.save_record(database, "needs", {"title": ""})
    assert audit.list_events(database) == []


@pytest.mark.slow
def test_two_processes_incrementing_one_counter_lose_no_update(database: Database, tmp_path: Path) -> None:
    # The benchmark script itself, for 3 s (its 60 s figures are in docs/reliability.md).
    result = subprocess.run(
        [
            sys.executable,
            str(REPOSITORY / "benchmarks" / "bench_concurrency.py"),
            "--db",
            database.url,
            "--processes",
            "2",
            "--seconds",
            "3",
            "--json",
            str(tmp_path / "figures.json"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    figures = json.loads((tmp_path / "figures.json").read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert figures["saves"] > 50
    assert figures["final_counter"] == figures["saves"]
    assert figures["locked"] == figures["other_errors"] == 0
