"""File → Personal data (GDPR)…: choose a contact, export everything held about them, or erase them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from enact_match.services import gdpr
from enact_match.services.catalog import list_contacts
from enact_match.services.views import ContactRow
from enact_match.ui import prompts
from enact_match.ui.context import AppContext
from enact_match.ui.i18n import Retranslating
from enact_match.ui.workers import run_in_background, run_write_in_background


class GdprDialog(Retranslating, QDialog):
    """A person's rights: access (JSON and CSV export, notes included) and erasure (for good)."""

    erased = Signal(str)  # the contact's reference

    def __init__(
        self, context: AppContext, contact_ref: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._wanted_ref = contact_ref
        self._build_ui()
        self.retranslate_ui()
        self.reload()

    def _build_ui(self) -> None:
        self._intro = QLabel()
        self._intro.setWordWrap(True)
        self._contact_label = QLabel()
        self.contact_box = QComboBox()
        self.contact_box.setEditable(True)  # type to find a person among many
        self.contact_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._contact_label.setBuddy(self.contact_box)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.erase_button = QPushButton()
        self.erase_button.clicked.connect(self._on_erase_button_clicked)
        row = prompts.action_row(self, self.export_button, self.erase_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addWidget(self._contact_label)
        layout.addWidget(self.contact_box)
        layout.addStretch(1)
        layout.addLayout(row)
        self.resize(520, 220)

    @classmethod
    def ask(cls, parent: QWidget | None, context: AppContext, contact_ref: str | None = None) -> GdprDialog:
        dialog = cls(context, contact_ref, parent)
        dialog.show()
        return dialog

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Personal data (GDPR)"))
        self._intro.setText(
            self.tr(
                "Export everything held about a person (their record and every note mentioning them), "
                "or erase them everywhere: a later import or a restored backup will not bring them back."
            )
        )
        self._contact_label.setText(self.tr("&Person:"))
        self.export_button.setText(self.tr("&Export…"))
        self.erase_button.setText(self.tr("E&rase…"))

    def reload(self) -> None:
        """Read the contacts again."""
        db = self._context.db
        run_in_background(lambda: list_contacts(db), self._on_contacts_loaded, self._on_work_failed)

    def _on_contacts_loaded(self, contacts: list[ContactRow]) -> None:
        self.contact_box.clear()
        for contact in contacts:
            label = " — ".join(part for part in (contact.name, contact.organisation, contact.ref) if part)
            self.contact_box.addItem(label, contact.ref)
        if self._wanted_ref is not None:
            index = self.contact_box.findData(self._wanted_ref)
            self.contact_box.setCurrentIndex(max(index, 0))
        has_contacts = bool(contacts)
        self.export_button.setEnabled(has_contacts)
        self.erase_button.setEnabled(has_contacts)

    def chosen_ref(self) -> str | None:
        """The reference of the chosen contact (None when the list is empty)."""
        index = self.contact_box.currentIndex()
        return None if index < 0 else self.contact_box.itemData(index, Qt.ItemDataRole.UserRole)

    def _on_export_button_clicked(self) -> None:
        ref = self.chosen_ref()
        if ref is None:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export the personal data into"))
        if not folder:
            return
        db = self._context.db
        run_in_background(
            lambda: gdpr.export_contact(db, ref, Path(folder)), self._on_export_done, self._on_work_failed
        )

    def _on_export_done(self, report: gdpr.ExportReport) -> None:
        prompts.show_info(
            self,
            self.tr("Personal data exported"),
            self.tr("Written: %1 and %2.")
            .replace("%1", str(report.json_path))
            .replace("%2", str(report.csv_path)),
        )

    def _on_erase_button_clicked(self) -> None:
        ref = self.chosen_ref()
        if ref is None:
            return
        question = self.tr(
            "Erase %1 everywhere? Their record is deleted and their name and e-mail are removed from "
            "every note. This cannot be undone."
        ).replace("%1", self.contact_box.currentText())
        if not prompts.confirm(self, self.tr("Erase a person"), question):
            return
        db, author = self._context.db, self._context.settings.user_name or None
        run_write_in_background(
            lambda: gdpr.erase_contact(db, ref, author), self._on_erase_done, self._on_work_failed
        )

    def _on_erase_done(self, report: gdpr.ErasureReport) -> None:
        self.erased.emit(report.ref or "")
        self.reload()
        prompts.show_info(
            self,
            self.tr("Person erased"),
            self.tr("The person was erased. Notes rewritten: %1.").replace("%1", str(report.texts_rewritten)),
        )

    def _on_work_failed(self, error: BaseException) -> None:
        prompts.show_error(
            self, self.tr("Personal data (GDPR)"), str(error).splitlines()[0] if str(error) else repr(error)
        )
