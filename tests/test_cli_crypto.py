"""The `encrypt`, `decrypt` and `rekey` commands, and how every command finds an encrypted database's key."""

from __future__ import annotations

import gc
import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from enact_match import config
from enact_match.cli import main
from enact_match.services.database import is_encrypted_file
from tests.encryption_support import (
    PASSPHRASE,
    MemoryKeyring,
    keyring_backend,
    needs_sqlcipher,
    without_keyring,
)

__all__ = ["keyring_backend", "without_keyring"]
pytestmark = needs_sqlcipher


@pytest.fixture
def without_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused, as in a long process between its passes: a connection a
    command leaves open is then not closed behind its back (a left write-ahead log reads as in use)."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "enact.sqlite3"
    assert main(["--db", str(path), "init"]) == 0
    return path


def _run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], stdin: str = ""
) -> tuple[int, str, str]:
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_encrypt_with_a_passphrase_on_stdin_keeps_it_in_the_keyring_and_commands_then_find_it(
    db_path: Path,
    keyring_backend: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(
        monkeypatch, capsys, ["--db", str(db_path), "encrypt", "--passphrase-stdin"], PASSPHRASE + "\n"
    )
    assert (code, err) == (0, "")
    assert "encrypted:" in out and "key kept in the OS keyring" in out
    assert is_encrypted_file(db_path)
    assert config.stored_key(db_path) == PASSPHRASE
    code, out, err = _run(monkeypatch, capsys, ["--db", str(db_path), "check"])
    assert (code, out.strip(), err) == (0, "integrity check: ok", "")


def test_a_command_on_an_encrypted_database_without_its_key_says_so_in_one_line(
    db_path: Path,
    keyring_backend: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _run(
        monkeypatch,
        capsys,
        ["--db", str(db_path), "encrypt", "--passphrase-stdin", "--no-keyring"],
        PASSPHRASE,
    )
    assert config.stored_key(db_path) is None
    code, _out, err = _run(monkeypatch, capsys, ["--db", str(db_path), "list", "needs"])
    assert code == 1
    assert err.startswith("enact-match: error: the database is encrypted: give its key in $ENACT_MATCH_KEY")
    assert err.count("\n") == 1
    monkeypatch.setenv(config.KEY_ENV, "not the passphrase")
    code, _out, err = _run(monkeypatch, capsys, ["--db", str(db_path), "list", "needs"])
    assert code == 1
    assert err == f"enact-match: error: wrong key for the encrypted database {db_path}\n"
    monkeypatch.setenv(config.KEY_ENV, PASSPHRASE)
    code, out, err = _run(monkeypatch, capsys, ["--db", str(db_path), "list", "needs"])
    assert (code, err) == (0, "") and "(0 rows)" in out


@pytest.mark.usefixtures("without_keyring")
def test_encrypt_without_a_keyring_backend_warns_that_the_key_was_not_kept(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _run(
        monkeypatch, capsys, ["--db", str(db_path), "encrypt", "--passphrase-stdin"], PASSPHRASE + "\n"
    )
    assert code == 0 and is_encrypted_file(db_path)
    assert "the key was not kept: this system has no OS keyring" in err


def test_encrypt_from_the_keyring_makes_a_random_key_kept_only_there(
    db_path: Path,
    keyring_backend: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _out, err = _run(monkeypatch, capsys, ["--db", str(db_path), "encrypt", "--key-from-keyring"])
    assert code == 0 and "a random key was made and kept in the OS keyring" in err
    key = config.stored_key(db_path)
    assert key is not None and len(key) >= 40
    assert _run(monkeypatch, capsys, ["--db", str(db_path), "check"])[0] == 0


def test_rekey_then_decrypt_round_trip_and_the_keyring_follows(
    db_path: Path,
    keyring_backend: MemoryKeyring,
    without_cycle_collection: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _run(monkeypatch, capsys, ["--db", str(db_path), "encrypt", "--passphrase-stdin"], PASSPHRASE)
    code, out, _err = _run(
        monkeypatch, capsys, ["--db", str(db_path), "rekey", "--passphrase-stdin"], "une autre phrase\n"
    )
    assert code == 0 and "key changed" in out
    assert config.stored_key(db_path) == "une autre phrase"
    code, out, _err = _run(monkeypatch, capsys, ["--db", str(db_path), "decrypt"])
    assert code == 0 and "decrypted" in out
    assert not is_encrypted_file(db_path)
    assert config.stored_key(db_path) is None
    code, _out, err = _run(monkeypatch, capsys, ["--db", str(db_path), "decrypt"])
    assert (code, err) == (1, "enact-match: error: the database is not encrypted\n")


@pytest.mark.usefixtures("without_keyring")
def test_encrypt_refuses_a_short_passphrase_and_a_missing_one_without_a_terminal(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _run(
        monkeypatch, capsys, ["--db", str(db_path), "encrypt", "--passphrase-stdin"], "court\n"
    )
    assert (code, err) == (1, "enact-match: error: a passphrase has at least 8 characters\n")
    code, _out, err = _run(monkeypatch, capsys, ["--db", str(db_path), "encrypt"])
    assert (code, err) == (
        1,
        "enact-match: error: give the new passphrase with --passphrase-stdin or $ENACT_MATCH_KEY\n",
    )
    assert not is_encrypted_file(db_path)


@pytest.mark.usefixtures("without_keyring")
def test_encrypt_without_sqlcipher3_names_the_optional_package(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("sqlcipher3", "pysqlcipher3"):
        monkeypatch.setitem(sys.modules, name, None)
    code, _out, err = _run(
        monkeypatch, capsys, ["--db", str(db_path), "encrypt", "--passphrase-stdin"], PASSPHRASE
    )
    assert code == 1
    assert err == (
        "enact-match: error: encryption needs the optional package sqlcipher3: "
        "pip install 'enact-match[encryption]'\n"
    )
