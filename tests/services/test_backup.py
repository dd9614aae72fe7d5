"""Backups: verified copies, automatic backups when due, retention, restore, hooks before risky work."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from enact_match.services import backup, catalog
from enact_match.services.backup import BackupError, backups_to_keep
from enact_match.services.database import Database, open_database
from enact_match.services.dedup import merge_records
from enact_match.services.importing import import_file
from enact_match.storage.database import migrations_dir
from tests.support import GDPR_FACTS

NOW = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(str(tmp_path / "data" / "enact.sqlite3"))
    yield db
    db.dispose()


def _contact_names(db: Database) -> list[str]:
    return [row.name for row in catalog.list_contacts(db)]


def test_a_backup_is_a_verified_standalone_copy_next_to_the_database(sqlite_db: Database) -> None:
    catalog.save_record(sqlite_db, "contacts", {"name": "Anne Martin", **GDPR_FACTS})
    info = backup.create_backup(sqlite_db, "manual")
    assert info.path.parent == sqlite_db.file_path.parent / "backups"
    assert not list(info.path.parent.glob("*.partial"))
    copy = sqlite3.connect(info.path)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert copy.execute("SELECT name FROM contacts").fetchall() == [("Anne Martin",)]
    copy.close()
    assert backup.list_backups(sqlite_db)[0].path == info.path


def test_backups_are_refused_for_postgresql_and_automatic_ones_skip_it(database: Database) -> None:
    if database.is_sqlite:
        pytest.skip("PostgreSQL only")
    with pytest.raises(BackupError) as raised:
        backup.create_backup(database)
    assert raised.value.code == "not_sqlite"
    assert backup.backup_if_due(database, NOW) is None


def test_automatic_backup_waits_30_minutes_and_for_a_change(sqlite_db: Database) -> None:
    first = backup.backup_if_due(sqlite_db, NOW)
    assert first is not None and first.reason == "auto"
    assert backup.backup_if_due(sqlite_db, NOW + timedelta(minutes=29)) is None
    assert backup.backup_if_due(sqlite_db, NOW + timedelta(minutes=31)) is None  # nothing changed
    catalog.save_record(sqlite_db, "contacts", {"name": "Anne Martin", **GDPR_FACTS})
    assert backup.backup_if_due(sqlite_db, NOW + timedelta(minutes=20)) is None
    second = backup.backup_if_due(sqlite_db, NOW + timedelta(minutes=31))
    assert second is not None and second.created_at == NOW + timedelta(minutes=31)


def test_a_deletion_alone_counts_as_a_change_for_automatic_backups(sqlite_db: Database) -> None:
    row = catalog.save_record(sqlite_db, "contacts", {"name": "Anne Martin", **GDPR_FACTS})
    backup.create_backup(sqlite_db, "manual", NOW)
    with sqlite_db.writing() as session:  # no audit trace: only the row count changes
        session.execute(text("DELETE FROM contacts WHERE id = :id"), {"id": row.id.hex})
    assert backup.backup_if_due(sqlite_db, NOW + timedelta(hours=1)) is not None


def test_retention_keeps_a_day_of_everything_then_12_daily_10_weekly_9_monthly() -> None:
    # One backup every 6 hours for two years, up to 31 December 2026 at noon.
    times = [NOW - timedelta(hours=6 * step) for step in range(4 * 730)]
    kept = backups_to_keep(times, NOW)
    last_day = {moment for moment in times if NOW - moment < timedelta(hours=24)}
    assert last_day <= kept and len(last_day) == 4
    days = sorted({moment.date() for moment in kept}, reverse=True)
    assert days[:12] == [(NOW - timedelta(days=offset)).date() for offset in range(12)]
    assert len({moment.isocalendar()[:2] for moment in kept if NOW - moment < timedelta(weeks=10)}) == 10
    assert sorted({(moment.year, moment.month) for moment in kept}) == [
        (2026, month) for month in range(4, 13)
    ]
    assert min(kept) == datetime(2026, 4, 30, 18, 0, tzinfo=UTC)  # the newest backup of April
    assert len(kept) <= 4 + 12 + 10 + 9


def test_retention_keeps_the_newest_backup_of_each_period_not_the_oldest() -> None:
    morning, evening = NOW.replace(hour=8), NOW.replace(hour=20)
    older_day = [morning - timedelta(days=3), evening - timedelta(days=3)]
    assert backups_to_keep(older_day, NOW) == {evening - timedelta(days=3)}


def test_pruning_deletes_the_backups_retention_does_not_keep(sqlite_db: Database) -> None:
    made = {
        days: backup.create_backup(sqlite_db, "manual", NOW - timedelta(days=days), prune=False)
        for days in (40, 3, 3.5, 0)
    }
    removed = backup.prune_backups(sqlite_db, NOW)
    assert removed == [made[3.5].path]  # an older backup of the same day as another
    assert not made[3.5].path.exists()
    assert {info.created_at for info in backup.list_backups(sqlite_db)} == {
        NOW,
        NOW - timedelta(days=3),
        NOW - timedelta(days=40),
    }


def test_restore_brings_back_the_backup_after_a_safety_backup_of_the_current_data(
    sqlite_db: Database,
) -> None:
    catalog.save_record(sqlite_db, "contacts", {"name": "Anne Martin", **GDPR_FACTS})
    saved = backup.create_backup(sqlite_db, "manual")
    catalog.save_record(sqlite_db, "contacts", {"name": "Bruno Keller", **GDPR_FACTS})
    report = backup.restore_backup(sqlite_db, saved.path)
    assert _contact_names(sqlite_db) == ["Anne Martin"]
    assert report.safety_backup.reason == "before-restore"
    safety = sqlite3.connect(report.safety_backup.path)
    assert sorted(row[0] for row in safety.execute("SELECT name FROM contacts")) == [
        "Anne Martin",
        "Bruno Keller",
    ]
    safety.close()
    assert saved.path.exists()
    assert backup.check_database(sqlite_db) == []


def test_restore_refuses_a_corrupt_backup_and_changes_nothing(sqlite_db: Database, tmp_path: Path) -> None:
    catalog.save_record(sqlite_db, "contacts", {"name": "Anne Martin", **GDPR_FACTS})
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    with pytest.raises(BackupError) as raised:
        backup.restore_backup(sqlite_db, broken)
    assert raised.value.code == "corrupt_backup"
    with pytest.raises(BackupError) as missing:
        backup.restore_backup(sqlite_db, tmp_path / "none.sqlite3")
    assert missing.value.code == "unknown_backup"
    assert not (tmp_path / "none.sqlite3").exists()
    assert _contact_names(sqlite_db) == ["Anne Martin"]


def test_imports_and_merges_are_preceded_by_a_backup_but_dry_runs_are_not(
    sqlite_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "companies.csv"
    path.write_text("ref;nom\nC1;Alpha\nC2;Alpha bis\n", encoding="utf-8")
    import_file(sqlite_db, "companies", path, dry_run=True)
    assert backup.list_backups(sqlite_db) == []
    import_file(sqlite_db, "companies", path)
    assert [info.reason for info in backup.list_backups(sqlite_db)] == ["import"]
    first, second = catalog.list_companies(sqlite_db)
    merge_records(sqlite_db, "companies", first.id, second.id)
    assert [info.reason for info in backup.list_backups(sqlite_db)] == ["merge", "import"]


def test_a_migration_of_an_existing_database_is_preceded_by_a_backup(sqlite_db: Database) -> None:
    catalog.save_record(sqlite_db, "contacts", {"name": "Anne Martin", **GDPR_FACTS})
    with sqlite_db.engine.execution_options(sqlite_write=True).begin() as connection:  # an older database
        config = Config()
        config.set_main_option("script_location", str(migrations_dir()))
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    location = str(sqlite_db.file_path)
    sqlite_db.dispose()
    reopened = open_database(location)
    backups = backup.list_backups(reopened)
    assert [info.reason for info in backups] == ["migration"]
    old = sqlite3.connect(backups[0].path)
    assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
    old.close()
    assert _contact_names(reopened) == ["Anne Martin"]
    reopened.dispose()


def test_integrity_check_reports_a_damaged_file(sqlite_db: Database) -> None:
    for number in range(300):
        catalog.save_record(sqlite_db, "companies", {"name": f"Company {number} " + "x" * 200})
    assert backup.check_database(sqlite_db) == []
    path = sqlite_db.file_path
    sqlite_db.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page_size = 4096
    for offset in range(page_size * 3, page_size * 6):  # scribble over a few b-tree pages
        data[offset] = 0x5A
    path.write_bytes(bytes(data))
    damaged = open_database(str(path), migrate=False)
    assert backup.check_database(damaged) != []
    damaged.dispose()
