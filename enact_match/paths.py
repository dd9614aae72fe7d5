"""Where the shipped `resources/` and `db/` folders are, in a source checkout and in an installed wheel.

A leaf module (standard library only) that every layer may import.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _data_root(name: str) -> Path:
    # An installed wheel carries the folders under enact_match/_data/ (see pyproject.toml);
    # a source checkout or an editable install has them at the top of the repository.
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"ENACT Match installation is incomplete: folder '{name}' not found")


def resource_path(*parts: str) -> Path:
    """Path of a file or folder under the shipped `resources/` folder."""
    return _data_root("resources").joinpath(*parts)


def migrations_dir() -> Path:
    """Path of the Alembic scripts folder (`db/migrations`)."""
    return _data_root("db") / "migrations"
