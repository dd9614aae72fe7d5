"""Qt models of the events page (events, participants, requests, the schedule grid, unplaced requests)
and the words for the events services' codes."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from enact_match.services.events import (
    PRIORITIES,
    EventRow,
    MeetingRow,
    Slot,
)
from enact_match.ui.score_delegate import SCORE_ROLE
from enact_match.ui.table_models import (
    Column,
    RecordTableModel,
    RowRole,
    attribute,
    display_text,
    plain_tooltip,
)
from enact_match.ui.text import label_for_code

_Index = QModelIndex | QPersistentModelIndex
MEETING_ROLE = Qt.ItemDataRole.UserRole + 30  # the MeetingRow of a schedule cell (None: free)
PRIORITY_COLOURS = {"must": QColor("#f6c48e"), "wish": QColor("#b9d4f1")}  # "normal": no colour
_DARK_TEXT = QColor("#1a1a1a")  # readable on the light priority colours, whatever the palette

translate = QCoreApplication.translate


# --------------------------------------------------------------------------- words


def kind_label(code: str | None) -> str:
    return label_for_code(
        {"company": translate("Events", "Company"), "team": translate("Events", "Team")},
        code,
    )


def priority_label(code: str | None) -> str:
    return label_for_code(
        {
            "must": translate("Events", "Must meet"),
            "wish": translate("Events", "Would like"),
            "normal": translate("Events", "Normal"),
        },
        code,
    )


def source_label(code: str | None) -> str:
    return label_for_code(
        {
            "suggestion": translate("Events", "Accepted suggestion"),
            "wish": translate("Events", "Participant's wish"),
            "manual": translate("Events", "By hand"),
        },
        code,
    )


def request_state_label(code: str | None) -> str:
    return label_for_code(
        {
            "requested": translate("Events", "Requested"),
            "declined": translate("Events", "Do not want"),
            "cancelled": translate("Events", "Cancelled"),
        },
        code,
    )


def meeting_status_label(code: str | None) -> str:
    return label_for_code(
        {
            "proposed": translate("Events", "To be confirmed"),
            "confirmed": translate("Events", "Confirmed"),
            "cancelled": translate("Events", "Cancelled"),
        },
        code,
    )


def unplaced_reason_label(code: str | None) -> str:
    """Why the scheduler could not place a request (`enact_match.scheduling.Unplaced`), in words."""
    return label_for_code(
        {
            "no_common_slot": translate(
                "Events", "The company and the team are never available at the same time"
            ),
            "company_full": translate("Events", "The company has reached its maximum number of meetings"),
            "team_full": translate("Events", "The team has reached its maximum number of meetings"),
            "no_free_slot": translate(
                "Events", "Every common slot is taken by meetings worth more, or all tables are busy"
            ),
            "unknown_participant": translate("Events", "One side no longer takes part in the event"),
            "time_limit": translate("Events", "The optimiser found no plan within the time limit"),
        },
        code,
    )


def event_error_label(code: str, detail: str = "") -> str:
    """An `EventError` or `AgendaError` code (with its detail) in words."""
    table = {
        "event": translate("Events", "This event no longer exists."),
        "ref_taken": translate("Events", "Another event already has the reference %1."),
        "required": translate("Events", "The reference and the name are required."),
        "days": translate("Events", "The last day is before the first day."),
        "hours": translate("Events", "The day must end after it starts."),
        "slot_minutes": translate(
            "Events", "The slot length must be 5 to 240 minutes and leave at least one slot in the day."
        ),
        "breaks": translate("Events", "Each break must end after it starts, within the day's hours (%1)."),
        "tables": translate("Events", "Give each table a name, without duplicates."),
        "max_meetings": translate("Events", "The maximum number of meetings must be at least 1."),
        "time_zone": translate("Events", "Unknown time zone: %1."),
        "structure": translate("Events", "Unknown structure: %1."),
        "kind": translate("Events", "A participant is a company or a team."),
        "company": translate("Events", "No company has the reference %1."),
        "team": translate("Events", "No team has the reference %1."),
        "not_participant": translate("Events", "%1 does not take part in this event."),
        "contact": translate("Events", "%1 is not a contact of this participant."),
        "availability": translate("Events", "An availability window must end after it starts (%1)."),
        "priority": translate("Events", "Unknown priority: %1."),
        "relevance": translate("Events", "The relevance must be between 0 and 100."),
        "wish": translate("Events", "Unknown wish: %1."),
        "declined_pair": translate(
            "Events", "These two said they do not want to meet (%1): record another wish first."
        ),
        "no_request": translate("Events", "No meeting request between %1."),
        "no_meeting": translate("Events", "No scheduled meeting between %1."),
        "time_limit": translate("Events", "The time limit must be a positive number of seconds."),
        "changed_meanwhile": translate(
            "Events", "The event changed while the schedule was computed: schedule it again."
        ),
        "lang": translate("Events", "Agendas are written in French or English only."),
        "folder": translate("Events", "The folder cannot be created: %1"),
        "unwritable": translate("Events", "A file cannot be written: %1"),
    }
    words = table.get(code)
    return code if words is None else words.replace("%1", detail)


def hours_text(start: datetime, end: datetime, with_day: bool = False) -> str:
    """A slot's local hours ("09:00–09:20"), preceded by its day in the locale's format if asked."""
    hours = f"{start:%H:%M}–{end:%H:%M}"
    if not with_day:
        return hours
    return f"{QLocale().toString(start.date(), QLocale.FormatType.ShortFormat)} {hours}"


# --------------------------------------------------------------------------- models


class EventListModel(QAbstractListModel):
    """The events, most recent first: name, then first day and venue."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[EventRow] = []

    def set_rows(self, rows: Sequence[EventRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[EventRow]:
        return list(self._rows)

    def position_of(self, ref: str) -> int | None:
        return next((number for number, row in enumerate(self._rows) if row.ref == ref), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        event = self._rows[index.row()]
        details = " · ".join(filter(None, (display_text(event.first_day), event.venue)))
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{event.name}\n{details}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{event.ref} — {event.name}\n{details}")
        if role == RowRole:
            return event
        return None


class _EventTableModel(RecordTableModel):
    """A read-only table of the events services' rows, with its own translated headers."""

    def headers(self) -> list[str]:
        raise NotImplementedError

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        headers = self.headers()
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return headers[section] if 0 <= section < len(headers) else None
        return None


def _windows_text(windows: tuple[tuple[datetime, datetime], ...] | None, several_days: bool) -> str:
    if windows is None:
        return translate("Events", "All day")
    return ", ".join(hours_text(begin, end, several_days) for begin, end in windows)


class ParticipantsModel(_EventTableModel):
    """The companies and teams of an event: kind, name, who attends, availability, meeting cap."""

    NAME = 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            (
                Column("kind", attribute("kind"), kind_label),
                Column("name", attribute("name")),
                Column("attendees", attribute("attendees")),
                Column("availability", attribute("availability"), self._availability_text),
                Column("max_meetings", attribute("max_meetings"), numeric=True),
            ),
            parent,
        )
        self.several_days = False

    def _availability_text(self, windows: tuple[tuple[datetime, datetime], ...] | None) -> str:
        return _windows_text(windows, self.several_days)

    def headers(self) -> list[str]:
        return [
            self.tr("Kind"),
            self.tr("Name"),
            self.tr("Attendees"),
            self.tr("Available"),
            self.tr("Max. meetings"),
        ]


class RequestsModel(_EventTableModel):
    """An event's meeting requests; the priority of an open request is edited in place.

    Editing a priority updates the row and emits `priority_edited(RequestRow, priority)`: the page
    records it (and reloads if the service refuses).
    """

    COMPANY, TEAM, RELEVANCE, PRIORITY, SOURCE, STATE = range(6)
    priority_edited = Signal(object, str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            (
                Column("company", attribute("company")),
                Column("team", attribute("team")),
                Column("relevance", attribute("relevance"), numeric=True),
                Column("priority", attribute("priority"), priority_label),
                Column("source", attribute("source"), source_label),
                Column("state", attribute("state"), request_state_label),
            ),
            parent,
        )

    def headers(self) -> list[str]:
        return [
            self.tr("Company"),
            self.tr("Team"),
            self.tr("Relevance"),
            self.tr("Priority"),
            self.tr("Source"),
            self.tr("State"),
        ]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < len(self._rows):
            row = self._rows[index.row()]
            if role == SCORE_ROLE and index.column() == self.RELEVANCE:
                return row.relevance
            if role == Qt.ItemDataRole.EditRole and index.column() == self.PRIORITY:
                return row.priority
            if role == Qt.ItemDataRole.BackgroundRole and index.column() == self.PRIORITY:
                return PRIORITY_COLOURS.get(row.priority)
            if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.PRIORITY:
                return _DARK_TEXT if row.priority in PRIORITY_COLOURS else None
        return super().data(index, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if (
            index.isValid()
            and index.column() == self.PRIORITY
            and self._rows[index.row()].state != "declined"
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not self.flags(index) & Qt.ItemFlag.ItemIsEditable
            or value not in PRIORITIES
        ):
            return False
        row = self._rows[index.row()]
        if value == row.priority:
            return True
        self._rows[index.row()] = dataclasses.replace(row, priority=value, state="requested")
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        self.priority_edited.emit(row, value)
        return True


class PriorityDelegate(QStyledItemDelegate):
    """Edits a request's priority with a list of the three priorities in words."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        for code in PRIORITIES:
            combo.addItem(priority_label(code), code)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class UnplacedModel(_EventTableModel):
    """The requests the last schedule could not place, with the reason in words."""

    COMPANY, TEAM, PRIORITY, REASON = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            (
                Column("company", attribute("company")),
                Column("team", attribute("team")),
                Column("priority", attribute("priority"), priority_label),
                Column("reason", attribute("reason"), unplaced_reason_label),
            ),
            parent,
        )

    def headers(self) -> list[str]:
        return [self.tr("Company"), self.tr("Team"), self.tr("Priority"), self.tr("Why not placed")]


class ScheduleGridModel(QAbstractTableModel):
    """The schedule as a grid: one row per slot (its hours), one column per table, a meeting per cell.

    A cell shows "company ↔ team" (✓ first when confirmed), coloured by priority.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._slots: list[Slot] = []
        self._tables: list[str] = []
        self._cells: dict[tuple[int, int], MeetingRow] = {}
        self._several_days = False

    def set_schedule(
        self, slots: Sequence[Slot], tables: Sequence[str], meetings: Sequence[MeetingRow]
    ) -> None:
        """Show these meetings (cancelled ones are left out) in the event's slots and tables."""
        self.beginResetModel()
        self._slots, self._tables = list(slots), list(tables)
        self._several_days = len({slot.start.date() for slot in slots}) > 1
        slot_of = {slot.start: slot.index for slot in self._slots}
        table_of = {name: number for number, name in enumerate(self._tables)}
        self._cells = {
            (slot_of[meeting.slot_start], table_of[meeting.table]): meeting
            for meeting in meetings
            if meeting.status != "cancelled" and meeting.slot_start in slot_of and meeting.table in table_of
        }
        self.endResetModel()

    def meeting_at(self, row: int, column: int) -> MeetingRow | None:
        return self._cells.get((row, column))

    def meetings(self) -> list[MeetingRow]:
        """The meetings shown, by slot then table."""
        return [self._cells[key] for key in sorted(self._cells)]

    def retranslate(self) -> None:
        if self._slots and self._tables:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._slots) - 1, len(self._tables) - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._slots)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._tables)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._slots)):
            return None
        meeting = self._cells.get((index.row(), index.column()))
        if meeting is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            mark = "✓ " if meeting.status == "confirmed" else ""
            return f"{mark}{meeting.company} ↔ {meeting.team}"
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [
                f"{meeting.company} ↔ {meeting.team}",
                self.tr("Priority: %1").replace("%1", priority_label(meeting.priority)),
                self.tr("Status: %1").replace("%1", meeting_status_label(meeting.status)),
                self.tr("Relevance: %1").replace("%1", display_text(meeting.relevance)),
            ]
            lines += [
                attendees for attendees in (meeting.company_attendees, meeting.team_attendees) if attendees
            ]
            return plain_tooltip("\n".join(lines))
        if role == Qt.ItemDataRole.BackgroundRole:
            return PRIORITY_COLOURS.get(meeting.priority)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _DARK_TEXT if meeting.priority in PRIORITY_COLOURS else None
        if role == Qt.ItemDataRole.FontRole and meeting.status == "confirmed":
            font = QFont()
            font.setBold(True)
            return font
        if role == MEETING_ROLE:
            return meeting
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._tables[section] if 0 <= section < len(self._tables) else None
        if 0 <= section < len(self._slots):
            slot = self._slots[section]
            return hours_text(slot.start, slot.end, self._several_days)
        return None
