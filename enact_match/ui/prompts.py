"""Confirmations, errors, information and small questions: the only place the app opens message boxes.

Module-level functions so that tests can replace them with `monkeypatch.setattr`. Every text is
shown as plain text (it often quotes user data).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a yes/no question; True when the user confirms (the default button is No)."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user something went wrong."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user something worth knowing."""
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def ask_text(parent: QWidget | None, title: str, label: str, default: str = "") -> str | None:
    """Ask for one line of text; None when cancelled."""
    text, accepted = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, default)
    return text if accepted else None


def ask_choice(parent: QWidget | None, title: str, label: str, items: list[tuple[str, str]]) -> str | None:
    """Ask to choose one of `items` (code, label); returns the chosen code, None when cancelled."""
    labels = [label_text for _code, label_text in items]
    chosen, accepted = QInputDialog.getItem(parent, title, label, labels, 0, False)
    if not accepted:
        return None
    for code, label_text in items:
        if label_text == chosen:
            return code
    return None


def action_row(dialog: QDialog, *actions: QPushButton) -> QHBoxLayout:
    """A dialog's bottom row: its action buttons on the left, Close on the right."""
    close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close.rejected.connect(dialog.reject)
    row = QHBoxLayout()
    for button in actions:
        row.addWidget(button)
    row.addStretch(1)
    row.addWidget(close)
    return row
