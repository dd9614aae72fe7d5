"""Start-up safety of a SQLite database: unclean-exit detection, the integrity check that follows, and
warnings about places where SQLite files get corrupted (cloud-synchronised folders, network shares).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath

from enact_match.services.backup import BackupInfo, check_database, last_good_backup
from enact_match.storage.database import Database

OPEN_MARKER_SUFFIX = ".open"
# Folder names used by the desktop clients of cloud storage services (casefolded).
_CLOUD_FOLDERS = (
    "dropbox",
    "onedrive",
    "google drive",
    "googledrive",
    "my drive",
    "icloud drive",
    "nextcloud",
)
_CLOUD_PARTS = ("com~apple~clouddocs", "cloudstorage", "mobile documents")
_NETWORK_FILESYSTEMS = ("nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs")


@dataclass(frozen=True)
class StartupCheck:
    """What the start found: whether the last session ended uncleanly, the integrity problems then
    found (empty: sound or not checked), and the newest backup that passes its own check."""

    unclean_exit: bool
    problems: tuple[str, ...]
    last_good_backup: BackupInfo | None


def _marker(db: Database) -> Path | None:
    path = db.file_path
    return None if path is None else path.with_name(path.name + OPEN_MARKER_SUFFIX)


def begin_session(db: Database) -> StartupCheck:
    """Mark the database as open by the app; after an unclean exit (the mark was still there), run a
    full integrity check and find the last good backup if it fails.

    Call `end_session` at a clean exit.
    """
    marker = _marker(db)
    if marker is None:
        return StartupCheck(False, (), None)
    unclean = marker.exists()
    marker.write_text(f"{os.getpid()}\n", encoding="utf-8")
    if not unclean:
        return StartupCheck(False, (), None)
    problems = tuple(check_database(db))
    return StartupCheck(True, problems, last_good_backup(db) if problems else None)


def end_session(db: Database) -> None:
    """Remove the open mark: the app closed the database cleanly."""
    marker = _marker(db)
    if marker is not None:
        marker.unlink(missing_ok=True)


def _read_mounts() -> str:
    try:
        return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def location_risk(location: str, mounts: str | None = None) -> str | None:
    """`cloud` when a database file sits in a cloud-synchronised folder, `network` on a network share,
    else None. SQLite files there get corrupted (sync clients copy them mid-write; network file
    systems break its locks).

    Args:
        location: the database file's path.
        mounts: the text of /proc/mounts (read on Linux when None).
    """
    text = location.replace("\\", "/")
    if text.startswith("//"):
        return "network"
    parts = [part.casefold() for part in PurePath(text).parts]
    for part in parts:
        if part.startswith(_CLOUD_FOLDERS) or part in _CLOUD_PARTS:
            return "cloud"
    if mounts is None:
        mounts = _read_mounts() if sys.platform.startswith("linux") else ""
    best_length, best_type = -1, ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = text == mount_point or text.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) > best_length:
            best_length, best_type = len(mount_point), fields[2]
    return "network" if best_type in _NETWORK_FILESYSTEMS else None


def database_location_risk(db: Database) -> str | None:
    """`location_risk` of a SQLite database's file (None for PostgreSQL)."""
    path = db.file_path
    return None if path is None else location_risk(str(path))
