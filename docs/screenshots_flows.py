"""Screenshots of the suggestion and pipeline screens, called by docs/make_screenshots.py on the demo data.

Each function drives the real main window (no fake data): it opens the page, waits for the
background work to finish, selects something telling, and saves the window as a PNG.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

from enact_match.services.catalog import list_needs
from enact_match.ui.pipeline_page import PipelinePage
from enact_match.ui.score_delegate import MATCH_ROLE
from enact_match.ui.suggestions_panel import SuggestionsPanel

# The demo need shown in the suggestions screenshot: one whose best team matches across languages.
PREFERRED_NEED_WORDS = ("maintenance prédictive", "prédictive", "défauts")


def _wait(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not finish loading")
        QCoreApplication.processEvents()
        time.sleep(0.01)


def _settle(seconds: float = 0.3) -> None:
    # Lets delegates paint and late background results arrive before the window is grabbed.
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def shoot_suggestions(window: QMainWindow, out_dir: Path) -> Path:
    """The needs page with a need selected: ranked teams, score bars, axis chips and the explanation."""
    context = window._context  # type: ignore[attr-defined]
    needs = list_needs(context.db, context.viewer)
    chosen = next(
        (need for words in PREFERRED_NEED_WORDS for need in needs if words in need.title.casefold()),
        needs[0],
    )
    window.open_record("needs", chosen.id)  # type: ignore[attr-defined]
    _wait(lambda: window.findChild(SuggestionsPanel) is not None)
    panel = window.findChild(SuggestionsPanel)
    assert panel is not None
    _wait(lambda: panel.model.rowCount() > 0 and not panel.busy_label.isVisible())
    panel.table.selectRow(0)
    _wait(lambda: "<h4>" in panel.explanation_view.html())
    _settle()
    path = out_dir / "suggestions.png"
    window.grab().save(str(path))
    return path


def shoot_pipeline(window: QMainWindow, out_dir: Path) -> Path:
    """The matches board with a match selected: its stage, notes and history on the side."""
    window.show_page("matches")  # type: ignore[attr-defined]
    page = window.page("matches")  # type: ignore[attr-defined]
    assert isinstance(page, PipelinePage)
    _wait(lambda: page.model.rowCount() > 0)
    busiest = max(page.columns.values(), key=lambda column: column.proxy.rowCount())
    first = busiest.proxy.index(0, 0)
    page.select_match(first.data(MATCH_ROLE).id)
    _wait(lambda: page.history_model.rowCount() > 0)
    _settle()
    path = out_dir / "pipeline.png"
    window.grab().save(str(path))
    return path
