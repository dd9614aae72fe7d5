"""Fixtures of the services tests."""

from tests.support import database

__all__ = ["database"]
