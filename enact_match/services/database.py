"""Opening the database, for the layers above services (the desktop app and the command line).

A SQLite database is backed up (and the copy verified) before a migration changes it.
"""

from enact_match.services.backup import backup_before_migration
from enact_match.storage.database import Database, DatabaseUrlError
from enact_match.storage.database import open_database as _open_storage


def open_database(location: str, *, migrate: bool = True) -> Database:
    """Open (and create or upgrade) the database at `location` (file path or SQLAlchemy URL)."""
    return _open_storage(location, migrate=migrate, before_migration=backup_before_migration)


__all__ = ["Database", "DatabaseUrlError", "open_database"]
