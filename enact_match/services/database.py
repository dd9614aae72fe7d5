"""Opening the database, for the layers above services (the desktop app and the command line).

A SQLite database is backed up (and the copy verified) before a migration changes it.
"""

from collections.abc import Callable
from pathlib import Path

from enact_match.services.backup import backup_before_migration
from enact_match.storage.database import Database, DatabaseUrlError
from enact_match.storage.database import open_database as _open_storage
from enact_match.storage.encryption import DatabaseKeyError, is_encrypted_file


def open_database(
    location: str, *, migrate: bool = True, key_for: Callable[[Path], str | None] | None = None
) -> Database:
    """Open (and create or upgrade) the database at `location` (file path or SQLAlchemy URL).

    Args:
        key_for: gives the key of an encrypted SQLite file (asked only for such a file).

    Raises:
        DatabaseKeyError: an encrypted file without its key, with a wrong key, or without sqlcipher3.
    """
    return _open_storage(location, migrate=migrate, before_migration=backup_before_migration, key_for=key_for)


__all__ = ["Database", "DatabaseKeyError", "DatabaseUrlError", "is_encrypted_file", "open_database"]
