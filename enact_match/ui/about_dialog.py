"""The About dialog: version, where the data lives, and the licences of the main components."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from enact_match import __version__
from enact_match.ui.i18n import Retranslating

# (distribution, licence) of the components shipped with the application.
COMPONENTS = (
    ("PySide6-Essentials", "LGPL-3.0 (Qt for Python)"),
    ("SQLAlchemy", "MIT"),
    ("alembic", "MIT"),
    ("scikit-learn", "BSD-3-Clause"),
    ("numpy", "BSD-3-Clause"),
    ("scipy", "BSD-3-Clause"),
    ("rapidfuzz", "MIT"),
    ("snowballstemmer", "BSD-3-Clause"),
    ("openpyxl", "MIT"),
    ("psycopg", "LGPL-3.0"),
    ("platformdirs", "MIT"),
)


def _version_of(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "—"


class AboutDialog(Retranslating, QDialog):
    """Version, data location and licences."""

    def __init__(self, data_location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data_location = data_location
        self._title = QLabel()
        font = QFont(self._title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self._title.setFont(font)
        self._details = QLabel()
        self._details.setTextFormat(Qt.TextFormat.PlainText)
        self._details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._details.setWordWrap(True)
        self._licences_label = QLabel()
        self._licences = QPlainTextEdit()
        self._licences.setReadOnly(True)
        self._licences.setPlainText(
            "\n".join(f"{name} {_version_of(name)} — {licence}" for name, licence in COMPONENTS)
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._details)
        layout.addWidget(self._licences_label)
        layout.addWidget(self._licences, 1)
        layout.addWidget(buttons)
        self.resize(520, 420)
        self.retranslate_ui()

    @classmethod
    def ask(cls, parent: QWidget | None, data_location: str) -> None:
        cls(data_location, parent).exec()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("About ENACT Match"))
        self._title.setText(self.tr("ENACT Match %1").replace("%1", __version__))
        self._details.setText(
            self.tr(
                "Connects companies' R&D needs with the research teams of the Grand Est region.\n"
                "Licence: MIT.\nData: %1"
            ).replace("%1", self._data_location)
        )
        self._licences_label.setText(self.tr("Components and their licences:"))
