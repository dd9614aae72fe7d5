"""Test support for encryption at rest: an in-memory OS keyring (this machine, like CI, has no Secret
Service), no keyring at all, and the mark of tests that need sqlcipher3."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.util import find_spec

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordDeleteError

needs_sqlcipher = pytest.mark.skipif(
    find_spec("sqlcipher3") is None, reason="encryption needs the optional sqlcipher3 package"
)
PASSPHRASE = "phrase de passe du salon 2026"


class MemoryKeyring(KeyringBackend):
    """Keeps passwords in a dict, like a real keyring keeps them in the user's session."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def keyring_backend() -> Iterator[MemoryKeyring]:
    """A fresh in-memory keyring for one test; the previous backend is put back afterwards."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def without_keyring() -> Iterator[None]:
    """No usable OS keyring for one test, as on a machine without any keyring service."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)
