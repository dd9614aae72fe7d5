"""The global search popup (Ctrl+K, Ctrl+F): finds companies, units, teams, needs and contacts as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from enact_match.ui import text
from enact_match.ui.i18n import Retranslating
from enact_match.ui.table_models import ItemListModel

if TYPE_CHECKING:
    from enact_match.services.search import SearchHit, SearchIndex


def _kind_words(kind: str) -> str:
    words = {
        "companies": text.field_label("company"),
        "units": text.field_label("unit"),
        "teams": text.field_label("team"),
        "needs": QCoreApplication.translate("SearchPopup", "Need"),
        "contacts": QCoreApplication.translate("SearchPopup", "Contact"),
    }
    return words.get(kind, kind)


class SearchPopup(Retranslating, QFrame):
    """A popup with a search field and the hits of the current words; `hit_activated` opens one."""

    hit_activated = Signal(object)  # SearchHit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self._index: SearchIndex | None = None
        self._hits: list[SearchHit] = []
        self._build_ui()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._edit = QLineEdit()
        self._edit.setObjectName("search_edit")
        self._edit.setClearButtonEnabled(True)
        self._edit.textChanged.connect(self._on_edit_text_changed)
        self._edit.installEventFilter(self)
        self._model = ItemListModel(self)
        self._view = QListView()
        self._view.setObjectName("search_results")
        self._view.setModel(self._model)
        self._view.setUniformItemSizes(True)
        self._view.activated.connect(self._on_view_activated)
        self._status = QLabel()
        self._status.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self._edit)
        layout.addWidget(self._view, 1)
        layout.addWidget(self._status)
        self.resize(560, 380)

    def retranslate_ui(self) -> None:
        self._edit.setPlaceholderText(self.tr("Search companies, units, teams, needs, contacts…"))
        self._on_edit_text_changed(self._edit.text())

    def set_index(self, index: SearchIndex | None) -> None:
        """The index to search (None while it is being built)."""
        self._index = index
        self._on_edit_text_changed(self._edit.text())

    def has_index(self) -> bool:
        return self._index is not None

    def search_text(self) -> str:
        return self._edit.text()

    def set_search_text(self, words: str) -> None:
        self._edit.setText(words)

    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    def open_over(self, window: QWidget) -> None:
        """Show the popup at the top centre of `window`, with the previous words selected."""
        width = min(640, max(420, window.width() // 2))
        self.resize(width, self.sizeHint().height())
        top_left = window.mapToGlobal(QPoint((window.width() - width) // 2, 48))
        self.move(top_left)
        self.show()
        self._edit.setFocus()
        self._edit.selectAll()

    def activate_current(self) -> None:
        index = self._view.currentIndex()
        if index.isValid():
            self._on_view_activated(index)

    def _on_edit_text_changed(self, words: str) -> None:
        if self._index is None:
            self._hits = []
            self._status.setText(self.tr("Preparing the search…") if words.strip() else "")
        else:
            self._hits = self._index.query(words, limit=30)
            shown = words.strip()
            self._status.setText(self.tr("No match") if shown and not self._hits else "")
        self._model.set_items(
            [
                (
                    hit,
                    f"{hit.label}  ·  {_kind_words(hit.kind)}" + (f"  ·  {hit.detail}" if hit.detail else ""),
                    hit.label,
                )
                for hit in self._hits
            ]
        )
        if self._hits:
            self._view.setCurrentIndex(self._model.index(0, 0))
        # As tall as the hits need (up to 12 lines), so that a single hit is not lost in a blank box.
        lines = min(max(len(self._hits), 3), 12)
        row_height = self._view.sizeHintForRow(0) if self._hits else self.fontMetrics().height() + 4
        self._view.setFixedHeight(lines * row_height + 2 * self._view.frameWidth() + 4)
        self.resize(self.width(), self.sizeHint().height())

    def _on_view_activated(self, index: QModelIndex) -> None:
        position = index.row()
        if 0 <= position < len(self._hits):
            self.hide()
            self.hit_activated.emit(self._hits[position])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._view.event(event)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.activate_current()
                return True
        return super().eventFilter(watched, event)
