"""The introduction e-mail of a need's company and a team: editable, sent through the mail client or copied.

Sending (opening the mail client) or "Mark as introduced" moves the match to "introduced" through
the pipeline service; the history records it with the e-mail's subject as note.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from enact_match.services.introductions import Introduction, compose_introduction, mailto_url
from enact_match.services.pipeline import StageChange, record_decision
from enact_match.ui import prompts
from enact_match.ui.context import AppContext
from enact_match.ui.i18n import Retranslating
from enact_match.ui.workers import run_in_background, run_write_in_background


class IntroduceDialog(Retranslating, QDialog):
    """Compose, send or copy the introduction e-mail, then record the match as introduced.

    Signals:
        introduction_composed(): the template was filled (at opening and after a language change).
        match_introduced(): the match is recorded as introduced (the dialog then closes).
    """

    introduction_composed = Signal()
    match_introduced = Signal()

    def __init__(
        self,
        context: AppContext,
        need_id: uuid.UUID,
        team_id: uuid.UUID,
        parent: QWidget | None = None,
        *,
        score: float | None = None,
        explanation: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._need_id = need_id
        self._team_id = team_id
        self._score = score
        self._explanation = explanation
        self._introduction: Introduction | None = None
        self._generation = 0
        self._build_ui()
        self.retranslate_ui()
        language = context.settings.language
        if language not in ("fr", "en"):
            language = "fr" if QLocale().language() == QLocale.Language.French else "en"
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(language), 0))
        self.language_combo.currentIndexChanged.connect(self._on_language_combo_changed)
        self._compose()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        context: AppContext,
        need_id: uuid.UUID,
        team_id: uuid.UUID,
        *,
        score: float | None = None,
        explanation: dict[str, Any] | None = None,
    ) -> bool:
        """Open the dialog; True when the match was recorded as introduced."""
        dialog = cls(context, need_id, team_id, parent, score=score, explanation=explanation)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def _build_ui(self) -> None:
        self.setMinimumSize(640, 560)
        self.language_combo = QComboBox(self)
        self.language_combo.addItem("Français", "fr")
        self.language_combo.addItem("English", "en")
        self.recipients_label = QLabel(self)
        self.recipients_label.setTextFormat(Qt.TextFormat.PlainText)
        self.recipients_label.setWordWrap(True)
        self.recipients_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subject_edit = QLineEdit(self)
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setObjectName("introductionBody")
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

        self.form = QFormLayout()
        self.form.addRow("", self.language_combo)
        self.form.addRow("", self.recipients_label)
        self.form.addRow("", self.subject_edit)

        self.copy_button = QPushButton(self)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.mail_button = QPushButton(self)
        self.mail_button.setDefault(True)
        self.mail_button.clicked.connect(self._on_mail_clicked)
        self.introduced_button = QPushButton(self)
        self.introduced_button.clicked.connect(self._on_introduced_clicked)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.introduced_button)
        buttons.addWidget(self.mail_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.body_edit, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self._set_ready(False)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Introduce the company and the team"))
        for row, label in enumerate((self.tr("Template:"), self.tr("To:"), self.tr("Subject:"))):
            item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                item.widget().setText(label)
        self.copy_button.setText(self.tr("&Copy text"))
        self.copy_button.setToolTip(self.tr("Copy the subject and the text, to paste them in any mail tool"))
        self.mail_button.setText(self.tr("&Open in mail client"))
        self.mail_button.setToolTip(
            self.tr("Open a new e-mail in your mail client and mark the match as introduced")
        )
        self.introduced_button.setText(self.tr("&Mark as introduced"))
        self.introduced_button.setToolTip(
            self.tr("Record the introduction without an e-mail (done by phone or another way)")
        )
        self.cancel_button.setText(self.tr("Cancel"))
        self._show_recipients()

    # ------------------------------------------------------------------ composing

    def _on_language_combo_changed(self, _index: int) -> None:
        self._compose()

    def _compose(self) -> None:
        self._generation += 1
        generation = self._generation
        language = str(self.language_combo.currentData())
        context, need_id, team_id = self._context, self._need_id, self._team_id
        explanation, score = self._explanation, self._score
        settings = context.settings
        self._set_ready(False)
        self.status_label.setText(self.tr("Preparing the e-mail…"))

        def compose() -> Introduction:
            return compose_introduction(
                context.db,
                need_id,
                team_id,
                language,
                explanation=explanation,
                score=score,
                sender=settings.user_name,
                sender_structure=settings.user_structure,
                viewer=context.viewer,
            )

        run_in_background(
            compose,
            lambda introduction: self._on_introduction_composed(generation, introduction),
            self._on_work_failed,
        )

    def _on_introduction_composed(self, generation: int, introduction: Introduction) -> None:
        if generation != self._generation:
            return
        self._introduction = introduction
        self.subject_edit.setText(introduction.subject)
        self.body_edit.setPlainText(introduction.body)
        self.status_label.setText("")
        self._show_recipients()
        self._set_ready(True)
        self.introduction_composed.emit()

    def _show_recipients(self) -> None:
        introduction = self._introduction
        if introduction is None:
            self.recipients_label.setText("")
        elif introduction.recipient_labels:
            self.recipients_label.setText(", ".join(introduction.recipient_labels))
        else:
            self.recipients_label.setText(
                self.tr(
                    "No contact with an e-mail address for this team or company: "
                    "add the addresses in your mail client."
                )
            )

    def _set_ready(self, ready: bool) -> None:
        for widget in (self.copy_button, self.mail_button, self.introduced_button, self.subject_edit):
            widget.setEnabled(ready)
        self.body_edit.setReadOnly(not ready)

    # ------------------------------------------------------------------ sending

    def current_mailto(self) -> str:
        """The mailto URL of the e-mail as edited."""
        recipients = self._introduction.recipients if self._introduction else ()
        return mailto_url(recipients, self.subject_edit.text(), self.body_edit.toPlainText())

    def _on_copy_clicked(self) -> None:
        recipients = ", ".join(self._introduction.recipient_labels) if self._introduction else ""
        parts = [recipients, self.subject_edit.text(), "", self.body_edit.toPlainText()]
        QGuiApplication.clipboard().setText("\n".join(parts).strip() + "\n")
        self.status_label.setText(self.tr("Copied. Click “Mark as introduced” once the e-mail is sent."))

    def _on_mail_clicked(self) -> None:
        if not QDesktopServices.openUrl(QUrl(self.current_mailto())):
            prompts.show_error(
                self,
                self.tr("No mail client"),
                self.tr("No mail client could be opened. Use “Copy text” and paste it in your e-mail."),
            )
            return
        self._record()

    def _on_introduced_clicked(self) -> None:
        self._record()

    def _record(self) -> None:
        db, need_id, team_id = self._context.db, self._need_id, self._team_id
        author = self._context.settings.user_name or None
        change = StageChange("introduced", note=self.subject_edit.text().strip() or None)
        score, explanation = self._score, self._explanation
        self._set_ready(False)
        self.status_label.setText(self.tr("Recording…"))
        run_write_in_background(
            lambda: record_decision(
                db, need_id, team_id, change, author, score=score, explanation=explanation
            ),
            self._on_recorded,
            self._on_work_failed,
        )

    def _on_recorded(self, _row: object) -> None:
        self.match_introduced.emit()
        self.accept()

    def _on_work_failed(self, error: BaseException) -> None:
        self.status_label.setText("")
        self._set_ready(self._introduction is not None)
        prompts.show_error(self, self.tr("Introduction"), str(error))
