"""Qt models over the services' view rows: one generic record table, its filter proxy, and small lists.

Models hold frozen view rows (never ORM objects); what a cell shows is decided by `Column`s, so one
model class serves companies, units, teams, needs and contacts.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QWidget

from enact_match.services.records import fold
from enact_match.ui import text
from enact_match.ui.score_delegate import AXES_ROLE

# Past the roles score_delegate defines, so that its delegates can paint these models' cells.
RecordIdRole = Qt.ItemDataRole.UserRole + 20
SortRole = Qt.ItemDataRole.UserRole + 21
RowRole = Qt.ItemDataRole.UserRole + 22

Index = QModelIndex | QPersistentModelIndex


def plain_tooltip(value: str) -> str:
    """A tooltip that shows `value` literally (Qt would otherwise render tags found in it)."""
    return f"<qt>{html.escape(value)}</qt>" if value else ""


def display_text(value: Any) -> str:
    """A value as the locale writes it (numbers, dates), lists joined, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, int):
        return QLocale().toString(value)
    if isinstance(value, float):
        return QLocale().toString(value, "f", 1)
    if isinstance(value, datetime):
        return QLocale().toString(QDateTime(value), QLocale.FormatType.ShortFormat)
    if isinstance(value, date):
        return QLocale().toString(QDate(value), QLocale.FormatType.ShortFormat)
    if isinstance(value, tuple | list):
        return ", ".join(display_text(item) for item in value)
    return str(value)


@dataclass(frozen=True)
class Column:
    """A column of a record table: a stable key (for saved widths and headers) and how to get the value.

    `words` turns the raw value into translated words (codes of statuses, axes...); `raw` is used
    for sorting.
    """

    key: str
    raw: Callable[[Any], Any]
    words: Callable[[Any], str] | None = None
    numeric: bool = False
    width: int = 110  # default width in pixels, until the user resizes it

    def title(self) -> str:
        return text.field_label(self.key)

    def text_of(self, row: Any) -> str:
        value = self.raw(row)
        return self.words(value) if self.words else display_text(value)


def attribute(name: str) -> Callable[[Any], Any]:
    """Getter of one view-row attribute (columns are mostly plain attributes)."""
    return lambda row: getattr(row, name)


def _sort_key(value: Any) -> tuple[int, Any]:
    # None sorts last whatever the type; text compares without case or accents.
    if value is None or value == "" or value == ():
        return (1, "")
    if isinstance(value, str):
        return (0, fold(value) or value.casefold())
    if isinstance(value, tuple):
        return (0, str(value))
    if isinstance(value, datetime | date):
        return (0, value.isoformat())
    return (0, value)


class RecordTableModel(QAbstractTableModel):
    """Rows of view rows (with an `id`), shown through a list of `Column`s."""

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[Any] = []

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, position: int) -> Any:
        return self._rows[position]

    def position_of(self, record_id: uuid.UUID) -> int | None:
        for position, row in enumerate(self._rows):
            if row.id == record_id:
                return position
        return None

    def upsert(self, row: Any) -> int:
        """Replace the row with the same id, or append it; return its position."""
        position = self.position_of(row.id)
        if position is None:
            position = len(self._rows)
            self.beginInsertRows(QModelIndex(), position, position)
            self._rows.append(row)
            self.endInsertRows()
        else:
            self._rows[position] = row
            self.dataChanged.emit(self.index(position, 0), self.index(position, len(self._columns) - 1))
        return position

    def remove(self, record_id: uuid.UUID) -> None:
        position = self.position_of(record_id)
        if position is not None:
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            self.endRemoveRows()

    def retranslate(self) -> None:
        """Words in cells and headers follow a language switch."""
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))

    # ----------------------------------------------------------------- Qt interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text_of(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(column.text_of(row))
        if role == SortRole:
            return _sort_key(column.raw(row))
        if role == RecordIdRole:
            return row.id
        if role == RowRole:
            return row
        if role == AXES_ROLE and column.key == "axes":
            return tuple(row.axes)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].title()
        return None


def _matches(value: Any, wanted: Any) -> bool:
    if isinstance(value, tuple | list):
        return wanted in value
    return value == wanted


class RecordFilterProxyModel(QSortFilterProxyModel):
    """Sorting (without case or accents) and filtering of a RecordTableModel.

    Filters are on view-row attributes (a wanted value is found in a list attribute, or equal to
    a plain one) plus a free text looked for, folded, in every column's words.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filters: dict[str, Any] = {}
        self._words: list[str] = []
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_text(self, query: str) -> None:
        self.beginFilterChange()
        self._words = [fold(word) for word in query.split() if fold(word)]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_filter(self, name: str, wanted: Any) -> None:
        """Keep rows whose attribute `name` holds `wanted` (None removes the filter)."""
        self.beginFilterChange()
        if wanted is None:
            self._filters.pop(name, None)
        else:
            self._filters[name] = wanted
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RecordTableModel):
            return True
        row = model.row_at(source_row)
        for name, wanted in self._filters.items():
            if not _matches(getattr(row, name, None), wanted):
                return False
        if self._words:
            haystack = fold(" ".join(column.text_of(row) for column in model.columns))
            return all(word in haystack for word in self._words)
        return True

    def lessThan(self, left: Index, right: Index) -> bool:
        return bool(left.data(SortRole) < right.data(SortRole))


@dataclass(frozen=True)
class PageEntry:
    """A navigation entry: the page's key and a function giving its (translated) title."""

    key: str
    title: Callable[[], str]


class PageListModel(QAbstractListModel):
    """The main window's navigation list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[PageEntry] = []

    def add(self, entry: PageEntry) -> None:
        position = len(self._entries)
        self.beginInsertRows(QModelIndex(), position, position)
        self._entries.append(entry)
        self.endInsertRows()

    def key_at(self, position: int) -> str:
        return self._entries[position].key

    def position_of(self, key: str) -> int | None:
        for position, entry in enumerate(self._entries):
            if entry.key == key:
                return position
        return None

    def retranslate(self) -> None:
        if self._entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._entries) - 1, 0))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title()
        if role == Qt.ItemDataRole.UserRole:
            return entry.key
        return None


class ItemListModel(QAbstractListModel):
    """A read-only list of (value, words) pairs: search hits, filter choices, contacts' lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[Any, str, str]] = []

    def set_items(self, items: Sequence[tuple[Any, str, str]]) -> None:
        """Items as (value, text, tooltip)."""
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def value_at(self, position: int) -> Any:
        return self._items[position][0]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        value, words, tip = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return words
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(tip)
        if role == Qt.ItemDataRole.UserRole:
            return value
        return None


PUBLICATION_FIELDS = ("title", "year", "venue", "doi", "abstract")


class PublicationsModel(QAbstractTableModel):
    """A team's publications, editable in place (title, year, venue, DOI, abstract)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[dict[str, Any]] = []

    def set_publications(self, items: Sequence[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._items = [dict(item) for item in items]
        self.endResetModel()

    def publications(self) -> list[dict[str, Any]]:
        return [dict(item) for item in self._items]

    def add_empty(self) -> int:
        position = len(self._items)
        self.beginInsertRows(QModelIndex(), position, position)
        self._items.append(dict.fromkeys(PUBLICATION_FIELDS, ""))
        self.endInsertRows()
        return position

    def remove_at(self, position: int) -> None:
        if 0 <= position < len(self._items):
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._items[position]
            self.endRemoveRows()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(PUBLICATION_FIELDS) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(PUBLICATION_FIELDS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        value = self._items[index.row()].get(PUBLICATION_FIELDS[index.column()])
        shown = "" if value is None else str(value)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return shown
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(shown)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        name = PUBLICATION_FIELDS[index.column()]
        entered = str(value).strip()
        if name == "year" and entered and not entered.isdigit():
            return False  # the year cell refuses anything but digits
        self._items[index.row()][name] = entered
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(PUBLICATION_FIELDS)
        ):
            return text.field_label(PUBLICATION_FIELDS[section])
        return None
