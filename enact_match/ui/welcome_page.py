"""First start: the welcome page offering the demo data or an import, and loading the demo data.

The demo data loads on the database-writer thread behind a progress dialog with Cancel (its single
transaction is then rolled back, the database is unchanged); an import goes through the import wizard.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from enact_match.services.demo import load_demo
from enact_match.ui import prompts
from enact_match.ui.context import AppContext
from enact_match.ui.i18n import Retranslating
from enact_match.ui.import_wizard import ImportWizard
from enact_match.ui.long_operations import OperationCancelledError, cancellable, progress_dialog, progress_to
from enact_match.ui.workers import BackgroundTask, ProgressCallback, run_write_in_background

translate = QCoreApplication.translate


def start_demo_load(parent: QWidget, context: AppContext, on_loaded: Callable[[], None]) -> BackgroundTask:
    """Load the demo data in the background with progress and Cancel; `on_loaded` runs on success."""
    dialog = progress_dialog(parent, translate("WelcomePage", "Loading the demo data…"), cancellable=True)
    db = context.db

    def work(progress: ProgressCallback, cancelled: Callable[[], bool]) -> Any:
        report = load_demo(db, progress=cancellable(progress, cancelled))
        context.suggestions.score_missing_matches()  # the demo's matches get their score and reasons
        return report

    def on_done(_report: Any) -> None:
        dialog.close()
        on_loaded()

    def on_error(error: BaseException) -> None:
        dialog.close()
        if not isinstance(error, OperationCancelledError):
            prompts.show_error(
                parent, translate("WelcomePage", "Cannot load the demo data"), str(error).splitlines()[0]
            )

    task = run_write_in_background(work, on_done, on_error, progress_to(dialog), with_progress=True)
    dialog.canceled.connect(task.cancel)
    return task


class WelcomePage(Retranslating, QWidget):
    """Shown instead of the lists while the database is empty."""

    data_loaded = Signal()
    skipped = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._build_ui()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self._title = QLabel()
        font = QFont(self._title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self._title.setFont(font)
        self._intro = QLabel()
        self._intro.setWordWrap(True)
        self._intro.setTextFormat(Qt.TextFormat.PlainText)
        self._demo_button = QPushButton()
        self._demo_button.setObjectName("demo_button")
        self._demo_button.clicked.connect(self.load_demo)
        self._import_button = QPushButton()
        self._import_button.clicked.connect(self.import_file)
        self._skip_button = QPushButton()
        self._skip_button.clicked.connect(self.skipped)
        for button in (self._demo_button, self._import_button, self._skip_button):
            button.setMinimumHeight(36)
        self._location = QLabel()
        self._location.setTextFormat(Qt.TextFormat.PlainText)
        self._location.setWordWrap(True)
        self._location.setEnabled(False)

        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self._title)
        column.addSpacing(8)
        column.addWidget(self._intro)
        column.addSpacing(16)
        column.addWidget(self._demo_button)
        column.addWidget(self._import_button)
        column.addWidget(self._skip_button)
        column.addSpacing(16)
        column.addWidget(self._location)
        column.addStretch(2)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(560)
        layout = QHBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(holder, 3)
        layout.addStretch(1)

    def retranslate_ui(self) -> None:
        self._title.setText(self.tr("Welcome to ENACT Match"))
        self._intro.setText(
            self.tr(
                "ENACT Match connects the R&D needs of companies with the research teams of the Grand Est "
                "region that can answer them. The database is empty: start with the demo data to discover "
                "the application, or import your own files (CSV or Excel)."
            )
        )
        self._demo_button.setText(self.tr("Load the demo data"))
        self._demo_button.setToolTip(
            self.tr("Public Grand Est units and teams, fictional companies and needs")
        )
        self._import_button.setText(self.tr("Import a file…"))
        self._import_button.setToolTip(
            self.tr("Needs, companies, units, teams or contacts from CSV, XLSX or ODS")
        )
        self._skip_button.setText(self.tr("Start with an empty database"))
        self._location.setText(self.tr("Database: %1").replace("%1", self._context.db.display_location))

    def load_demo(self) -> BackgroundTask:
        return start_demo_load(self, self._context, self.data_loaded.emit)

    def import_file(self) -> None:
        """Import a file through the wizard; the workspace shows once something was imported."""
        report = ImportWizard.ask(self, self._context)
        if report is not None and not report.dry_run:
            self.data_loaded.emit()
