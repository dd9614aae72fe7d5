"""Qt models of the pipeline page: all matches, one filtered column per stage (drag between them), history."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QDateTime,
    QLocale,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from enact_match.services import codes
from enact_match.services.views import MatchEventRow, MatchRow
from enact_match.ui import text
from enact_match.ui.score_delegate import MATCH_ROLE, SCORE_ROLE

_Index = QModelIndex | QPersistentModelIndex
MATCH_MIME_TYPE = "application/x-enact-match-id"
STATUS_ROLE = Qt.ItemDataRole.UserRole + 10


def local_datetime_text(value: datetime) -> str:
    """A stored UTC date and time in the local time zone, in the locale's short format."""
    # SQLite gives back naive datetimes: every stored time is UTC (storage.models.utc_now).
    moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)


class MatchesModel(QAbstractListModel):
    """Every match the user may see (one row each); the stage columns filter it."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[MatchRow] = []

    def set_rows(self, rows: list[MatchRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[MatchRow]:
        return list(self._rows)

    def row_of(self, match_id: uuid.UUID) -> MatchRow | None:
        return next((row for row in self._rows if row.id == match_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        match = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{match.need_title} — {match.team_name}"
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [match.need_title, match.team_name, match.company_name or ""]
            if match.collaboration_type:
                lines.append(text.collaboration_type_label(match.collaboration_type))
            if match.decline_reason:
                lines.append(text.decline_reason_label(match.decline_reason))
            if match.owner:
                lines.append(self.tr("Followed by %1").replace("%1", match.owner))
            return "\n".join(line for line in lines if line)
        if role == MATCH_ROLE:
            return match
        if role == SCORE_ROLE:
            return match.score
        if role == STATUS_ROLE:
            return match.status
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def mimeTypes(self) -> list[str]:
        return [MATCH_MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        valid = [index for index in indexes if index.isValid()]
        if valid:
            data.setData(MATCH_MIME_TYPE, QByteArray(str(self._rows[valid[0].row()].id).encode()))
        return data

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction


def match_id_of(data: QMimeData) -> uuid.UUID | None:
    """The match id a drag carries, or None."""
    if not data.hasFormat(MATCH_MIME_TYPE):
        return None
    try:
        return uuid.UUID(bytes(data.data(MATCH_MIME_TYPE).data()).decode())
    except ValueError:
        return None


class StageProxyModel(QSortFilterProxyModel):
    """The matches of one stage, filtered by structure and owner, most recently changed first.

    Dropping a match of another stage here emits `match_dropped(match_id, stage)` when the
    transition is allowed (the page then asks what it requires and records it); the model itself is
    never changed by a drop.
    """

    match_dropped = Signal(object, str)

    def __init__(self, stage: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self._structure: str | None = None
        self._owner: str | None = None
        self.setDynamicSortFilter(True)
        self.sort(0, Qt.SortOrder.DescendingOrder)

    def set_filters(self, structure: str | None, owner: str | None) -> None:
        """Keep only matches of needs of this structure and followed by this owner (None: all)."""
        self.beginFilterChange()
        self._structure, self._owner = structure, owner
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        match = self.sourceModel().index(source_row, 0, source_parent).data(MATCH_ROLE)
        if not isinstance(match, MatchRow) or match.status != self.stage:
            return False
        if self._structure is not None and match.structure_code != self._structure:
            return False
        return self._owner is None or match.owner == self._owner

    def lessThan(self, left: _Index, right: _Index) -> bool:
        left_match, right_match = left.data(MATCH_ROLE), right.data(MATCH_ROLE)
        return bool(left_match.updated_at < right_match.updated_at)

    def _source_match(self, data: QMimeData) -> MatchRow | None:
        match_id = match_id_of(data)
        source = self.sourceModel()
        if match_id is None or not isinstance(source, MatchesModel):
            return None
        return source.row_of(match_id)

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        match = self._source_match(data)
        return match is not None and self.stage in codes.MATCH_TRANSITIONS[match.status]

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        match = self._source_match(data)
        if match is None or self.stage not in codes.MATCH_TRANSITIONS[match.status]:
            return False
        self.match_dropped.emit(match.id, self.stage)
        return False  # nothing moves here: the page records the change, then reloads


class HistoryModel(QAbstractTableModel):
    """A match's history: date (local, locale's format), and what happened and who did it."""

    WHEN, WHAT = range(2)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._events: list[MatchEventRow] = []

    def set_events(self, events: tuple[MatchEventRow, ...] | list[MatchEventRow]) -> None:
        """Show these events, most recent first."""
        self.beginResetModel()
        self._events = sorted(events, key=lambda event: event.at, reverse=True)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {self.WHEN: self.tr("Date"), self.WHAT: self.tr("Event")}.get(section)

    def describe(self, event: MatchEventRow) -> str:
        """What an event says, in words."""
        if event.to_status is None:
            return event.note or ""
        if event.from_status is None:
            what = self.tr("Created as %1").replace("%1", text.match_status_label(event.to_status))
        else:
            what = (
                self.tr("%1 → %2")
                .replace("%1", text.match_status_label(event.from_status))
                .replace("%2", text.match_status_label(event.to_status))
            )
        details = [
            text.collaboration_type_label(event.collaboration_type),
            text.decline_reason_label(event.decline_reason),
            event.note or "",
        ]
        extra = " · ".join(detail for detail in details if detail)
        return f"{what} ({extra})" if extra else what

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == self.WHEN:
                return local_datetime_text(event.at)
            what = self.describe(event)
            return f"{what} — {event.author}" if event.author else what
        return None
