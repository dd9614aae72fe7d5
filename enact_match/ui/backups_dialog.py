"""File → Backups…: the database's verified backups, backing up now, and restoring one after confirmation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from enact_match.services.backup import BackupInfo, RestoreReport, create_backup, list_backups, restore_backup
from enact_match.ui import prompts
from enact_match.ui.context import AppContext
from enact_match.ui.i18n import Retranslating
from enact_match.ui.workers import run_in_background, run_write_in_background

_ModelIndex = QModelIndex | QPersistentModelIndex


class BackupTableModel(QAbstractTableModel):
    """The backups, newest first: when, why, size."""

    COLUMNS = 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BackupInfo] = []

    def set_backups(self, rows: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def backup_at(self, row: int) -> BackupInfo:
        return self._rows[row]

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        info = self._rows[index.row()]
        if index.column() == 0:
            return info.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if index.column() == 1:
            return self._reason_label(info.reason)
        return self.tr("%1 MB").replace("%1", f"{info.size / 1_000_000:.1f}")

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Made on"), self.tr("Why"), self.tr("Size"))[section]

    def _reason_label(self, reason: str) -> str:
        labels = {
            "auto": self.tr("automatic (every 30 minutes)"),
            "manual": self.tr("made by hand"),
            "import": self.tr("before an import"),
            "merge": self.tr("before a merge"),
            "migration": self.tr("before a database upgrade"),
            "before-restore": self.tr("before a restore"),
        }
        return labels.get(reason, reason)


class BackupsDialog(Retranslating, QDialog):
    """Lists the backups; backs up now; restores the chosen backup after confirmation."""

    restored = Signal(object)  # RestoreReport

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._build_ui()
        self.retranslate_ui()
        self.reload()

    def _build_ui(self) -> None:
        self._intro = QLabel()
        self._intro.setWordWrap(True)
        self._intro.setTextFormat(Qt.TextFormat.PlainText)
        self.model = BackupTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.backup_button = QPushButton()
        self.backup_button.clicked.connect(self._on_backup_button_clicked)
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        row = prompts.action_row(self, self.backup_button, self.restore_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.resize(560, 380)
        sqlite = self._context.db.file_path is not None
        self.backup_button.setEnabled(sqlite)
        self.restore_button.setEnabled(sqlite)

    @classmethod
    def ask(cls, parent: QWidget | None, context: AppContext) -> BackupsDialog:
        dialog = cls(context, parent)
        dialog.show()
        return dialog

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Backups"))
        if self._context.db.file_path is None:
            self._intro.setText(
                self.tr("This database is on a server: its backups are made by the server's administrator.")
            )
        else:
            self._intro.setText(
                self.tr(
                    "Backups are checked copies of the database, made every 30 minutes when the data "
                    "changed and before every import, merge or upgrade. They are kept in %1."
                ).replace("%1", str(self._context.db.file_path.parent / "backups"))
            )
        self.backup_button.setText(self.tr("&Back up now"))
        self.restore_button.setText(self.tr("&Restore…"))

    def reload(self) -> None:
        """Read the list of backups again."""
        db = self._context.db
        run_in_background(lambda: list_backups(db), self.model.set_backups, self._on_work_failed)

    def _on_backup_button_clicked(self) -> None:
        db = self._context.db
        self.backup_button.setEnabled(False)
        run_write_in_background(
            lambda: create_backup(db, "manual"), self._on_backup_done, self._on_work_failed
        )

    def _on_backup_done(self, _info: BackupInfo) -> None:
        self.backup_button.setEnabled(True)
        self.reload()

    def _on_restore_button_clicked(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            prompts.show_info(self, self.tr("Restore"), self.tr("Choose the backup to restore in the list."))
            return
        info = self.model.backup_at(selected[0].row())
        when = self.model.data(self.model.index(selected[0].row(), 0))
        question = self.tr(
            "Replace all the data with the backup of %1? The current data is backed up first, so this "
            "can be undone by restoring that backup."
        ).replace("%1", str(when))
        if not prompts.confirm(self, self.tr("Restore a backup"), question):
            return
        db, author = self._context.db, self._context.settings.user_name or None
        self.restore_button.setEnabled(False)
        run_write_in_background(
            lambda: restore_backup(db, info.path, author), self._on_restore_done, self._on_work_failed
        )

    def _on_restore_done(self, report: RestoreReport) -> None:
        self.restore_button.setEnabled(True)
        self.reload()
        self.restored.emit(report)
        prompts.show_info(
            self,
            self.tr("Backup restored"),
            self.tr("The backup was restored. The data it replaced is kept in the backup made just before."),
        )

    def _on_work_failed(self, error: BaseException) -> None:
        self.backup_button.setEnabled(self._context.db.file_path is not None)
        self.restore_button.setEnabled(self._context.db.file_path is not None)
        prompts.show_error(
            self, self.tr("Backups"), str(error).splitlines()[0] if str(error) else repr(error)
        )
