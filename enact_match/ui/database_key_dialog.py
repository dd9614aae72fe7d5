"""The passphrase of an encrypted database: asked at start (again after a wrong one), chosen when the
user encrypts the database (File → Encrypt this database…), changed (File → Change the passphrase…),
and given up (File → Decrypt this database…).

The passphrase is kept in the OS keyring when the user agrees and the system has one; otherwise it is
typed at each start. It is never written to a file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from enact_match.config import (
    KeyringUnavailableError,
    forget_key,
    keyring_available,
    store_key,
    stored_key,
)
from enact_match.services.database import Database, DatabaseKeyError, open_database
from enact_match.services.encryption import (
    MIN_PASSPHRASE_LENGTH,
    ConversionReport,
    change_key,
    decrypt_database,
    encrypt_database,
)
from enact_match.ui import prompts
from enact_match.ui.context import AppContext
from enact_match.ui.i18n import Retranslating
from enact_match.ui.long_operations import progress_dialog
from enact_match.ui.workers import BackgroundTask, run_write_in_background

translate = QCoreApplication.translate


class DatabaseKeyDialog(Retranslating, QDialog):
    """Asks for a database's passphrase, or (`new`) for a new one typed twice.

    `ask` returns the passphrase and whether to keep it in the OS keyring, or None when cancelled.
    """

    def __init__(
        self,
        database_file: Path,
        *,
        new: bool = False,
        wrong: bool = False,
        keyring: bool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._database_file = database_file
        self._new = new
        self._wrong = wrong
        self._keyring = keyring_available() if keyring is None else keyring
        self._build_ui()
        self.retranslate_ui()

    @classmethod
    def ask(
        cls, parent: QWidget | None, database_file: Path, *, new: bool = False, wrong: bool = False
    ) -> tuple[str, bool] | None:
        dialog = cls(database_file, new=new, wrong=wrong, parent=parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.passphrase(), dialog.remember()

    def _build_ui(self) -> None:
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # quotes the file's path
        self.message.setWordWrap(True)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.setVisible(self._new)
        self.remember_box = QCheckBox()
        self.remember_box.setEnabled(self._keyring)
        self.remember_box.setChecked(self._keyring)
        self.keyring_hint = QLabel()
        self.keyring_hint.setWordWrap(True)
        self.keyring_hint.setVisible(not self._keyring)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #b00020")
        for edit in (self.passphrase_edit, self.confirm_edit):
            edit.textChanged.connect(self._on_passphrase_edited)
        self._labels = [QLabel(), QLabel()]
        form = QFormLayout()
        form.addRow(self._labels[0], self.passphrase_edit)
        if self._new:
            form.addRow(self._labels[1], self.confirm_edit)
        for label, buddy in zip(self._labels, (self.passphrase_edit, self.confirm_edit), strict=True):
            label.setBuddy(buddy)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.remember_box)
        layout.addWidget(self.keyring_hint)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def retranslate_ui(self) -> None:
        if self._new:
            self.setWindowTitle(self.tr("Encrypt this database"))
            self.message.setText(
                self.tr(
                    "%1 and its backups will be encrypted with this passphrase. Without it nobody, "
                    "not even you, can read them again. Exports and PDF briefs stay unencrypted."
                ).replace("%1", str(self._database_file))
            )
        else:
            self.setWindowTitle(self.tr("Encrypted database"))
            self.message.setText(
                self.tr("%1 is encrypted. Type its passphrase.").replace("%1", str(self._database_file))
            )
        self._labels[0].setText(self.tr("&Passphrase:"))
        self._labels[1].setText(self.tr("&Again:"))
        self.remember_box.setText(self.tr("&Remember it in this computer's keyring"))
        self.keyring_hint.setText(
            self.tr(
                "This computer has no keyring service, so the passphrase cannot be remembered: you will "
                "type it at each start. It is never written to a file."
            )
        )
        self._on_passphrase_edited()

    def _on_passphrase_edited(self) -> None:
        problem = self._problem_text()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        typed = bool(self.passphrase_edit.text())
        ok_allowed = typed and (not self._new or not problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok_allowed)

    def _problem_text(self) -> str:
        passphrase = self.passphrase_edit.text()
        if not self._new:
            return self.tr("Wrong passphrase: try again.") if self._wrong and not passphrase else ""
        if len(passphrase) < MIN_PASSPHRASE_LENGTH:
            return self.tr("At least %1 characters.").replace("%1", str(MIN_PASSPHRASE_LENGTH))
        if self.confirm_edit.text() != passphrase:
            return self.tr("The two passphrases differ.")
        return ""

    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    def remember(self) -> bool:
        """True when the user wants the passphrase kept in the OS keyring (and there is one)."""
        return self._keyring and self.remember_box.isChecked()


def _remember(parent: QWidget | None, database_file: Path, passphrase: str) -> None:
    try:
        store_key(database_file, passphrase)
    except KeyringUnavailableError:
        prompts.show_error(
            parent,
            translate("DatabaseKey", "Passphrase not remembered"),
            translate(
                "DatabaseKey",
                "The keyring refused the passphrase (is it locked?): type it at the next start.",
            ),
        )


def _missing_driver_text() -> str:
    return translate(
        "DatabaseKey",
        "This database is encrypted, and encryption needs the optional sqlcipher3 package, which is not "
        "installed. Install enact-match[encryption].",
    )


def open_database_asking_key(location: str, parent: QWidget | None = None) -> Database | None:
    """Open the database; an encrypted one with the key the keyring holds, else the one the user types
    (asked again after a wrong one). None when the user gave up (cancelled) or encryption is missing.

    Other errors are raised as by `open_database`.
    """
    wrong = False
    while True:
        typed: list[tuple[str, bool]] = []

        def key_for(path: Path, wrong: bool = wrong, typed: list[tuple[str, bool]] = typed) -> str | None:
            kept = None if wrong else stored_key(path)
            if kept is not None:
                return kept
            answer = DatabaseKeyDialog.ask(parent, path, wrong=wrong)
            typed.extend([answer] if answer is not None else [])
            return None if answer is None else answer[0]

        try:
            db = open_database(location, key_for=key_for)
        except DatabaseKeyError as error:
            if error.code == "wrong_key":
                wrong = True
                continue
            if error.code == "sqlcipher_missing":
                prompts.show_error(
                    parent, translate("DatabaseKey", "Encrypted database"), _missing_driver_text()
                )
                return None
            if error.code == "key_required":
                return None  # the user cancelled the passphrase dialog
            raise
        if typed and typed[0][1] and db.file_path is not None:
            _remember(parent, db.file_path, typed[0][0])
        return db


def _encryption_error_text(error: BaseException) -> str:
    texts = {
        "in_use": translate(
            "DatabaseKey",
            "The database is open in another window or command. Close it and try again; nothing changed.",
        ),
        "copy_differs": translate(
            "DatabaseKey", "The encrypted copy failed its check and was removed; nothing changed."
        ),
        "sqlcipher_missing": translate(
            "DatabaseKey", "Encryption needs the optional sqlcipher3 package (enact-match[encryption])."
        ),
        "wrong_key": translate("DatabaseKey", "Wrong passphrase; nothing changed."),
    }
    code = getattr(error, "code", "")
    return texts.get(code, str(error).splitlines()[0] if str(error) else type(error).__name__)


def start_encryption(
    parent: QWidget, context: AppContext, on_finished: Callable[[], None]
) -> BackgroundTask | None:
    """File → Encrypt this database…: choose a passphrase, then encrypt the database and its backups on
    the writer thread; the app then works on the encrypted database. None when nothing was started."""
    db = context.db
    title = translate("DatabaseKey", "Encrypt this database")
    database_file = _database_file(parent, db, title)
    if database_file is None:
        return None
    if db.is_encrypted:
        prompts.show_info(parent, title, translate("DatabaseKey", "This database is already encrypted."))
        return None
    answer = DatabaseKeyDialog.ask(parent, database_file, new=True)
    if answer is None:
        return None
    passphrase, remember = answer
    return _convert_in_background(
        parent,
        context,
        on_finished,
        title,
        translate("DatabaseKey", "Encrypting the database and its backups…"),
        lambda: encrypt_database(db, passphrase),
        translate("DatabaseKey", "The database and its %1 backups are encrypted."),
        passphrase if remember else None,
    )


def start_key_change(
    parent: QWidget, context: AppContext, on_finished: Callable[[], None]
) -> BackgroundTask | None:
    """File → Change the passphrase…: the current passphrase, then the new one twice; the database and
    its backups are encrypted again with it. None when nothing was started."""
    db = context.db
    title = translate("DatabaseKey", "Change the passphrase")
    database_file = _encrypted_file(parent, db, title)
    if database_file is None:
        return None
    current = DatabaseKeyDialog.ask(parent, database_file)
    if current is None:
        return None
    answer = DatabaseKeyDialog.ask(parent, database_file, new=True)
    if answer is None:
        return None
    passphrase, remember = answer
    return _convert_in_background(
        parent,
        context,
        on_finished,
        title,
        translate("DatabaseKey", "Encrypting the database and its backups with the new passphrase…"),
        lambda: change_key(db, current[0], passphrase),
        translate("DatabaseKey", "The database and its %1 backups now open with the new passphrase."),
        passphrase if remember else None,
    )


def start_decryption(
    parent: QWidget, context: AppContext, on_finished: Callable[[], None]
) -> BackgroundTask | None:
    """File → Decrypt this database…: after a warning and the current passphrase, the database and its
    backups are stored unencrypted again. None when nothing was started."""
    db = context.db
    title = translate("DatabaseKey", "Decrypt this database")
    database_file = _encrypted_file(parent, db, title)
    if database_file is None:
        return None
    warning = translate(
        "DatabaseKey",
        "The database and its backups will be stored unencrypted: anyone who gets this computer's disk or "
        "a copy of the files can read them. Decrypt?",
    )
    if not prompts.confirm(parent, title, warning):
        return None
    current = DatabaseKeyDialog.ask(parent, database_file)
    if current is None:
        return None
    return _convert_in_background(
        parent,
        context,
        on_finished,
        title,
        translate("DatabaseKey", "Decrypting the database and its backups…"),
        lambda: decrypt_database(db, current[0]),
        translate("DatabaseKey", "The database and its %1 backups are no longer encrypted."),
        None,
    )


def _database_file(parent: QWidget, db: Database, title: str) -> Path | None:
    """The database's file; None (and the user told why) for a server database."""
    if db.file_path is None:
        prompts.show_error(
            parent,
            title,
            translate(
                "DatabaseKey",
                "Only a database file can be encrypted; a PostgreSQL server protects its own disks.",
            ),
        )
    return db.file_path


def _encrypted_file(parent: QWidget, db: Database, title: str) -> Path | None:
    """The database's file when it is encrypted; None (and the user told why) otherwise."""
    database_file = _database_file(parent, db, title)
    if database_file is not None and not db.is_encrypted:
        prompts.show_info(parent, title, translate("DatabaseKey", "This database is not encrypted."))
        return None
    return database_file


def _convert_in_background(
    parent: QWidget,
    context: AppContext,
    on_finished: Callable[[], None],
    title: str,
    working: str,
    work: Callable[[], ConversionReport],
    done: str,
    keep: str | None,
) -> BackgroundTask:
    """Run a conversion on the writer thread with a progress dialog; then the app works on the
    converted database, its passphrase is kept in the keyring (`keep`) or forgotten there, and
    `done` (with %1 = the backups converted) is shown."""
    dialog = progress_dialog(parent, working, False)
    database_file = context.db.file_path
    assert database_file is not None

    def on_done(report: ConversionReport) -> None:
        dialog.close()
        context.replace_database(report.database)
        if keep is not None:
            _remember(parent, database_file, keep)
        else:
            forget_key(database_file)  # a kept passphrase would no longer open it
        prompts.show_info(parent, title, done.replace("%1", str(report.backups_converted)))
        on_finished()

    def on_error(error: BaseException) -> None:
        dialog.close()
        prompts.show_error(parent, title, _encryption_error_text(error))

    return run_write_in_background(work, on_done, on_error)
