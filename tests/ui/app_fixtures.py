"""Fixtures of the UI tests written for the main window and record pages: an app context and a window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from enact_match.config import Settings
from enact_match.services.database import Database
from enact_match.ui import i18n
from enact_match.ui.context import AppContext
from enact_match.ui.main_window import MainWindow
from enact_match.ui.record_pages import PageConfig, RecordPage
from enact_match.ui.workers import wait_for_background_work


@pytest.fixture
def english(qapp: object) -> Iterator[None]:
    """Tests start in English (the source language) and leave it so."""
    i18n.install_language("en")
    yield
    i18n.install_language("en")


def make_context(db: Database) -> AppContext:
    return AppContext(db, Settings())


def open_page(qtbot: QtBot, db: Database, config: PageConfig) -> RecordPage:
    """A record page over `db`, shown and loaded."""
    page = RecordPage(make_context(db), config)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.refresh()
    return page


@pytest.fixture
def window_on(qtbot: QtBot, english: None) -> Iterator[object]:
    """A function opening the main window over a database (closed and drained at the end)."""
    windows: list[MainWindow] = []

    def opener(db: Database) -> MainWindow:
        window = MainWindow(make_context(db))
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield opener
    wait_for_background_work()
