"""Shared test setup: the offscreen Qt platform and an isolated settings and data folder per test."""

from __future__ import annotations

import os

# Before anything imports Qt: tests never open windows on a real display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from pathlib import Path

import pytest

from enact_match.config import DB_ENV, HOME_ENV


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Settings and data of each test live in its own folder, never the user's."""
    home = tmp_path / "home"
    monkeypatch.setenv(HOME_ENV, str(home))
    monkeypatch.delenv(DB_ENV, raising=False)
    yield home
