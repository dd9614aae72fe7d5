"""Opening the database, for the layers above services (the desktop app and the command line)."""

from enact_match.storage.database import Database, DatabaseUrlError, open_database

__all__ = ["Database", "DatabaseUrlError", "open_database"]
