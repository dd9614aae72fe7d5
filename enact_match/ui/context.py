"""What every window and page of the desktop app shares: the database, settings, user and suggestions."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from enact_match.config import Settings
from enact_match.services.catalog import Viewer
from enact_match.services.database import Database

if TYPE_CHECKING:
    from enact_match.services.suggestions import SuggestionService


def viewer_of(settings: Settings) -> Viewer | None:
    """The current user described by the settings, or None when no name is set."""
    if not settings.user_name.strip():
        return None
    return Viewer(settings.user_name.strip(), settings.user_structure.strip() or None)


@dataclass
class AppContext:
    """The shared state of one running app. `suggestions` is created on first use.

    The suggestion service (and the matching engine behind it) is imported and built lazily, off
    the start-up path: the first window shows before any matching code is loaded.
    """

    db: Database
    settings: Settings
    viewer: Viewer | None = None
    _suggestions: SuggestionService | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def suggestions(self) -> SuggestionService:
        """The suggestion service for the current database (may raise ImportError while the engine
        is incomplete: callers run it in the background and show the error)."""
        with self._lock:
            if self._suggestions is None:
                from enact_match.services.suggestions import SuggestionService

                self._suggestions = SuggestionService.with_shipped_resources(self.db)
            return self._suggestions

    def replace_database(self, db: Database) -> None:
        """Switch to another database; the suggestion service is rebuilt on next use."""
        with self._lock:
            old = self.db
            self.db = db
            self._suggestions = None
        if old is not db:
            old.dispose()

    def apply_settings(self, settings: Settings) -> None:
        """Take new settings (the user's name and structure decide what they may see)."""
        self.settings = settings
        self.viewer = viewer_of(settings)
