"""Encryption at rest: converting a database and its backups, backups and restores of an encrypted one,
keys in the OS keyring."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from enact_match import config
from enact_match.services import backup, catalog
from enact_match.services.database import Database, DatabaseKeyError, is_encrypted_file, open_database
from enact_match.services.demo import load_demo
from enact_match.services.encryption import (
    EncryptionError,
    change_key,
    decrypt_database,
    encrypt_database,
)
from tests.encryption_support import (
    PASSPHRASE,
    MemoryKeyring,
    keyring_backend,
    needs_sqlcipher,
    without_keyring,
)

__all__ = ["keyring_backend", "without_keyring"]
SECRET = "Fromagerie Secrète de Munster"


@pytest.fixture
def plain_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(str(tmp_path / "data" / "enact.sqlite3"))
    catalog.save_record(db, "companies", {"name": SECRET, "city": "Munster"})
    yield db
    db.dispose()


def _row_counts(db: Database) -> dict[str, int]:
    with db.reading() as session:
        tables = session.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        ).scalars()
        return {
            table: session.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
            for table in list(tables)
        }


def _company_names(db: Database) -> list[str]:
    return [row.name for row in catalog.list_companies(db)]


@needs_sqlcipher
def test_encrypting_keeps_every_row_of_the_demo_and_leaves_no_plaintext(tmp_path: Path) -> None:
    db = open_database(str(tmp_path / "enact.sqlite3"))
    load_demo(db)
    before = _row_counts(db)
    some_company = _company_names(db)[0]
    report = encrypt_database(db, PASSPHRASE)
    encrypted = report.database
    path = tmp_path / "enact.sqlite3"
    assert encrypted.is_encrypted and is_encrypted_file(path)
    assert _row_counts(encrypted) == before and sum(before.values()) > 100
    assert some_company.encode() not in path.read_bytes()
    assert backup.check_database(encrypted) == []
    encrypted.dispose()
    assert not list(tmp_path.glob("*.converting"))


@needs_sqlcipher
def test_encrypting_encrypts_every_backup_too_and_they_stay_restorable(plain_db: Database) -> None:
    old = backup.create_backup(plain_db, "manual")
    report = encrypt_database(plain_db, PASSPHRASE)
    db = report.database
    backups = backup.list_backups(db)
    assert report.backups_converted == len(backups) == 2  # the old one and the one made before encrypting
    assert report.backups_not_converted == ()
    for info in backups:
        assert is_encrypted_file(info.path)
        assert SECRET.encode() not in info.path.read_bytes()
        assert backup.integrity_problems_of_file(db, info.path) == []
    catalog.save_record(db, "companies", {"name": "Added after the backup"})
    backup.restore_backup(db, old.path)
    assert _company_names(db) == [SECRET]
    db.dispose()


@needs_sqlcipher
def test_backup_of_an_encrypted_database_is_encrypted_with_the_same_key_and_verified(
    plain_db: Database,
) -> None:
    db = encrypt_database(plain_db, PASSPHRASE).database
    info = backup.create_backup(db, "manual")
    assert is_encrypted_file(info.path) and SECRET.encode() not in info.path.read_bytes()
    with pytest.raises(sqlite3.DatabaseError):  # Python's own SQLite cannot read it
        sqlite3.connect(info.path).execute("SELECT count(*) FROM sqlite_master").fetchall()
    copy = open_database(str(info.path), key_for=lambda _path: PASSPHRASE, migrate=False)
    assert _company_names(copy) == [SECRET]
    copy.dispose()
    assert backup.last_good_backup(db) == info
    db.dispose()


@needs_sqlcipher
def test_automatic_backup_compares_an_encrypted_backup_with_the_data(plain_db: Database) -> None:
    db = encrypt_database(plain_db, PASSPHRASE).database
    newest = backup.list_backups(db)[0]
    later = newest.created_at.replace(year=newest.created_at.year + 1)
    assert backup.backup_if_due(db, later) is None  # nothing changed since the backup
    catalog.save_record(db, "companies", {"name": "Nouvelle société"})
    made = backup.backup_if_due(db, later)
    assert made is not None and is_encrypted_file(made.path)
    db.dispose()


@needs_sqlcipher
def test_decrypting_gives_back_plain_files_with_every_row(plain_db: Database, tmp_path: Path) -> None:
    encrypted = encrypt_database(plain_db, PASSPHRASE).database
    before = _row_counts(encrypted)
    report = decrypt_database(encrypted, PASSPHRASE)
    db = report.database
    path = tmp_path / "data" / "enact.sqlite3"
    assert not db.is_encrypted and not is_encrypted_file(path)
    assert _row_counts(db) == before
    assert SECRET.encode() in path.read_bytes()
    for info in backup.list_backups(db):
        assert sqlite3.connect(info.path).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.dispose()


@needs_sqlcipher
def test_changing_the_key_refuses_the_old_key_afterwards_for_the_database_and_its_backups(
    plain_db: Database, tmp_path: Path
) -> None:
    encrypted = encrypt_database(plain_db, PASSPHRASE).database
    db = change_key(encrypted, PASSPHRASE, "nouvelle phrase").database
    path = tmp_path / "data" / "enact.sqlite3"
    db.dispose()
    with pytest.raises(DatabaseKeyError) as raised:
        open_database(str(path), key_for=lambda _path: PASSPHRASE)
    assert raised.value.code == "wrong_key"
    db = open_database(str(path), key_for=lambda _path: "nouvelle phrase")
    assert _company_names(db) == [SECRET]
    assert all(backup.integrity_problems_of_file(db, info.path) == [] for info in backup.list_backups(db))
    db.dispose()


@needs_sqlcipher
def test_conversion_is_refused_while_another_connection_keeps_the_database_open(
    plain_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "data" / "enact.sqlite3"
    # Another process (a second window, a command line): SQLite locks are per process.
    holder = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT 1 FROM companies'); "
    holder += "print('open', flush=True); sys.stdin.read()"
    other = subprocess.Popen(
        [sys.executable, "-c", holder, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert other.stdout is not None and other.stdout.readline() == "open\n"
        with pytest.raises(EncryptionError) as raised:
            encrypt_database(plain_db, PASSPHRASE)
    finally:
        other.communicate("")
    assert raised.value.code == "in_use"
    assert not is_encrypted_file(path)
    assert not list(path.parent.glob("*.converting"))
    db = open_database(str(path))
    assert _company_names(db) == [SECRET]
    db.dispose()


@needs_sqlcipher
def test_encrypting_twice_or_with_an_empty_or_short_key_is_refused(plain_db: Database) -> None:
    for key, code in (("", "empty_key"), ("1234567", "short_key")):
        with pytest.raises(DatabaseKeyError) as raised:
            encrypt_database(plain_db, key)
        assert raised.value.code == code
    assert backup.list_backups(plain_db) == []  # refused before anything was written
    db = encrypt_database(plain_db, PASSPHRASE).database
    with pytest.raises(EncryptionError) as refused:
        encrypt_database(db, PASSPHRASE)
    assert refused.value.code == "already_encrypted"
    db.dispose()


def test_encryption_of_a_postgresql_database_is_refused(database: Database) -> None:
    if database.is_sqlite:
        pytest.skip("PostgreSQL only")
    with pytest.raises(EncryptionError) as raised:
        encrypt_database(database, PASSPHRASE)
    assert raised.value.code == "not_sqlite"


def test_encrypting_without_sqlcipher3_says_so_before_changing_anything(
    plain_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("sqlcipher3", "pysqlcipher3"):
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(DatabaseKeyError) as raised:
        encrypt_database(plain_db, PASSPHRASE)
    assert raised.value.code == "sqlcipher_missing"
    assert backup.list_backups(plain_db) == []
    assert _company_names(plain_db) == [SECRET]


def test_keys_round_trip_through_the_keyring_per_database_file(
    keyring_backend: MemoryKeyring, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert config.keyring_available()
    config.store_key(first, PASSPHRASE)
    assert config.stored_key(first) == PASSPHRASE
    assert config.stored_key(second) is None
    assert keyring_backend.passwords == {("enact-match", str(first.resolve())): PASSPHRASE}
    config.forget_key(first)
    config.forget_key(first)  # forgetting twice is harmless
    assert config.stored_key(first) is None


@pytest.mark.usefixtures("without_keyring")
def test_without_a_keyring_backend_nothing_is_stored_and_it_is_said(tmp_path: Path) -> None:
    assert not config.keyring_available()
    assert config.stored_key(tmp_path / "a.sqlite3") is None
    with pytest.raises(config.KeyringUnavailableError) as raised:
        config.store_key(tmp_path / "a.sqlite3", PASSPHRASE)
    assert raised.value.code == "no_backend"
