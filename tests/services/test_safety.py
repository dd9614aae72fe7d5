"""Start-up safety: unclean exits are detected and checked, risky database locations are named, and a
killed import leaves the database sound with all its rows or none."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from enact_match.services import backup, catalog, safety
from enact_match.services.database import open_database
from tests.support import GDPR_FACTS

REPOSITORY = Path(__file__).resolve().parents[2]
MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export/home /mnt/home nfs4 rw,relatime 0 0
//nas/equipe /media/equipe cifs rw 0 0
/dev/sdb1 /media/equipe/local ext4 rw 0 0
"""


def test_a_clean_session_leaves_no_mark_and_an_unclean_one_is_checked_at_next_start(tmp_path: Path) -> None:
    db = open_database(str(tmp_path / "enact.sqlite3"))
    assert safety.begin_session(db) == safety.StartupCheck(False, (), None)
    safety.end_session(db)
    assert safety.begin_session(db).unclean_exit is False
    # No end_session: the app was killed.
    check = safety.begin_session(db)
    assert check.unclean_exit is True and check.problems == () and check.last_good_backup is None
    db.dispose()


def test_a_damaged_database_after_an_unclean_exit_is_offered_and_restored_from_the_last_good_backup(
    tmp_path: Path,
) -> None:
    path = tmp_path / "enact.sqlite3"
    db = open_database(str(path))
    for number in range(300):
        catalog.save_record(db, "contacts", {"name": f"Person {number} " + "x" * 150, **GDPR_FACTS})
    good = backup.create_backup(db, "manual")
    safety.begin_session(db)
    db.dispose()
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 6] = b"\x5a" * (4096 * 3)
    path.write_bytes(bytes(data))
    damaged = open_database(str(path), migrate=False)
    check = safety.begin_session(damaged)
    assert check.unclean_exit and check.problems
    assert check.last_good_backup is not None and check.last_good_backup.path == good.path
    report = backup.restore_backup(damaged, check.last_good_backup.path)
    assert backup.check_database(damaged) == [] and len(catalog.list_contacts(damaged)) == 300
    assert report.safety_backup.path.exists()  # the damaged data is kept, as it was
    assert backup.last_good_backup(damaged) != report.safety_backup
    damaged.dispose()


@pytest.mark.parametrize(
    ("location", "risk"),
    [
        ("/home/ana/Dropbox/enact/enact.sqlite3", "cloud"),
        ("C:\\Users\\ana\\OneDrive - Universite\\enact.sqlite3", "cloud"),
        ("/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/enact.sqlite3", "cloud"),
        ("/Users/ana/Google Drive/enact.sqlite3", "cloud"),
        ("/home/ana/Nextcloud/enact.sqlite3", "cloud"),
        ("\\\\nas\\equipe\\enact.sqlite3", "network"),
        ("//nas/equipe/enact.sqlite3", "network"),
        ("/mnt/home/ana/enact.sqlite3", "network"),
        ("/media/equipe/enact.sqlite3", "network"),
        ("/media/equipe/local/enact.sqlite3", None),
        ("/home/ana/.local/share/enact-match/enact.sqlite3", None),
    ],
)
def test_cloud_folders_and_network_shares_are_recognised(location: str, risk: str | None) -> None:
    assert safety.location_risk(location, MOUNTS) == risk


@pytest.mark.slow
def test_killing_an_import_at_random_moments_leaves_a_sound_database_with_all_rows_or_none(
    tmp_path: Path,
) -> None:
    # The crash benchmark itself: 10 kills of a 2,000-row import (200 of 10,000 rows: docs/reliability.md).
    figures_path = tmp_path / "figures.json"
    result = subprocess.run(
        [
            sys.executable,
            str(REPOSITORY / "benchmarks" / "crash_import.py"),
            "--runs",
            "10",
            "--rows",
            "2000",
            "--json",
            str(figures_path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    figures = json.loads(figures_path.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert figures["partial"] == figures["integrity_failures"] == figures["reopen_failures"] == 0
    assert figures["killed_with_none"] + figures["killed_with_all"] + figures["finished_before_kill"] == 10
    assert figures["killed_with_none"] >= 1  # the kills did land during imports
