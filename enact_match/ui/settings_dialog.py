"""The settings dialog: database (file or PostgreSQL URL), interface language, current user and structure."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from enact_match.config import Settings, default_database_path
from enact_match.ui.i18n import Retranslating


class SettingsDialog(Retranslating, QDialog):
    """Edits a copy of the settings; `ask` returns the new settings, or None when cancelled."""

    def __init__(
        self, settings: Settings, structures: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._structures = structures
        self._build_ui()
        self.retranslate_ui()
        self._load(settings)

    @classmethod
    def ask(
        cls, parent: QWidget | None, settings: Settings, structures: list[tuple[str, str]]
    ) -> Settings | None:
        dialog = cls(settings, structures, parent)
        return dialog.settings() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _build_ui(self) -> None:
        self._database = QLineEdit()
        self._database.setObjectName("database_edit")
        self._browse = QPushButton()
        self._browse.clicked.connect(self._on_browse_clicked)
        database_row = QHBoxLayout()
        database_row.addWidget(self._database, 1)
        database_row.addWidget(self._browse)
        self._database_hint = QLabel()
        self._database_hint.setWordWrap(True)
        self._database_hint.setEnabled(False)
        self._language = QComboBox()
        self._language.setObjectName("language_combo")
        for code in ("", "fr", "en"):
            self._language.addItem("", code)
        self._user_name = QLineEdit()
        self._user_name.setObjectName("user_name_edit")
        self._structure = QComboBox()
        self._structure.setObjectName("structure_combo")
        self._structure.addItem("—", "")
        for code, name in self._structures:
            self._structure.addItem(f"{name} ({code})", code)

        self._form = QFormLayout()
        self._labels = [QLabel() for _ in range(4)]
        self._form.addRow(self._labels[0], database_row)
        self._form.addRow("", self._database_hint)
        self._form.addRow(self._labels[1], self._language)
        self._form.addRow(self._labels[2], self._user_name)
        self._form.addRow(self._labels[3], self._structure)
        for label, buddy in zip(
            self._labels, (self._database, self._language, self._user_name, self._structure), strict=True
        ):
            label.setBuddy(buddy)

        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self._form)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(560)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self._labels[0].setText(self.tr("&Database:"))
        self._labels[1].setText(self.tr("&Language:"))
        self._labels[2].setText(self.tr("Your &name:"))
        self._labels[3].setText(self.tr("Your &structure:"))
        self._browse.setText(self.tr("Browse…"))
        self._database.setPlaceholderText(str(default_database_path()))
        self._database.setToolTip(self.tr("A database file, or a URL such as postgresql://user@host/enact"))
        self._database_hint.setText(
            self.tr(
                "Leave empty for the default file. A PostgreSQL URL lets several officers share the data."
            )
        )
        self._language.setItemText(0, self.tr("System language"))
        self._language.setItemText(1, "Français")
        self._language.setItemText(2, "English")
        self._user_name.setToolTip(self.tr("Recorded as the author of your decisions and as need owner"))
        self._structure.setToolTip(
            self.tr("Needs confidential to your structure are shown only to its members")
        )

    def _load(self, settings: Settings) -> None:
        self._database.setText(settings.database)
        self._language.setCurrentIndex(max(self._language.findData(settings.language), 0))
        self._user_name.setText(settings.user_name)
        position = self._structure.findData(settings.user_structure)
        if position < 0 and settings.user_structure:
            self._structure.addItem(settings.user_structure, settings.user_structure)
            position = self._structure.count() - 1
        self._structure.setCurrentIndex(max(position, 0))

    def settings(self) -> Settings:
        """The settings as edited."""
        return replace(
            self._settings,
            database=self._database.text().strip(),
            language=self._language.currentData() or "",
            user_name=self._user_name.text().strip(),
            user_structure=self._structure.currentData() or "",
        )

    def _on_browse_clicked(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Database file"),
            self._database.text() or str(default_database_path()),
            self.tr("SQLite databases (*.sqlite3 *.sqlite *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self._database.setText(name)
