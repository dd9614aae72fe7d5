"""Behaviour shared by the main window's pages: reload data only while the page is shown."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent


class RefreshedWhenShown:
    """Mixin for pages (before QWidget among the bases): `refresh()` calls `reload()` at once when the
    page is visible, and otherwise waits for the next time it is shown, so that edits elsewhere do not
    make hidden pages read the database."""

    _stale = True  # a page reads its data the first time it is shown

    def reload(self) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        """Read the page's data again now, or when it is next shown."""
        if not self.isVisible():  # type: ignore[attr-defined]
            self._stale = True
            return
        self._stale = False
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # type: ignore[misc]
        if self._stale:
            self.refresh()
