"""Dialogs of the events page: an event's settings (days, hours, slots, breaks, tables) and a meeting
request entered by hand."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from enact_match.services.catalog import StaleRecordError
from enact_match.services.events import (
    MAX_SLOT_MINUTES,
    MIN_SLOT_MINUTES,
    PRIORITIES,
    EventError,
    EventRow,
    EventSpec,
    ParticipantRow,
    create_event,
    update_event,
)
from enact_match.ui.context import AppContext
from enact_match.ui.events_models import event_error_label, priority_label
from enact_match.ui.forms import error_colour
from enact_match.ui.i18n import Retranslating
from enact_match.ui.workers import run_write_in_background

_TIME_FORMAT = "HH:mm"


def _time_edit(value: time) -> QTimeEdit:
    edit = QTimeEdit(QTime(value.hour, value.minute))
    edit.setDisplayFormat(_TIME_FORMAT)
    return edit


def _time_of(edit: QTimeEdit) -> time:
    value = edit.time()
    return time(value.hour(), value.minute())


def _date_of(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def table_names(count: int) -> list[str]:
    """Default table names: T01, T02…"""
    return [f"T{number:02d}" for number in range(1, count + 1)]


class EventDialog(Retranslating, QDialog):
    """Creates an event or edits its settings; the services' refusals are shown in words under the form.

    Saving runs on the database writer; `saved(EventRow)` is emitted and the dialog accepted once the
    event is stored.
    """

    saved = Signal(object)

    def __init__(
        self, context: AppContext, event: EventRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._event = event
        self.saved_row: EventRow | None = None
        self._breaks: list[tuple[QWidget, QTimeEdit, QTimeEdit]] = []
        self._build_ui()
        self.retranslate_ui()
        self._fill(event)

    def _build_ui(self) -> None:
        self.ref_edit = QLineEdit(self)
        self.name_edit = QLineEdit(self)
        self.venue_edit = QLineEdit(self)
        self.first_day_edit = QDateEdit(self)
        self.last_day_edit = QDateEdit(self)
        for edit in (self.first_day_edit, self.last_day_edit):
            edit.setCalendarPopup(True)
        self.day_start_edit = _time_edit(time(9))
        self.day_end_edit = _time_edit(time(17))
        self.slot_spin = QSpinBox(self)
        self.slot_spin.setRange(MIN_SLOT_MINUTES, MAX_SLOT_MINUTES)
        self.slot_spin.setSingleStep(5)
        self.breaks_box = QVBoxLayout()
        self.breaks_box.setContentsMargins(0, 0, 0, 0)
        self.add_break_button = QPushButton(self)
        self.add_break_button.clicked.connect(lambda: self.add_break(time(12), time(14)))
        breaks = QVBoxLayout()
        breaks.addLayout(self.breaks_box)
        breaks.addWidget(self.add_break_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.table_count_spin = QSpinBox(self)
        self.table_count_spin.setRange(1, 500)
        self.table_count_spin.valueChanged.connect(self._on_table_count_spin_changed)
        self.tables_edit = QLineEdit(self)
        tables = QHBoxLayout()
        tables.addWidget(self.table_count_spin)
        tables.addWidget(self.tables_edit, 1)
        self.max_meetings_spin = QSpinBox(self)
        self.max_meetings_spin.setRange(0, 100)
        self.form = QFormLayout()
        self._labels = [QLabel(self) for _ in range(10)]
        fields: list[QWidget | QHBoxLayout | QVBoxLayout] = [
            self.ref_edit,
            self.name_edit,
            self.venue_edit,
            self.first_day_edit,
            self.last_day_edit,
            self.day_start_edit,
            self.day_end_edit,
            self.slot_spin,
            breaks,
            tables,
        ]
        for label, field in zip(self._labels, fields, strict=True):
            if isinstance(field, QWidget):
                label.setBuddy(field)
            self.form.addRow(label, field)
        self._labels[-1].setBuddy(self.table_count_spin)
        self.max_meetings_label = QLabel(self)
        self.max_meetings_label.setBuddy(self.max_meetings_spin)
        self.form.addRow(self.max_meetings_label, self.max_meetings_spin)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("eventError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("New event") if self._event is None else self.tr("Edit the event"))
        texts = [
            self.tr("&Reference:"),
            self.tr("&Name:"),
            self.tr("&Venue:"),
            self.tr("&First day:"),
            self.tr("&Last day:"),
            self.tr("Day &starts at:"),
            self.tr("Day &ends at:"),
            self.tr("Slot &length:"),
            self.tr("Breaks:"),
            self.tr("&Tables:"),
        ]
        for label, words in zip(self._labels, texts, strict=True):
            label.setText(words)
        self.max_meetings_label.setText(self.tr("&Max. meetings each:"))
        self.ref_edit.setPlaceholderText(self.tr("e.g. EV-2027-METZ"))
        self.slot_spin.setSuffix(self.tr(" min"))
        self.add_break_button.setText(self.tr("&Add a break"))
        self.tables_edit.setToolTip(self.tr("The tables' names, separated by commas"))
        self.max_meetings_spin.setSpecialValueText(self.tr("no limit"))
        for row, _start, _end in self._breaks:
            row.findChild(QPushButton).setText(self.tr("Remove"))

    # ----------------------------------------------------------------- values

    def _fill(self, event: EventRow | None) -> None:
        today = QDate.currentDate()
        if event is None:
            self.first_day_edit.setDate(today)
            self.last_day_edit.setDate(today)
            self.slot_spin.setValue(20)
            self.table_count_spin.setValue(10)
            self.max_meetings_spin.setValue(0)
            return
        self.ref_edit.setText(event.ref)
        self.name_edit.setText(event.name)
        self.venue_edit.setText(event.venue or "")
        self.first_day_edit.setDate(QDate(event.first_day))
        self.last_day_edit.setDate(QDate(event.last_day))
        self.day_start_edit.setTime(QTime(event.day_start.hour, event.day_start.minute))
        self.day_end_edit.setTime(QTime(event.day_end.hour, event.day_end.minute))
        self.slot_spin.setValue(event.slot_minutes)
        for start, end in event.breaks:
            self.add_break(start, end)
        self.table_count_spin.blockSignals(True)
        self.table_count_spin.setValue(len(event.tables))
        self.table_count_spin.blockSignals(False)
        self.tables_edit.setText(", ".join(event.tables))
        self.max_meetings_spin.setValue(event.max_meetings or 0)

    def add_break(self, start: time, end: time) -> None:
        """Add a break row (from, to, Remove)."""
        row = QWidget(self)
        start_edit, end_edit = _time_edit(start), _time_edit(end)
        remove = QPushButton(self.tr("Remove"), row)
        entry = (row, start_edit, end_edit)
        remove.clicked.connect(lambda: self.remove_break(entry))
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(start_edit)
        line.addWidget(QLabel("–", row))
        line.addWidget(end_edit)
        line.addWidget(remove)
        line.addStretch(1)
        self._breaks.append(entry)
        self.breaks_box.addWidget(row)

    def remove_break(self, entry: tuple[QWidget, QTimeEdit, QTimeEdit]) -> None:
        self._breaks.remove(entry)
        entry[0].deleteLater()

    def _on_table_count_spin_changed(self, count: int) -> None:
        self.tables_edit.setText(", ".join(table_names(count)))

    def spec(self) -> EventSpec:
        """The event as entered (checked by the service when saved)."""
        return EventSpec(
            ref=self.ref_edit.text().strip(),
            name=self.name_edit.text().strip(),
            venue=self.venue_edit.text().strip() or None,
            first_day=_date_of(self.first_day_edit),
            last_day=_date_of(self.last_day_edit),
            day_start=_time_of(self.day_start_edit),
            day_end=_time_of(self.day_end_edit),
            slot_minutes=self.slot_spin.value(),
            breaks=tuple((_time_of(start), _time_of(end)) for _row, start, end in self._breaks),
            tables=tuple(name.strip() for name in self.tables_edit.text().split(",")),
            max_meetings=self.max_meetings_spin.value() or None,
            time_zone=self._event.time_zone if self._event else EventSpec.time_zone,
            notes=self._event.notes if self._event else None,
            structure_code=self._event.structure_code if self._event else self._viewer_structure(),
        )

    def _viewer_structure(self) -> str | None:
        viewer = self._context.viewer
        return viewer.structure_code if viewer is not None else None

    # ----------------------------------------------------------------- saving

    def save(self) -> None:
        """Store the event in the background; refusals are shown under the form."""
        spec, db, event = self.spec(), self._context.db, self._event
        self.buttons.setEnabled(False)

        def work() -> EventRow:
            if event is None:
                return create_event(db, spec)
            return update_event(db, event.ref, spec, expected_version=event.version)

        run_write_in_background(work, self._on_saved, self._on_save_failed)

    def _on_saved(self, row: EventRow) -> None:
        self.buttons.setEnabled(True)
        self.saved_row = row
        self.saved.emit(row)
        self.accept()

    def _on_save_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, EventError):
            words = event_error_label(error.code, error.detail)
        elif isinstance(error, StaleRecordError):
            words = self.tr("Someone changed this event meanwhile: close this window and open it again.")
        else:
            words = str(error).splitlines()[0] if str(error) else type(error).__name__
        self.error_label.setText(words)
        self.error_label.setStyleSheet(f"color: {error_colour(self.error_label)};")
        self.error_label.show()

    def error_text(self) -> str:
        """The refusal shown under the form ("" when none)."""
        return "" if self.error_label.isHidden() else self.error_label.text()

    @classmethod
    def ask(
        cls, parent: QWidget | None, context: AppContext, event: EventRow | None = None
    ) -> EventRow | None:
        """Show the dialog; the stored event, or None when cancelled."""
        dialog = cls(context, event, parent)
        dialog.exec()
        return dialog.saved_row


class RequestDialog(Retranslating, QDialog):
    """A meeting request by hand: a participating company, a participating team and a priority."""

    def __init__(self, participants: Sequence[ParticipantRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._participants = [row for row in participants if row.ref]
        self._build_ui()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.company_combo = QComboBox(self)
        self.team_combo = QComboBox(self)
        for combo, kind in ((self.company_combo, "company"), (self.team_combo, "team")):
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            for row in self._participants:
                if row.kind == kind:
                    combo.addItem(row.name, row.ref)
        self.priority_combo = QComboBox(self)
        for code in PRIORITIES:
            self.priority_combo.addItem("", code)
        self.priority_combo.setCurrentIndex(PRIORITIES.index("normal"))
        self.company_label, self.team_label, self.priority_label = QLabel(self), QLabel(self), QLabel(self)
        form = QFormLayout()
        for label, combo in (
            (self.company_label, self.company_combo),
            (self.team_label, self.team_combo),
            (self.priority_label, self.priority_combo),
        ):
            label.setBuddy(combo)
            form.addRow(label, combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Add a meeting request"))
        self.company_label.setText(self.tr("&Company:"))
        self.team_label.setText(self.tr("&Team:"))
        self.priority_label.setText(self.tr("&Priority:"))
        for position, code in enumerate(PRIORITIES):
            self.priority_combo.setItemText(position, priority_label(code))

    def choice(self) -> tuple[str, str, str] | None:
        """(company reference, team reference, priority), None while a side is missing."""
        company, team = self.company_combo.currentData(), self.team_combo.currentData()
        if not company or not team:
            return None
        return company, team, self.priority_combo.currentData()

    @classmethod
    def ask(
        cls, parent: QWidget | None, participants: Sequence[ParticipantRow]
    ) -> tuple[str, str, str] | None:
        """Show the dialog; the request chosen, or None when cancelled."""
        dialog = cls(participants, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()
