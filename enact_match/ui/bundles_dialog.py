"""File → Laptop bundles…: export my changes, merge a bundle from another laptop, settle conflicts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from enact_match.services.bundles import (
    BundleError,
    BundleExport,
    Conflict,
    MergeReport,
    export_bundle,
    list_conflicts,
    merge_bundle,
    resolve_conflict,
)
from enact_match.ui import prompts, text
from enact_match.ui.context import AppContext
from enact_match.ui.i18n import Retranslating
from enact_match.ui.long_operations import progress_dialog
from enact_match.ui.table_models import Column, RecordTableModel, attribute
from enact_match.ui.workers import run_in_background, run_write_in_background

translate = QCoreApplication.translate
BUNDLE_SUFFIX = ".enact-bundle"
_KIND_OF_TABLE = {
    "companies": "companies",
    "research_units": "units",
    "teams": "teams",
    "needs": "needs",
    "contacts": "contacts",
}


def choose_export_file(parent: QWidget | None, title: str, filter_text: str) -> Path | None:
    """Ask where to write a bundle (replaced in tests)."""
    name, _filter = QFileDialog.getSaveFileName(parent, title, f"enact{BUNDLE_SUFFIX}", filter_text)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(BUNDLE_SUFFIX)


def choose_bundle_file(parent: QWidget | None, title: str, filter_text: str) -> Path | None:
    """Ask which bundle to merge (replaced in tests)."""
    name, _filter = QFileDialog.getOpenFileName(parent, title, "", filter_text)
    return Path(name) if name else None


@dataclass(frozen=True)
class _ConflictColumn(Column):
    """A column of the conflicts table, with its own heading (not a record field's label)."""

    heading: Callable[[], str] = str

    def title(self) -> str:
        return self.heading()


class ConflictTableModel(RecordTableModel):
    """Open conflicts: which record, which field, and the values edited on the laptops (shown one first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        columns = (
            _ConflictColumn("table", attribute("table"), table_label, heading=lambda: self.tr("Kind")),
            _ConflictColumn("label", attribute("label"), heading=lambda: self.tr("Record")),
            _ConflictColumn(
                "field", attribute("field"), conflict_field_label, heading=lambda: self.tr("Field")
            ),
            _ConflictColumn("values", _values_text, heading=lambda: self.tr("Values"), width=300),
        )
        super().__init__(columns, parent)


def _values_text(conflict: Conflict) -> str:
    return " | ".join(value_text(conflict.field, value) for value in conflict.values)


def table_label(table: str) -> str:
    """The words for a table of records."""
    if table in _KIND_OF_TABLE:
        return text.kind_label(_KIND_OF_TABLE[table])
    labels = {
        "matches": translate("BundlesDialog", "Matches"),
        "publications": translate("BundlesDialog", "Publications"),
        "exclusions": translate("BundlesDialog", "Exclusions"),
        "events": translate("BundlesDialog", "Events"),
        "event_participants": translate("BundlesDialog", "Event participants"),
        "meeting_requests": translate("BundlesDialog", "Meeting requests"),
        "meetings": translate("BundlesDialog", "Meetings"),
    }
    return labels.get(table, table)


def conflict_field_label(field: str) -> str:
    """The words for a field in conflict; `_alive` is the record's existence."""
    return translate("BundlesDialog", "Deleted or kept") if field == "_alive" else text.field_label(field)


def value_text(field: str, value: Any) -> str:
    """A value of a conflict as plain text."""
    if field == "_alive":
        return (
            translate("BundlesDialog", "kept, with the other laptop's edits")
            if value
            else translate("BundlesDialog", "deleted")
        )
    if value in (None, "", []):
        return translate("BundlesDialog", "(empty)")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


class BundlesDialog(Retranslating, QDialog):
    """Exports this laptop's changes; merges a bundle after a preview of its changes; settles conflicts."""

    merged = Signal(object)  # MergeReport
    resolved = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._pending_merge: Path | None = None
        self._progress: QProgressDialog | None = None
        self._build_ui()
        self.retranslate_ui()
        self.reload()

    def _build_ui(self) -> None:
        self._intro = QLabel()
        self._intro.setWordWrap(True)
        self._intro.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._conflicts_title = QLabel()
        self.model = ConflictTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self._keep_label = QLabel()
        self.value_box = QComboBox()
        self.value_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.keep_button = QPushButton()
        self.keep_button.clicked.connect(self._on_keep_button_clicked)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self._keep_label)
        keep_row.addWidget(self.value_box, 1)
        keep_row.addWidget(self.keep_button)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.merge_button = QPushButton()
        self.merge_button.clicked.connect(self._on_merge_button_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addWidget(self.summary)
        layout.addWidget(self._conflicts_title)
        layout.addWidget(self.table, 1)
        layout.addLayout(keep_row)
        layout.addLayout(prompts.action_row(self, self.export_button, self.merge_button))
        self.resize(720, 460)
        self._update_keep_row()

    @classmethod
    def ask(cls, parent: QWidget | None, context: AppContext) -> BundlesDialog:
        dialog = cls(context, parent)
        dialog.show()
        return dialog

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Laptop bundles"))
        self._intro.setText(
            self.tr(
                "Colleagues working on other laptops exchange bundles: one file with the changes of a "
                "database. Merging a bundle adds and updates records and never silently overwrites a field "
                "edited on both laptops: such fields are listed below for you to choose."
            )
        )
        self._conflicts_title.setText(self.tr("Fields edited on two laptops:"))
        self._keep_label.setText(self.tr("Keep:"))
        self.keep_button.setText(self.tr("&Keep this value"))
        self.export_button.setText(self.tr("&Export my changes…"))
        self.merge_button.setText(self.tr("&Merge a bundle…"))

    def reload(self) -> None:
        """Read the open conflicts again."""
        db = self._context.db
        run_in_background(lambda: list_conflicts(db), self._on_conflicts_loaded, self._on_work_failed)

    def _on_conflicts_loaded(self, conflicts: list[Conflict]) -> None:
        self.model.set_rows(conflicts)
        if conflicts:
            self.table.selectRow(0)
        self._update_keep_row()

    def _filter_text(self) -> str:
        return self.tr("ENACT Match bundles (*%1);;All files (*)").replace("%1", BUNDLE_SUFFIX)

    # ------------------------------------------------------------------ export

    def _on_export_button_clicked(self) -> None:
        path = choose_export_file(self, self.tr("Export my changes"), self._filter_text())
        if path is None:
            return
        db = self._context.db
        self._set_busy(True)
        run_write_in_background(lambda: export_bundle(db, path), self._on_export_done, self._on_work_failed)

    def _on_export_done(self, report: BundleExport) -> None:
        self._set_busy(False)
        self.summary.setText(
            self.tr("Bundle written: %1 (%2 records). Give this file to your colleagues to merge.")
            .replace("%1", str(report.path))
            .replace("%2", str(report.records))
        )

    # ------------------------------------------------------------------ merge: preview, confirm, merge

    def _on_merge_button_clicked(self) -> None:
        path = choose_bundle_file(self, self.tr("Merge a bundle"), self._filter_text())
        if path is not None:
            self.preview_merge(path)

    def preview_merge(self, path: Path) -> None:
        """Compute what merging `path` would change (nothing is written), then ask to merge."""
        db = self._context.db
        self._pending_merge = path
        self._set_busy(True)
        self._progress = progress_dialog(self, self.tr("Reading the bundle…"), False)
        run_write_in_background(
            lambda: merge_bundle(db, path, dry_run=True), self._on_preview_done, self._on_work_failed
        )

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress = None

    def _on_preview_done(self, report: MergeReport) -> None:
        self._close_progress()
        self._set_busy(False)
        summary = self.report_text(report)
        self.summary.setText(summary)
        path = self._pending_merge
        if path is None or not report.changed:
            return
        question = self.tr("%1\n\nMerge this bundle now? The database is backed up first.").replace(
            "%1", summary
        )
        if not prompts.confirm(self, self.tr("Merge a bundle"), question):
            return
        db, author = self._context.db, self._context.settings.user_name or None
        self._set_busy(True)
        self._progress = progress_dialog(self, self.tr("Merging the bundle…"), False)
        run_write_in_background(
            lambda: merge_bundle(db, path, author=author), self._on_merge_done, self._on_work_failed
        )

    def _on_merge_done(self, report: MergeReport) -> None:
        self._close_progress()
        self._set_busy(False)
        self.summary.setText(self.report_text(report))
        self.reload()
        self.merged.emit(report)

    def report_text(self, report: MergeReport) -> str:
        """What a merge changed (or would change), in words."""
        lines = [
            self.tr("What the bundle would change:") if report.dry_run else self.tr("What the merge changed:")
        ]
        for change in report.changes:
            line = (
                self.tr("%1: %2 added, %3 updated, %4 deleted")
                .replace("%1", table_label(change.table))
                .replace("%2", str(change.inserted))
                .replace("%3", str(change.updated))
                .replace("%4", str(change.deleted))
            )
            if change.waiting:
                line += self.tr(" (%1 waiting for a record not received yet)").replace(
                    "%1", str(change.waiting)
                )
            lines.append(line)
        if not report.changed:
            lines.append(self.tr("Nothing new: this bundle was already merged."))
        if report.history_added:
            lines.append(self.tr("%1 history entries added").replace("%1", str(report.history_added)))
        if report.people_erased:
            lines.append(
                self.tr("%1 persons erased at their request on another laptop were erased here too").replace(
                    "%1", str(report.people_erased)
                )
            )
        if report.conflicts:
            lines.append(
                self.tr("%1 fields were edited on both laptops: choose the value to keep below.").replace(
                    "%1", str(len(report.conflicts))
                )
            )
        for proposal in report.duplicates:
            lines.append(
                self.tr("Possibly the same company: %1 and %2 (Edit → Find duplicates)")
                .replace("%1", proposal.first.label)
                .replace("%2", proposal.second.label)
            )
        return "\n".join(lines)

    # ------------------------------------------------------------------ conflicts

    def _on_table_current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_keep_row()

    def selected_conflict(self) -> Conflict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_keep_row(self) -> None:
        conflict = self.selected_conflict()
        self.value_box.clear()
        if conflict is not None:
            for value in conflict.values:
                self.value_box.addItem(value_text(conflict.field, value))
        self.value_box.setEnabled(conflict is not None)
        self.keep_button.setEnabled(conflict is not None)

    def _on_keep_button_clicked(self) -> None:
        conflict = self.selected_conflict()
        if conflict is None:
            return
        db, choice = self._context.db, self.value_box.currentIndex()
        self._set_busy(True)
        run_write_in_background(
            lambda: resolve_conflict(db, conflict.record_id, conflict.field, choice),
            self._on_resolve_done,
            self._on_work_failed,
        )

    def _on_resolve_done(self, _result: None) -> None:
        self._set_busy(False)
        self.reload()
        self.resolved.emit()

    # ------------------------------------------------------------------ shared

    def _set_busy(self, busy: bool) -> None:
        for button in (self.export_button, self.merge_button):
            button.setEnabled(not busy)
        self.keep_button.setEnabled(not busy and self.selected_conflict() is not None)

    def _on_work_failed(self, error: BaseException) -> None:
        self._close_progress()
        self._set_busy(False)
        message = self.error_text(error) if isinstance(error, BundleError) else str(error).splitlines()[0]
        prompts.show_error(self, self.tr("Laptop bundles"), message)

    def error_text(self, error: BundleError) -> str:
        """Why a bundle was refused, in words."""
        texts = {
            "unreadable": self.tr("The file cannot be read."),
            "not_a_bundle": self.tr("This file is not an ENACT Match bundle."),
            "corrupt": self.tr("The bundle is damaged (an incomplete copy?). Nothing was changed."),
            "too_large": self.tr("The bundle is too large."),
            "format_version": self.tr("The bundle was made by an incompatible version of ENACT Match."),
            "schema_newer": self.tr(
                "The bundle was made by a newer version of ENACT Match: update this one."
            ),
            "no_conflict": self.tr("This conflict was already settled."),
            "choice": self.tr("Choose one of the values."),
        }
        return texts.get(error.code, error.code)
