"""Settings and paths: where the data lives, which database to open, the current user."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

APP_NAME = "enact-match"
APP_AUTHOR = "ENACT"
DB_ENV = "ENACT_MATCH_DB"
# Puts settings and data under one folder (tests, portable installs on a USB key at a fair).
HOME_ENV = "ENACT_MATCH_HOME"


def data_dir() -> Path:
    """The user's data folder (the default database and its backups live here)."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def config_dir() -> Path:
    """The user's settings folder."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def default_database_path() -> Path:
    """The embedded SQLite database used when nothing else is configured."""
    return data_dir() / "enact-match.sqlite3"


@dataclass
class Settings:
    """What the user chose in the settings dialog (stored as JSON in the settings folder)."""

    database: str = ""  # file path or SQLAlchemy URL; empty = the default file
    language: str = ""  # "fr", "en" or empty = the system's
    user_name: str = ""
    user_structure: str = ""  # structure code, e.g. POLARIS

    @staticmethod
    def path() -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        """The saved settings; defaults when there are none or the file is unreadable."""
        try:
            data = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {item.name for item in fields(cls)}
        return cls(**{key: str(value) for key, value in data.items() if key in known})

    def save(self) -> None:
        """Write the settings atomically (a crash never leaves half a file)."""
        path = self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)


def resolve_database(explicit: str | None = None, settings: Settings | None = None) -> str:
    """The database to open: `--db`, else $ENACT_MATCH_DB, else the settings, else the default file."""
    for candidate in (explicit, os.environ.get(DB_ENV), (settings or Settings.load()).database):
        if candidate and candidate.strip():
            return candidate.strip()
    return str(default_database_path())
