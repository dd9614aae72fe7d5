"""Long operations behind a progress dialog with Cancel: the shared pieces, and the full re-match.

A service reports progress through a callback it calls inside its transaction; raising
`OperationCancelledError` from that callback once the user pressed Cancel rolls the work back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from enact_match.ui import prompts
from enact_match.ui.context import AppContext
from enact_match.ui.workers import BackgroundTask, ProgressCallback, run_in_background

translate = QCoreApplication.translate


class OperationCancelledError(Exception):
    """The user cancelled a long operation; its transaction was rolled back."""


def cancellable(progress: ProgressCallback, cancelled: Callable[[], bool]) -> ProgressCallback:
    """A progress callback that raises OperationCancelledError once the user cancelled."""

    def checked(done: int, total: int) -> None:
        if cancelled():
            raise OperationCancelledError
        progress(done, total)

    return checked


def progress_to(dialog: QProgressDialog) -> ProgressCallback:
    """A progress callback (GUI thread) that moves the dialog's bar."""

    def show(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    return show


def progress_dialog(parent: QWidget | None, label: str, cancellable: bool) -> QProgressDialog:
    """A window-modal progress dialog shown after 300 ms, with or without Cancel."""
    cancel_text = translate("LongOperations", "Cancel") if cancellable else ""
    dialog = QProgressDialog(label, cancel_text, 0, 0, parent)
    dialog.setWindowTitle("ENACT Match")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    if not cancellable:
        dialog.setCancelButton(None)
    return dialog


def start_rematch(parent: QWidget, context: AppContext, on_finished: Callable[[], None]) -> BackgroundTask:
    """Re-read every need and team and recompute all suggestions, with progress and Cancel.

    Cancelling keeps the suggestions as they were before.
    """
    dialog = progress_dialog(parent, translate("LongOperations", "Recomputing all suggestions…"), True)
    service = context.suggestions

    def work(progress: ProgressCallback, cancelled: Callable[[], bool]) -> Any:
        service.rebuild(progress=progress, cancelled=cancelled)

    def on_done(_result: Any) -> None:
        dialog.close()
        on_finished()

    def on_error(error: BaseException) -> None:
        from enact_match.services.suggestions import MatchingCancelledError  # off the start-up path

        dialog.close()
        if not isinstance(error, MatchingCancelledError):
            title = translate("LongOperations", "Cannot recompute the suggestions")
            prompts.show_error(parent, title, str(error).splitlines()[0])

    task = run_in_background(work, on_done, on_error, progress_to(dialog), with_progress=True)
    dialog.canceled.connect(task.cancel)
    return task
