"""Verified backups of a SQLite database: making, listing, pruning, restoring, and checking integrity.

A backup is made with the SQLite backup API (never a file copy of a live database) into a temporary
name, checked with `PRAGMA integrity_check`, flushed to disk and only then renamed into place.
Backups live in a `backups` folder next to the database file (the user's data folder for the
default database). They are made every 30 minutes when the data changed (`backup_if_due`, called
by the app on a timer) and before every import, merge, restore and migration. Retention: every
backup of the last 24 hours (so that each import of the day can be undone), then Anki's rule: the
newest backup of each of the last 12 days, 10 weeks and 9 months that have one.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError

from enact_match.services import audit, gdpr
from enact_match.storage.database import Database, upgrade_schema
from enact_match.storage.models import utc_now

log = logging.getLogger(__name__)
AUTO_INTERVAL = timedelta(minutes=30)
STALE_PARTIAL_SECONDS = 3600
KEEP_ALL_WITHIN = timedelta(hours=24)
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9
BACKUP_FOLDER = "backups"
_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z-]+)\.sqlite3$")
REASONS = ("auto", "manual", "import", "merge", "migration", "before-restore")


class BackupError(RuntimeError):
    """A backup or restore was refused; `code` is stable: `not_sqlite`, `corrupt_copy`, `corrupt_backup`,
    `unknown_backup`."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: where, when (UTC), why it was made, and its size in bytes."""

    path: Path
    created_at: datetime
    reason: str
    size: int


@dataclass(frozen=True)
class RestoreReport:
    """What a restore did: the backup restored, the safety backup made first, persons erased again."""

    restored: Path
    safety_backup: BackupInfo
    erased_again: int


# --------------------------------------------------------------------------- retention


def backups_to_keep(
    times: Iterable[datetime],
    now: datetime,
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
    keep_all_within: timedelta = KEEP_ALL_WITHIN,
) -> set[datetime]:
    """The backup times to keep: all of those less than `keep_all_within` old, and the newest of each
    of the last `daily` days, `weekly` ISO weeks and `monthly` months that have a backup (a backup
    can count for several periods)."""
    newest_first = sorted(set(times), reverse=True)
    periods: tuple[tuple[Callable[[datetime], Any], int], ...] = (
        (lambda moment: moment.date(), daily),
        (lambda moment: moment.isocalendar()[:2], weekly),
        (lambda moment: (moment.year, moment.month), monthly),
    )
    keep = {moment for moment in newest_first if now - moment < keep_all_within}
    for period_of, count in periods:
        seen: set[Any] = set()
        for moment in newest_first:
            period = period_of(moment)
            if period in seen:
                continue
            if len(seen) == count:
                break
            seen.add(period)
            keep.add(moment)
    return keep


# --------------------------------------------------------------------------- files


def _database_file(db: Database) -> Path:
    path = db.file_path
    if path is None:
        raise BackupError("not_sqlite", db.display_location)
    return path


def backup_folder(db: Database) -> Path:
    """The folder of the database's backups (next to the database file)."""
    return _database_file(db).parent / BACKUP_FOLDER


def list_backups(db: Database) -> list[BackupInfo]:
    """The database's backups, newest first (an empty list for PostgreSQL)."""
    if db.file_path is None:
        return []
    folder, stem = backup_folder(db), db.file_path.stem
    found: list[BackupInfo] = []
    for path in folder.glob(f"{stem}-*.sqlite3") if folder.is_dir() else ():
        parsed = _NAME.match(path.name)
        if parsed is None or parsed["stem"] != stem:
            continue
        created = datetime.strptime(parsed["stamp"], _STAMP_FORMAT).replace(tzinfo=UTC)
        found.append(BackupInfo(path, created, parsed["reason"], path.stat().st_size))
    return sorted(found, key=lambda info: info.created_at, reverse=True)


def fsync_path(path: Path) -> None:
    """Flush a file (or a folder's entries) to disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    except OSError:  # some platforms (Windows folders) cannot fsync a directory
        pass
    finally:
        os.close(descriptor)


def integrity_problems_of_file(db: Database, path: Path) -> list[str]:
    """`PRAGMA integrity_check` of a SQLite file opened like `db` (empty list: the file is sound)."""
    try:
        connection = db.connect_file(path, read_only=True)
        try:
            rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        finally:
            connection.close()
    except Exception as error:  # a file that is not a database at all
        return [str(error).splitlines()[0] if str(error) else type(error).__name__]
    return [] if rows == ["ok"] else rows


def check_database(db: Database) -> list[str]:
    """A full integrity check of the database (empty list: sound). PostgreSQL answers for itself."""
    if not db.is_sqlite:
        with db.reading() as session:
            session.connection().exec_driver_sql("SELECT 1")
        return []
    try:
        with db.engine.connect() as connection:
            rows = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
    except DBAPIError as error:  # "database disk image is malformed" before the check could finish
        return [str(error.orig).splitlines()[0]]
    return [] if rows == ["ok"] else rows


def create_backup(
    db: Database,
    reason: str = "manual",
    now: datetime | None = None,
    prune: bool = True,
    require_sound: bool = True,
) -> BackupInfo:
    """Back the database up now: backup API into a temporary file, integrity check, fsync, rename.

    Older backups are then pruned (see `backups_to_keep`) unless `prune` is False.

    Args:
        require_sound: refuse a copy that fails its integrity check. False keeps it anyway: the
            safety copy of a damaged database about to be replaced by a restore.

    Raises:
        BackupError: `not_sqlite`, or `corrupt_copy` when the copy fails its integrity check (the
            copy is removed and nothing else changes).
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    source_file = _database_file(db)
    moment = now or utc_now()
    folder = backup_folder(db)
    folder.mkdir(parents=True, exist_ok=True)
    for leftover in folder.glob("*.partial"):
        # A backup interrupted by a crash; a recent one may be another process's backup in progress.
        if time.time() - leftover.stat().st_mtime > STALE_PARTIAL_SECONDS:
            leftover.unlink(missing_ok=True)
    target = folder / f"{source_file.stem}-{moment.strftime(_STAMP_FORMAT)}-{reason}.sqlite3"
    partial = target.with_name(target.name + ".partial")
    try:
        with db.engine.connect() as connection:
            source = connection.connection.driver_connection
            copy = db.connect_file(partial)
            try:
                source.backup(copy)  # type: ignore[union-attr]
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            finally:
                copy.close()
    except (DBAPIError, db.driver_error) as error:  # the backup API cannot read a damaged file
        partial.unlink(missing_ok=True)
        if require_sound:
            raise BackupError("corrupt_copy", str(error).splitlines()[0]) from error
        log.warning("backup API failed (%s): keeping the damaged file's bytes as they are", error)
        db.engine.dispose()
        shutil.copyfile(source_file, partial)
    problems = integrity_problems_of_file(db, partial)
    if problems and require_sound:
        partial.unlink(missing_ok=True)
        raise BackupError("corrupt_copy", problems[0])
    fsync_path(partial)
    os.replace(partial, target)
    fsync_path(folder)
    if prune:
        prune_backups(db, moment)
    return BackupInfo(target, moment, reason, target.stat().st_size)


def prune_backups(db: Database, now: datetime | None = None) -> list[Path]:
    """Delete the backups the retention rule does not keep; returns the deleted files."""
    backups = list_backups(db)
    keep = backups_to_keep((info.created_at for info in backups), now or utc_now())
    removed = [info.path for info in backups if info.created_at not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def backup_before(db: Database, reason: str) -> BackupInfo | None:
    """A verified backup before a risky operation (import, merge...); None for PostgreSQL or an empty
    database file."""
    path = db.file_path
    if path is None or not path.exists():
        return None
    return create_backup(db, reason)


def backup_before_migration(db: Database) -> None:
    """The hook `open_database` calls before a migration changes an existing SQLite database."""
    backup_before(db, "migration")


# --------------------------------------------------------------------------- automatic backups


def _change_stamp(connection: Any) -> list[tuple[str, int, str | None]]:
    """Per table: its row count and newest change time. Equal stamps: the data did not change."""
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    stamp = []
    for table in tables:
        columns = {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}
        changed = next((name for name in ("updated_at", "at", "erased_on") if name in columns), None)
        newest = f'max("{changed}")' if changed else "NULL"
        count, latest = connection.execute(f'SELECT count(*), {newest} FROM "{table}"').fetchone()
        stamp.append((table, int(count), None if latest is None else str(latest)))
    return stamp


def _stamp_of_file(db: Database, path: Path) -> list[tuple[str, int, str | None]]:
    connection = db.connect_file(path, read_only=True)
    try:
        return _change_stamp(connection)
    finally:
        connection.close()


def backup_if_due(db: Database, now: datetime | None = None) -> BackupInfo | None:
    """Back up when the newest backup is 30 minutes old or more and the data changed since.

    The app calls this on a timer. Returns the new backup, or None when none was due (or for
    PostgreSQL, whose backups are the server's business).
    """
    if db.file_path is None:
        return None
    moment = now or utc_now()
    backups = list_backups(db)
    if backups:
        newest = backups[0]
        if moment - newest.created_at < AUTO_INTERVAL:
            return None
        with db.engine.connect() as connection:
            current = _change_stamp(connection.connection.driver_connection)
        if current == _stamp_of_file(db, newest.path):
            return None
    return create_backup(db, "auto", moment)


def last_good_backup(db: Database) -> BackupInfo | None:
    """The newest backup that passes the integrity check."""
    for info in list_backups(db):
        if not integrity_problems_of_file(db, info.path):
            return info
    return None


# --------------------------------------------------------------------------- restoring


def restore_backup(db: Database, backup: Path, author: str | None = None) -> RestoreReport:
    """Replace the database's content with a backup, after a safety backup of the current content.

    The restored database is migrated if the backup is older than the app, and every person erased
    at their request (see gdpr) is erased again from it: a restore never brings them back.

    Raises:
        BackupError: `not_sqlite`, `unknown_backup` (no such file), `corrupt_backup`.
    """
    _database_file(db)
    if not backup.is_file():
        raise BackupError("unknown_backup", str(backup))
    problems = integrity_problems_of_file(db, backup)
    if problems:
        raise BackupError("corrupt_backup", problems[0])
    try:
        tombstones = gdpr.read_tombstones(db)
    except DBAPIError:  # a damaged database: the restored backup's own tombstones still apply
        log.warning("the erasure tombstones of the damaged database could not be read")
        tombstones = []
    # Not pruned before the restore: pruning could delete the very backup being restored. Kept even
    # when the current data is damaged (that is often why one restores).
    safety = create_backup(db, "before-restore", prune=False, require_sound=False)
    db.engine.dispose()  # no pooled connection keeps reading the old pages
    with db.engine.connect() as connection:
        target = connection.connection.driver_connection
        source = db.connect_file(backup, read_only=True)
        try:
            source.backup(target)  # type: ignore[arg-type]
        finally:
            source.close()
    db.engine.dispose()
    upgrade_schema(db.engine)
    erased = gdpr.reapply_tombstones(db, tombstones)
    with db.writing() as session:
        audit.record_event(session, author, "database", None, "restore")
    prune_backups(db)
    return RestoreReport(backup, safety, erased)
