"""Settings and paths: where the data lives, which database to open, the current user."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

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


# --------------------------------------------------------------------------- keys of encrypted databases

KEYRING_SERVICE = "enact-match"
# The key of an encrypted database for scripts; other users of the machine cannot read a process's
# environment, but the user's own tools (ps e, /proc/PID/environ, crash reports) can: prefer the keyring.
KEY_ENV = "ENACT_MATCH_KEY"


class KeyringUnavailableError(RuntimeError):
    """No usable OS keyring: the `keyring` package is missing or finds no backend (`code`:
    `keyring_missing`, `no_backend`, `keyring_failed`)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _keyring() -> Any:
    """The keyring module, when a real backend (Windows Credential Locker, macOS Keychain, Secret
    Service...) is there to hold secrets."""
    try:
        import keyring
        from keyring.backends import fail, null
    except ImportError as error:
        raise KeyringUnavailableError("keyring_missing") from error
    if isinstance(keyring.get_keyring(), fail.Keyring | null.Keyring):
        raise KeyringUnavailableError("no_backend")
    return keyring


def keyring_available() -> bool:
    """True when keys can be kept in the OS keyring."""
    try:
        _keyring()
    except KeyringUnavailableError:
        return False
    return True


def key_account(database_file: Path) -> str:
    """The keyring account of a database's key: the file's absolute path (a moved file asks again)."""
    return str(database_file.resolve())


def stored_key(database_file: Path) -> str | None:
    """The key kept in the OS keyring for this database file; None when there is none or no keyring."""
    try:
        return _keyring().get_password(KEYRING_SERVICE, key_account(database_file))  # type: ignore[no-any-return]
    except Exception:  # no keyring, or keyring.errors.KeyringError (a locked or broken keyring)
        return None


def store_key(database_file: Path, key: str) -> None:
    """Keep the key of this database file in the OS keyring (never anywhere else).

    Raises:
        KeyringUnavailableError: no keyring, or it refused the key.
    """
    keyring = _keyring()
    try:
        keyring.set_password(KEYRING_SERVICE, key_account(database_file), key)
    except Exception as error:  # keyring.errors.KeyringError (locked, refused...)
        raise KeyringUnavailableError("keyring_failed") from error


def forget_key(database_file: Path) -> None:
    """Remove the key of this database file from the OS keyring (nothing to do when there is none)."""
    try:
        _keyring().delete_password(KEYRING_SERVICE, key_account(database_file))
    except Exception:  # no keyring, or no such entry (keyring.errors.PasswordDeleteError)
        return
