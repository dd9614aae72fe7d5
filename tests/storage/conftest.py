"""Fixtures of the storage tests."""

from tests.support import database

__all__ = ["database"]
