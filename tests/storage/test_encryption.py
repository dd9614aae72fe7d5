"""Encrypted SQLite files (SQLCipher): telling them apart, opening them only with their key, same pragmas."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from enact_match.storage.database import Database, open_database
from enact_match.storage.encryption import (
    DatabaseKeyError,
    cipher_driver,
    connect_keyed,
    is_encrypted_file,
)
from enact_match.storage.models import Company
from tests.encryption_support import needs_sqlcipher

KEY = 'clé d\'essai "Munster" 2026'
SECRET = "Fromagerie Secrète de Munster"


def new_encrypted_database(path: Path, key: str = KEY) -> Database:
    """An empty encrypted file (a keyed connection writes its first page), then opened and migrated."""
    connection = connect_keyed(cipher_driver(), str(path), key)
    connection.execute("PRAGMA user_version = 0")
    connection.execute("CREATE TABLE seed (x)")
    connection.execute("DROP TABLE seed")
    connection.close()
    return open_database(str(path), key_for=lambda _path: key)


def _insert_company(db: Database, name: str) -> None:
    with db.writing() as session:
        session.add(Company(name=name))


def _bytes_of(path: Path) -> bytes:
    return b"".join(
        candidate.read_bytes()
        for candidate in (path, path.with_name(path.name + "-wal"))
        if candidate.exists()
    )


@needs_sqlcipher
def test_encrypted_file_and_its_log_hold_no_plaintext_while_a_plain_file_does(tmp_path: Path) -> None:
    plain = open_database(str(tmp_path / "plain.sqlite3"))
    encrypted = new_encrypted_database(tmp_path / "secret.sqlite3")
    for db in (plain, encrypted):
        _insert_company(db, SECRET)
    assert SECRET.encode() in _bytes_of(tmp_path / "plain.sqlite3")
    assert SECRET.encode() not in _bytes_of(tmp_path / "secret.sqlite3")
    assert b"companies" not in _bytes_of(tmp_path / "secret.sqlite3")
    with encrypted.reading() as session:
        assert session.execute(text("SELECT name FROM companies")).scalar_one() == SECRET
    plain.dispose()
    encrypted.dispose()


@needs_sqlcipher
def test_encrypted_file_is_told_from_plain_missing_and_empty_files(tmp_path: Path) -> None:
    open_database(str(tmp_path / "plain.sqlite3")).dispose()
    new_encrypted_database(tmp_path / "secret.sqlite3").dispose()
    (tmp_path / "empty.sqlite3").touch()
    assert is_encrypted_file(tmp_path / "secret.sqlite3")
    assert not is_encrypted_file(tmp_path / "plain.sqlite3")
    assert not is_encrypted_file(tmp_path / "empty.sqlite3")
    assert not is_encrypted_file(tmp_path / "missing.sqlite3")


@needs_sqlcipher
def test_wrong_key_is_refused_with_its_code_and_nothing_on_stderr(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "secret.sqlite3"
    new_encrypted_database(path).dispose()
    with pytest.raises(DatabaseKeyError) as raised:
        open_database(str(path), key_for=lambda _path: "not the key")
    assert raised.value.code == "wrong_key"
    assert capfd.readouterr().err == ""  # SQLCipher's own log of the failed decryption is silenced


@needs_sqlcipher
def test_encrypted_file_without_a_key_is_refused_as_key_required(tmp_path: Path) -> None:
    path = tmp_path / "secret.sqlite3"
    new_encrypted_database(path).dispose()
    with pytest.raises(DatabaseKeyError) as raised:
        open_database(str(path))
    assert raised.value.code == "key_required"
    with pytest.raises(DatabaseKeyError) as raised:
        open_database(str(path), key_for=lambda _path: None)
    assert raised.value.code == "key_required"


def test_key_is_asked_only_for_an_encrypted_file(tmp_path: Path) -> None:
    asked: list[Path] = []

    def key_for(path: Path) -> str:
        asked.append(path)
        return KEY

    db = open_database(str(tmp_path / "plain.sqlite3"), key_for=key_for)
    assert not db.is_encrypted and asked == []
    db.dispose()


@needs_sqlcipher
def test_encrypted_connections_get_the_same_pragmas_as_plain_ones(tmp_path: Path) -> None:
    pragmas = ("journal_mode", "synchronous", "foreign_keys", "busy_timeout", "secure_delete")
    found = []
    for db in (
        open_database(str(tmp_path / "plain.sqlite3")),
        new_encrypted_database(tmp_path / "s.sqlite3"),
    ):
        with db.engine.connect() as connection:
            found.append([connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in pragmas])
        db.dispose()
    assert found[0] == found[1] == ["wal", 2, 1, 5000, 1]


@needs_sqlcipher
def test_write_units_of_work_on_an_encrypted_file_take_the_write_lock_at_begin(tmp_path: Path) -> None:
    db = new_encrypted_database(tmp_path / "secret.sqlite3")
    other = db.connect_file(tmp_path / "secret.sqlite3")
    other.execute("PRAGMA busy_timeout = 0")
    with db.writing() as session:
        session.execute(text("SELECT count(*) FROM companies"))  # a read: a deferred BEGIN locks nothing
        # BEGIN IMMEDIATE took the write lock before that read: another writer is refused.
        with pytest.raises(cipher_driver().OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.close()
    db.dispose()


def test_encrypted_file_without_sqlcipher3_says_the_optional_package_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.sqlite3"
    path.write_bytes(b"\x8f" * 4096)  # what an encrypted file looks like: no SQLite header
    for name in ("sqlcipher3", "pysqlcipher3"):
        monkeypatch.setitem(sys.modules, name, None)  # `import` then fails as if it were not installed
    with pytest.raises(DatabaseKeyError) as raised:
        open_database(str(path), key_for=lambda _path: KEY)
    assert raised.value.code == "sqlcipher_missing"
