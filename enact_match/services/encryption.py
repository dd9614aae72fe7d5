"""Encryption at rest of a SQLite database: encrypting, decrypting and changing the key, backups included.

A conversion never edits the database in place: SQLCipher's `sqlcipher_export` writes the whole
database into a new file next to it (under the write lock, so the copy is one consistent state),
the copy is checked (`PRAGMA integrity_check` and the row count of every table), flushed to disk and
only then renamed over the database: a crash leaves either the old file or the new one, never half.
A verified backup is made first. Every backup is then converted the same way, because a plaintext
backup beside an encrypted database would give the data away (and could not be restored into it).

The old plaintext bytes are not overwritten on disk (a rename frees them, and SSDs remap blocks
anyway): full-disk encryption remains the protection for data that was once stored unencrypted.
Conversions replace the file, so no other window or command may have the database open meanwhile;
an open one is detected by its write-ahead log, which outlives the conversion's own connection, and
refused (`in_use`).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from enact_match.services.backup import create_backup, fsync_path, list_backups
from enact_match.services.database import open_database
from enact_match.storage.database import Database
from enact_match.storage.encryption import (
    DatabaseKeyError,
    check_key,
    cipher_driver,
    connect_keyed,
    sql_literal,
)

log = logging.getLogger(__name__)
CONVERTING_SUFFIX = ".converting"
# A passphrase shorter than this is refused for a new key (SQLCipher stretches it with PBKDF2, but a
# 4-letter word still falls to a dictionary).
MIN_PASSPHRASE_LENGTH = 8


class EncryptionError(RuntimeError):
    """A conversion was refused; `code` is stable: `not_sqlite`, `already_encrypted`, `not_encrypted`,
    `in_use` (another connection keeps the database open), `copy_differs` (the converted copy failed
    its check; nothing was changed)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class ConversionReport:
    """What a conversion did: the database reopened with its new key, the backups converted with it,
    and the backups that could not be (damaged ones), left as they were for the user to delete."""

    database: Database
    backups_converted: int
    backups_not_converted: tuple[Path, ...]


def _open(driver: Any, path: Path, key: str | None) -> Any:
    if key is None:
        return driver.connect(str(path), isolation_level=None)
    return connect_keyed(driver, str(path), key, isolation_level=None)


def _row_counts(connection: Any, schema: str) -> dict[str, int]:
    tables = [
        row[0]
        for row in connection.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: int(connection.execute(f'SELECT count(*) FROM {schema}."{table}"').fetchone()[0])
        for table in tables
    }


def convert_file(path: Path, old_key: str | None, new_key: str | None) -> None:
    """Rewrite the SQLite file `path` from `old_key` to `new_key` (None: plain) through a verified copy.

    Raises:
        EncryptionError: `in_use`, `copy_differs` (the file is then left as it was).
        DatabaseKeyError: `wrong_key`, `sqlcipher_missing`.
    """
    driver = cipher_driver()
    copy = path.with_name(path.name + CONVERTING_SUFFIX)
    copy.unlink(missing_ok=True)
    source = _open(driver, path, old_key)
    try:
        # KEY '' attaches a plain file: that is how sqlcipher_export decrypts.
        source.execute(
            f"ATTACH DATABASE {sql_literal(str(copy))} AS converted KEY {sql_literal(new_key or '')}"
        )
        source.execute("BEGIN IMMEDIATE")  # one consistent state: no writer can slip in mid-export
        source.execute("SELECT sqlcipher_export('converted')")
        user_version = int(source.execute("PRAGMA main.user_version").fetchone()[0])
        source.execute(f"PRAGMA converted.user_version = {user_version}")
        expected = _row_counts(source, "main")
        source.execute("COMMIT")
        source.execute("DETACH DATABASE converted")
    except BaseException:
        source.close()
        copy.unlink(missing_ok=True)
        raise
    source.close()  # the last connection checkpoints the write-ahead log and removes it
    try:
        checked = _open(driver, copy, new_key)
        try:
            sound = checked.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            found = _row_counts(checked, "main")
        finally:
            checked.close()
        if not sound or found != expected:
            raise EncryptionError("copy_differs", str(path))
        if path.with_name(path.name + "-wal").exists():
            # The last connection to close removes the log: another one still has the database open.
            raise EncryptionError("in_use", str(path))
        fsync_path(copy)
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    os.replace(copy, path)
    fsync_path(path.parent)


def check_new_key(key: str) -> None:
    """Refuse a new key that is empty or shorter than MIN_PASSPHRASE_LENGTH (`short_key`)."""
    check_key(key)
    if len(key) < MIN_PASSPHRASE_LENGTH:
        raise DatabaseKeyError("short_key")


def _sqlite_file(db: Database) -> Path:
    path = db.file_path
    if path is None:
        raise EncryptionError("not_sqlite", db.display_location)
    return path


def _convert(db: Database, old_key: str | None, new_key: str | None) -> ConversionReport:
    path = _sqlite_file(db)
    backups = [info.path for info in list_backups(db)]
    driver_error = cipher_driver().DatabaseError
    db.dispose()  # the pool's connections would keep the old file (and its log) open
    convert_file(path, old_key, new_key)
    failed: list[Path] = []
    for backup in backups:
        try:
            convert_file(backup, old_key, new_key)
        except (EncryptionError, DatabaseKeyError, driver_error) as error:
            log.warning("backup %s not converted: %s", backup.name, error)
            failed.append(backup)
    reopened = open_database(str(path), key_for=lambda _path: new_key)
    return ConversionReport(reopened, len(backups) - len(failed), tuple(failed))


def encrypt_database(db: Database, key: str) -> ConversionReport:
    """Encrypt a plain SQLite database and every backup of it with `key` (after a verified backup).

    `db` is disposed; use the report's database from then on. The caller keeps the key (keyring).

    Raises:
        EncryptionError: `not_sqlite`, `already_encrypted`, `in_use`, `copy_differs`.
        DatabaseKeyError: `empty_key`, `short_key`, `sqlcipher_missing`.
    """
    _sqlite_file(db)
    if db.is_encrypted:
        raise EncryptionError("already_encrypted", db.display_location)
    check_new_key(key)
    cipher_driver()  # say that sqlcipher3 is missing before anything is written
    create_backup(db, "manual")
    return _convert(db, None, key)


def decrypt_database(db: Database, key: str) -> ConversionReport:
    """Turn an encrypted database (opened with `key`) and its backups back into plain SQLite files.

    Raises:
        EncryptionError: `not_sqlite`, `not_encrypted`, `in_use`, `copy_differs`.
    """
    _sqlite_file(db)
    if not db.is_encrypted:
        raise EncryptionError("not_encrypted", db.display_location)
    create_backup(db, "manual")
    return _convert(db, key, None)


def change_key(db: Database, old_key: str, new_key: str) -> ConversionReport:
    """Re-encrypt an encrypted database (opened with `old_key`) and its backups with `new_key`.

    Raises:
        EncryptionError: `not_sqlite`, `not_encrypted`, `in_use`, `copy_differs`.
        DatabaseKeyError: `empty_key`, `short_key`.
    """
    _sqlite_file(db)
    if not db.is_encrypted:
        raise EncryptionError("not_encrypted", db.display_location)
    check_new_key(new_key)
    create_backup(db, "manual")
    return _convert(db, old_key, new_key)
