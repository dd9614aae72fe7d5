"""Encrypted databases in the app: the passphrase dialog, asking again after a wrong passphrase at
start, remembering it in the keyring, and File → Encrypt this database…"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from enact_match import config
from enact_match.services import catalog
from enact_match.services.database import Database, is_encrypted_file, open_database
from enact_match.services.encryption import encrypt_database
from enact_match.ui import prompts
from enact_match.ui.database_key_dialog import (
    DatabaseKeyDialog,
    open_database_asking_key,
    start_encryption,
)
from enact_match.ui.workers import wait_for_background_work
from tests.encryption_support import (
    PASSPHRASE,
    MemoryKeyring,
    keyring_backend,
    needs_sqlcipher,
    without_keyring,
)
from tests.ui.app_fixtures import english, make_context

__all__ = ["english", "keyring_backend", "without_keyring"]


@pytest.fixture
def encrypted_path(tmp_path: Path) -> Path:
    path = tmp_path / "secret.sqlite3"
    db = open_database(str(path))
    catalog.save_record(db, "companies", {"name": "Fromagerie <b>Secrète</b>"})
    encrypt_database(db, PASSPHRASE).database.dispose()
    return path


def _ok_enabled(dialog: DatabaseKeyDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_new_passphrase_needs_8_characters_typed_twice_the_same(
    qtbot: QtBot, english: None, tmp_path: Path
) -> None:
    dialog = DatabaseKeyDialog(tmp_path / "x.sqlite3", new=True, keyring=True)
    qtbot.addWidget(dialog)
    assert not _ok_enabled(dialog)
    qtbot.keyClicks(dialog.passphrase_edit, "court")
    assert dialog.problem.text() == "At least 8 characters." and not _ok_enabled(dialog)
    qtbot.keyClicks(dialog.passphrase_edit, " mais bon")
    assert dialog.problem.text() == "The two passphrases differ."
    qtbot.keyClicks(dialog.confirm_edit, "court mais bon")
    assert dialog.problem.text() == "" and _ok_enabled(dialog)
    assert dialog.passphrase() == "court mais bon" and dialog.remember()


def test_without_a_keyring_the_dialog_says_the_passphrase_will_be_typed_at_each_start(
    qtbot: QtBot, english: None, tmp_path: Path
) -> None:
    dialog = DatabaseKeyDialog(tmp_path / "<i>x</i>.sqlite3", keyring=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.remember_box.isEnabled() and not dialog.remember()
    assert dialog.keyring_hint.isVisible() and "type it at each start" in dialog.keyring_hint.text()
    assert "<i>x</i>.sqlite3 is encrypted" in dialog.message.text()  # a path is shown as plain text
    qtbot.keyClicks(dialog.passphrase_edit, "x")
    assert _ok_enabled(dialog)  # any passphrase may be tried when opening


@needs_sqlcipher
def test_start_asks_again_after_a_wrong_passphrase_and_remembers_the_right_one(
    qtbot: QtBot,
    english: None,
    encrypted_path: Path,
    keyring_backend: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = [("wrong passphrase", True), (PASSPHRASE, True)]
    asked: list[bool] = []

    def ask(
        _parent: QWidget | None, _path: Path, *, new: bool = False, wrong: bool = False
    ) -> tuple[str, bool]:
        asked.append(wrong)
        return answers.pop(0)

    monkeypatch.setattr(DatabaseKeyDialog, "ask", ask)
    db = open_database_asking_key(str(encrypted_path))
    assert db is not None and db.is_encrypted
    assert asked == [False, True]  # the second dialog says the first passphrase was wrong
    assert [row.name for row in catalog.list_companies(db)] == ["Fromagerie <b>Secrète</b>"]
    db.dispose()
    assert config.stored_key(encrypted_path) == PASSPHRASE
    monkeypatch.setattr(DatabaseKeyDialog, "ask", lambda *_args, **_kwargs: pytest.fail("asked again"))
    again = open_database_asking_key(str(encrypted_path))  # the keyring's passphrase, no dialog
    assert again is not None
    again.dispose()


@needs_sqlcipher
@pytest.mark.usefixtures("without_keyring")
def test_cancelling_the_passphrase_dialog_opens_nothing(
    qtbot: QtBot, english: None, encrypted_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DatabaseKeyDialog, "ask", lambda *_args, **_kwargs: None)
    assert open_database_asking_key(str(encrypted_path)) is None


@pytest.mark.usefixtures("without_keyring")
def test_an_encrypted_database_without_sqlcipher3_is_explained_not_crashed(
    qtbot: QtBot, english: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.sqlite3"
    path.write_bytes(b"\x8f" * 4096)
    for name in ("sqlcipher3", "pysqlcipher3"):
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setattr(DatabaseKeyDialog, "ask", lambda *_args, **_kwargs: (PASSPHRASE, False))
    errors: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda _parent, _title, text: errors.append(text))
    assert open_database_asking_key(str(path)) is None
    assert len(errors) == 1 and "optional sqlcipher3 package" in errors[0]


@needs_sqlcipher
def test_encrypt_this_database_encrypts_it_in_the_background_and_the_app_goes_on_with_it(
    qtbot: QtBot, english: None, db: Database, keyring_backend: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog.save_record(db, "companies", {"name": "Fromagerie Secrète"})
    context = make_context(db)
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(DatabaseKeyDialog, "ask", lambda *_args, **_kwargs: (PASSPHRASE, True))
    infos: list[str] = []
    monkeypatch.setattr(prompts, "show_info", lambda _parent, _title, text: infos.append(text))
    finished: list[bool] = []
    task = start_encryption(parent, context, lambda: finished.append(True))
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=30000):
        pass
    assert finished == [True] and infos == ["The database and its 1 backups are encrypted."]
    assert context.db is not db and context.db.is_encrypted
    path = context.db.file_path
    assert path is not None and is_encrypted_file(path)
    assert config.stored_key(path) == PASSPHRASE
    assert [row.name for row in catalog.list_companies(context.db)] == ["Fromagerie Secrète"]
    again: list[str] = []
    monkeypatch.setattr(prompts, "show_info", lambda _parent, _title, text: again.append(text))
    assert start_encryption(parent, context, lambda: None) is None
    assert again == ["This database is already encrypted."]
    context.db.dispose()


@needs_sqlcipher
@pytest.mark.usefixtures("without_keyring")
def test_switching_to_an_encrypted_database_in_the_settings_asks_for_its_passphrase(
    qtbot: QtBot,
    english: None,
    encrypted_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dataclasses import replace

    from enact_match.ui.main_window import MainWindow

    asked: list[bool] = []

    def ask(
        _parent: QWidget | None, _path: Path, *, new: bool = False, wrong: bool = False
    ) -> tuple[str, bool]:
        asked.append(wrong)
        return ("wrong passphrase" if not asked[:-1] else PASSPHRASE), False

    monkeypatch.setattr(DatabaseKeyDialog, "ask", ask)
    plain = open_database(str(tmp_path / "plain.sqlite3"))
    context = make_context(plain)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.data_changed, timeout=30000):
        window.apply_settings(replace(context.settings, database=str(encrypted_path)))
    assert asked == [False, True]  # no keyring: asked, then asked again after the wrong passphrase
    assert context.db.is_encrypted
    assert [row.name for row in catalog.list_companies(context.db)] == ["Fromagerie <b>Secrète</b>"]
    _settle(qtbot)


@needs_sqlcipher
def test_change_the_passphrase_then_decrypt_from_the_file_menu(
    qtbot: QtBot,
    english: None,
    encrypted_path: Path,
    keyring_backend: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from enact_match.ui.database_key_dialog import start_decryption, start_key_change
    from enact_match.ui.main_window import MainWindow

    config.store_key(encrypted_path, PASSPHRASE)
    db = open_database_asking_key(str(encrypted_path))
    assert db is not None
    context = make_context(db)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window._file_menu.aboutToShow.emit()
    assert not window._encrypt_action.isEnabled()
    assert window._rekey_action.isEnabled() and window._decrypt_action.isEnabled()
    infos: list[str] = []
    errors: list[str] = []
    monkeypatch.setattr(prompts, "show_info", lambda _parent, _title, text: infos.append(text))
    monkeypatch.setattr(prompts, "show_error", lambda _parent, _title, text: errors.append(text))
    monkeypatch.setattr(prompts, "confirm", lambda *_args: True)

    def answers(*given: tuple[str, bool]) -> None:
        queue = list(given)
        monkeypatch.setattr(DatabaseKeyDialog, "ask", lambda *_args, **_kwargs: queue.pop(0))

    # a wrong current passphrase changes nothing
    answers(("not the passphrase", False), ("a new passphrase", True))
    task = start_key_change(window, context, lambda: None)
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=30000):
        pass
    assert errors == ["Wrong passphrase; nothing changed."]
    assert config.stored_key(encrypted_path) == PASSPHRASE
    # the right one: the files open with the new passphrase, which the keyring now holds
    answers((PASSPHRASE, False), ("a new passphrase", True))
    task = start_key_change(window, context, lambda: None)
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=30000):
        pass
    assert infos[-1].endswith("now open with the new passphrase.")
    assert config.stored_key(encrypted_path) == "a new passphrase"
    assert [row.name for row in catalog.list_companies(context.db)] == ["Fromagerie <b>Secrète</b>"]
    # decrypting: a plain SQLite file again, the keyring forgets the passphrase
    answers(("a new passphrase", False))
    task = start_decryption(window, context, lambda: None)
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=30000):
        pass
    assert infos[-1].endswith("are no longer encrypted.")
    assert not is_encrypted_file(encrypted_path) and not context.db.is_encrypted
    assert config.stored_key(encrypted_path) is None
    assert [row.name for row in catalog.list_companies(context.db)] == ["Fromagerie <b>Secrète</b>"]
    window._file_menu.aboutToShow.emit()
    assert window._encrypt_action.isEnabled() and not window._decrypt_action.isEnabled()
    _settle(qtbot)
    context.db.dispose()


def _settle(qtbot: QtBot) -> None:
    """Let the window's background reads (search index, pages) finish and deliver their results while
    it still exists, so that none reaches a deleted widget during a later test."""
    assert wait_for_background_work(20000)
    qtbot.wait(50)
