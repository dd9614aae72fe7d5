"""SQLCipher encryption of SQLite files: telling an encrypted file, loading the driver, keyed connections.

An encrypted database is a SQLCipher file: every page (and every page of its WAL) is encrypted, so the
file does not start with SQLite's `SQLite format 3` header. That is how ENACT Match tells an encrypted
database from a plain one: no setting to keep in step with the file, and a copied or moved file keeps
working. The driver, `sqlcipher3`, is optional (`pip install 'enact-match[encryption]'`); SQLAlchemy's
`pysqlcipher` dialect loads it, so this package imports no driver by name.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import Engine, create_engine

SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseKeyError(RuntimeError):
    """The key of an encrypted database is missing or wrong, or encryption is not available.

    `code` is stable: `key_required` (an encrypted file and no key), `wrong_key`, `empty_key`,
    `short_key` (a new passphrase under 8 characters, see services/encryption.py), `sqlcipher_missing`
    (the optional sqlcipher3 package is not installed).
    """

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def is_encrypted_file(path: Path) -> bool:
    """True when `path` is a non-empty file without SQLite's header (a SQLCipher database).

    A missing or empty file is a new plain database. A file that is no database at all also counts
    as encrypted: opening it then fails as a wrong key, which is the honest answer for such a file.
    """
    try:
        with path.open("rb") as file:
            head = file.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return bool(head) and head != SQLITE_HEADER


def cipher_driver() -> ModuleType:
    """The SQLCipher DB-API module (sqlcipher3, as SQLAlchemy's pysqlcipher dialect finds it).

    Raises:
        DatabaseKeyError: `sqlcipher_missing` when no SQLCipher driver is installed.
    """
    from sqlalchemy.dialects.sqlite.pysqlcipher import SQLiteDialect_pysqlcipher

    try:
        return SQLiteDialect_pysqlcipher.import_dbapi()  # type: ignore[no-any-return]
    except ImportError as error:
        raise DatabaseKeyError("sqlcipher_missing") from error


def sql_literal(text: str) -> str:
    """`text` as a SQL string literal (PRAGMA key and ATTACH take no bound parameters)."""
    return "'" + text.replace("'", "''") + "'"


def check_key(key: str) -> None:
    """Refuse a key SQLCipher would misread: empty (it means "no encryption") or with a NUL character."""
    if not key or "\x00" in key:
        raise DatabaseKeyError("empty_key")


def connect_keyed(driver: ModuleType, target: str, key: str, **options: Any) -> Any:
    """A DB-API connection to a SQLCipher file, keyed and checked.

    `PRAGMA key` is the first statement on the connection; a read of the schema then proves the key
    (SQLCipher only reports a wrong key at the first read of the file).

    Raises:
        DatabaseKeyError: `wrong_key` (or `empty_key`).
    """
    check_key(key)
    connection = driver.connect(target, **options)
    try:
        connection.execute(f"PRAGMA key = {sql_literal(key)}")
        # SQLCipher logs a failed decryption on stderr; the caller reports it in its own words.
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DatabaseError as error:
        connection.close()
        if "not a database" in str(error):
            raise DatabaseKeyError("wrong_key", target) from error
        raise
    except BaseException:
        connection.close()
        raise
    return connection


def encrypted_engine(url: str, path: Path, key: str, **options: Any) -> Engine:
    """A SQLAlchemy engine on the SQLCipher file `path` (the key never appears in the URL).

    Each pooled connection is made by `connect_keyed`, so the key comes before anything SQLAlchemy
    runs; the caller installs the same per-connection pragmas and BEGIN hooks as for a plain file,
    then connects once so that a wrong key is refused at once.

    Raises:
        DatabaseKeyError: `sqlcipher_missing`, `empty_key`.
    """
    driver = cipher_driver()
    check_key(key)
    return create_engine(
        url,
        module=driver,
        creator=lambda: connect_keyed(driver, str(path), key, timeout=5, check_same_thread=False),
        **options,
    )
