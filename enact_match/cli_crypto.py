"""The `encrypt`, `decrypt` and `rekey` commands, and the key of an encrypted database for every command.

The key of an encrypted database is looked for, in order, in $ENACT_MATCH_KEY (for scripts: the
user's own processes can read another's environment, so prefer the keyring), in the OS keyring
(service "enact-match", account = the database file's absolute path), and finally asked for on the
terminal. A key is never an argument on the command line, where every user of the machine sees it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from enact_match.cli import EXIT_OK, UserError, _open
from enact_match.config import KEY_ENV, KeyringUnavailableError, forget_key, store_key, stored_key

KEY_TEXT = {
    "key_required": f"the database is encrypted: give its key in ${KEY_ENV}, keep it in the OS keyring "
    "(`enact-match encrypt` and the app do), or type it when asked on a terminal",
    "wrong_key": "wrong key for the encrypted database",
    "empty_key": "the key cannot be empty",
    "short_key": "a passphrase has at least 8 characters",
    "sqlcipher_missing": "encryption needs the optional package sqlcipher3: "
    "pip install 'enact-match[encryption]'",
}
ENCRYPTION_TEXT = {
    "not_sqlite": "only a SQLite database file can be encrypted (a PostgreSQL server encrypts its own disks)",
    "already_encrypted": "the database is already encrypted (`enact-match rekey` changes its key)",
    "not_encrypted": "the database is not encrypted",
    "in_use": "the database is open in another window or command: close it and try again; nothing changed",
    "copy_differs": "the converted copy failed its check and was removed; nothing changed",
}
KEYRING_TEXT = {
    "keyring_missing": "the keyring package is not installed",
    "no_backend": "this system has no OS keyring (Secret Service, Keychain, Credential Locker)",
    "keyring_failed": "the OS keyring refused the key (is it locked?)",
}


def register(commands: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add `encrypt`, `decrypt` and `rekey`; returns their handlers."""
    encrypt = commands.add_parser(
        "encrypt", help="encrypt the SQLite database and its backups (SQLCipher), key kept in the OS keyring"
    )
    source = encrypt.add_mutually_exclusive_group()
    source.add_argument(
        "--passphrase-stdin", action="store_true", help="read the passphrase from the first line of stdin"
    )
    source.add_argument(
        "--key-from-keyring",
        action="store_true",
        help="use the key the OS keyring holds for this database, or make a random one and keep it there",
    )
    encrypt.add_argument(
        "--no-keyring", action="store_true", help="do not keep the passphrase in the keyring"
    )
    commands.add_parser("decrypt", help="turn the encrypted database and its backups back into plain files")
    rekey = commands.add_parser("rekey", help="change the key of the encrypted database and its backups")
    rekey.add_argument(
        "--passphrase-stdin", action="store_true", help="read the new passphrase from the first line of stdin"
    )
    rekey.add_argument("--no-keyring", action="store_true", help="do not keep the passphrase in the keyring")
    return {"encrypt": cmd_encrypt, "decrypt": cmd_decrypt, "rekey": cmd_rekey}


def key_for_command(path: Path) -> str | None:
    """The key of the encrypted database `path`: $ENACT_MATCH_KEY, the OS keyring, or the terminal."""
    key = os.environ.get(KEY_ENV) or stored_key(path)
    if key is None and sys.stdin.isatty():
        import getpass

        key = getpass.getpass(f"key of the encrypted database {path}: ") or None
    return key


def _open_with_key(args: argparse.Namespace) -> tuple[Any, str | None]:
    """The database, and its key when it is encrypted."""
    given: list[str] = []

    def remember(path: Path) -> str | None:
        key = key_for_command(path)
        given.extend([key] if key else [])
        return key

    db = _open(args, key_for=remember)
    return db, (given[-1] if given else None)


def _open_encrypted(args: argparse.Namespace) -> tuple[Any, str, Path]:
    """The encrypted database, its key and its file; a plain one is refused."""
    db, key = _open_with_key(args)
    if key is None or db.file_path is None:
        raise UserError(ENCRYPTION_TEXT["not_encrypted"])
    return db, key, db.file_path


def _new_passphrase(args: argparse.Namespace, path: Path) -> tuple[str, bool]:
    """The new key and whether it came from the keyring (then it needs no storing)."""
    if getattr(args, "key_from_keyring", False):
        kept = stored_key(path)
        if kept is not None:
            return kept, True
        import secrets  # 40 ms to import (hashlib): only when a key is made

        key = secrets.token_urlsafe(32)
        store_key(path, key)
        print(
            f"a random key was made and kept in the OS keyring (service enact-match, account {path}): "
            "without it the data cannot be read, so keep the keyring safe",
            file=sys.stderr,
        )
        return key, True
    if args.passphrase_stdin:
        return sys.stdin.readline().rstrip("\r\n"), False
    if os.environ.get(KEY_ENV):
        return os.environ[KEY_ENV], False
    if not sys.stdin.isatty():
        raise UserError(f"give the new passphrase with --passphrase-stdin or ${KEY_ENV}")
    import getpass

    first = getpass.getpass("new passphrase: ")
    if getpass.getpass("the same passphrase again: ") != first:
        raise UserError("the two passphrases differ; nothing changed")
    return first, False


def _keep_in_keyring(args: argparse.Namespace, path: Path, key: str, from_keyring: bool) -> None:
    if from_keyring:
        return
    if args.no_keyring:
        forget_key(path)  # an old key kept for this file would now be wrong
        return
    try:
        store_key(path, key)
    except KeyringUnavailableError as error:
        print(
            f"enact-match: warning: the key was not kept: {KEYRING_TEXT[error.code]}; "
            f"give it in ${KEY_ENV} or type it when asked",
            file=sys.stderr,
        )
        return
    print(f"key kept in the OS keyring (service enact-match, account {path})")


def _report(action: str, report: Any) -> None:
    """Say what a conversion did, then close the database it reopened: a connection left to the garbage
    collector keeps the file's write-ahead log, and a later conversion would find the file in use."""
    print(f"{action}: {report.database.display_location} and {report.backups_converted} backups")
    for path in report.backups_not_converted:
        print(f"enact-match: warning: backup {path} could not be converted (damaged?)", file=sys.stderr)
    report.database.dispose()


def cmd_encrypt(args: argparse.Namespace) -> int:
    from enact_match.services.encryption import encrypt_database

    db = _open(args)
    path = db.file_path
    if path is None:
        raise UserError(ENCRYPTION_TEXT["not_sqlite"])
    if db.is_encrypted:
        raise UserError(ENCRYPTION_TEXT["already_encrypted"])
    key, from_keyring = _new_passphrase(args, path)
    report = encrypt_database(db, key)
    _report("encrypted", report)
    _keep_in_keyring(args, path, key, from_keyring)
    return EXIT_OK


def cmd_decrypt(args: argparse.Namespace) -> int:
    from enact_match.services.encryption import decrypt_database

    db, key, path = _open_encrypted(args)
    report = decrypt_database(db, key)
    _report("decrypted", report)
    forget_key(path)
    return EXIT_OK


def cmd_rekey(args: argparse.Namespace) -> int:
    from enact_match.services.encryption import change_key

    db, key, path = _open_encrypted(args)
    new_key, _from_keyring = _new_passphrase(args, path)
    report = change_key(db, key, new_key)
    _report("key changed", report)
    _keep_in_keyring(args, path, new_key, False)
    return EXIT_OK


def describe_error(exc: BaseException) -> str | None:
    """One line for a key, encryption or keyring error; None for any other error."""
    from enact_match.services.database import DatabaseKeyError
    from enact_match.services.encryption import EncryptionError

    if isinstance(exc, DatabaseKeyError):
        where = f" {exc.detail}" if exc.code == "wrong_key" and exc.detail else ""
        return f"{KEY_TEXT.get(exc.code, exc.code)}{where}"
    if isinstance(exc, EncryptionError):
        return ENCRYPTION_TEXT.get(exc.code, exc.code)
    if isinstance(exc, KeyringUnavailableError):
        return f"no key kept: {KEYRING_TEXT.get(exc.code, exc.code)}"
    return None
