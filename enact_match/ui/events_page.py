"""The events page: B2B meeting days with their participants, meeting requests, schedule and agendas.

On the left the events (New / Edit / Delete); on the right, for the selected event, four tabs:
participants (companies and teams, who attends, when, how many meetings), requests (from accepted
suggestions, by hand, "do not want"; priority edited in place), the schedule (a grid of slots ×
tables, the optimiser run in the background against its greedy baseline, unplaced requests and
why, confirmation and late cancellations) and the outputs (agendas, calendars, table plan, CSV, XLSX).
Everything that reads or writes the database runs in background workers through the services.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QElapsedTimer, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from enact_match.services import catalog
from enact_match.services import events as service
from enact_match.services.events import EventRow, EventSchedule, ParticipantRow, RequestRow, ScheduleResult
from enact_match.ui import prompts
from enact_match.ui.context import AppContext
from enact_match.ui.event_dialog import EventDialog, RequestDialog
from enact_match.ui.events_models import (
    EventListModel,
    ParticipantsModel,
    PriorityDelegate,
    RequestsModel,
    ScheduleGridModel,
    UnplacedModel,
    event_error_label,
    kind_label,
)
from enact_match.ui.exports_ui import open_document, run_writing
from enact_match.ui.forms import error_colour
from enact_match.ui.i18n import Retranslating, current_language
from enact_match.ui.long_operations import progress_dialog
from enact_match.ui.pages import RefreshedWhenShown
from enact_match.ui.score_delegate import ScoreDelegate
from enact_match.ui.table_models import RowRole, display_text
from enact_match.ui.workers import BackgroundTask, run_in_background, run_write_in_background


def choose_folder(parent: QWidget, title: str) -> Path | None:
    """Ask for a folder to write into; None when cancelled (tests replace this function)."""
    chosen = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return Path(chosen) if chosen else None


def parse_windows(entered: str, days: list[Any]) -> list[tuple[datetime, datetime]] | None:
    """Availability typed as "09:00-12:00, 14:00-16:20", the same on each of `days`; "" is None
    (always available). Raises ValueError for text that is not a list of HH:MM-HH:MM windows."""
    windows: list[tuple[datetime, datetime]] = []
    for part in entered.replace(";", ",").split(","):
        if not part.strip():
            continue
        begin, separator, end = part.replace("–", "-").partition("-")
        if not separator:
            raise ValueError(part)
        start_time, end_time = time.fromisoformat(begin.strip()), time.fromisoformat(end.strip())
        windows += [(datetime.combine(day, start_time), datetime.combine(day, end_time)) for day in days]
    return windows or None


def _error_words(error: BaseException) -> str:
    code = getattr(error, "code", None)
    if isinstance(code, str):
        return event_error_label(code, getattr(error, "detail", ""))
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def _table(parent: QWidget, name: str, model: Any) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view


class EventsPage(Retranslating, RefreshedWhenShown, QWidget):
    """Events, their participants and requests, the schedule grid and the written agendas.

    Signals:
        events_loaded(int): the list of events was (re)loaded with this many events.
        event_loaded(str): the selected event's (reference) participants, requests and grid are shown.
        scheduled(object): a schedule was computed and stored (its ScheduleResult).
        agendas_written(object): the outputs were written (their AgendasReport).
        data_written(): the database changed (the main window relays it to the other pages).
    """

    events_loaded = Signal(int)
    event_loaded = Signal(str)
    scheduled = Signal(object)
    agendas_written = Signal(object)
    data_written = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._current_ref: str | None = None
        self._schedule: EventSchedule | None = None
        self._result: ScheduleResult | None = None
        self._records: dict[str, dict[str, str]] = {"company": {}, "team": {}}
        self._generation = 0
        self._build_ui()
        self.retranslate_ui()
        self._show_event()

    # ------------------------------------------------------------------ building

    def _build_ui(self) -> None:
        self.events_label = QLabel(self)
        self.events_model = EventListModel(self)
        self.events_view = QListView(self)
        self.events_view.setObjectName("eventsList")
        self.events_view.setModel(self.events_model)
        self.events_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events_view.setSpacing(2)
        self.events_view.selectionModel().currentChanged.connect(self._on_events_view_current_changed)
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_event)
        self.edit_button = QPushButton(self)
        self.edit_button.clicked.connect(self.edit_event)
        self.delete_button = QPushButton(self)
        self.delete_button.clicked.connect(self.delete_event)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(self.events_label)
        left_layout.addWidget(self.events_view, 1)
        left_layout.addLayout(buttons)

        self.title_label = QLabel(self)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)
        self.summary_label = QLabel(self)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setWordWrap(True)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("eventStatus")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_participants_tab(), "")
        self.tabs.addTab(self._build_requests_tab(), "")
        self.tabs.addTab(self._build_schedule_tab(), "")
        self.tabs.addTab(self._build_outputs_tab(), "")
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.title_label)
        right_layout.addWidget(self.summary_label)
        right_layout.addWidget(self.status_label)
        right_layout.addWidget(self.tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("eventsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([180, 1060])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def _build_participants_tab(self) -> QWidget:
        tab = QWidget(self)
        self.participants_model = ParticipantsModel(self)
        self.participants_view = _table(tab, "participantsTable", self.participants_model)
        self.participants_view.selectionModel().currentRowChanged.connect(
            self._on_participants_view_current_changed
        )
        participants_header = self.participants_view.horizontalHeader()
        for column in range(self.participants_model.columnCount()):
            participants_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        participants_header.setSectionResizeMode(ParticipantsModel.NAME, QHeaderView.ResizeMode.Stretch)
        participants_header.setStretchLastSection(False)
        self.kind_combo = QComboBox(tab)
        for kind in service.PARTICIPANT_KINDS:
            self.kind_combo.addItem("", kind)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_changed)
        self.record_edit = QLineEdit(tab)
        self.record_edit.setObjectName("participantRecord")
        self.record_completer = QCompleter([], self.record_edit)
        self.record_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.record_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.record_edit.setCompleter(self.record_completer)
        self.attendees_edit = QLineEdit(tab)
        self.availability_edit = QLineEdit(tab)
        self.participant_max_spin = QSpinBox(tab)
        self.participant_max_spin.setRange(0, 100)
        self.add_participant_button = QPushButton(tab)
        self.add_participant_button.clicked.connect(self.save_participant)
        self.remove_participant_button = QPushButton(tab)
        self.remove_participant_button.clicked.connect(self.remove_participant)
        self.participant_error = QLabel(tab)
        self.participant_error.setTextFormat(Qt.TextFormat.PlainText)
        self.participant_error.setWordWrap(True)
        self.participant_error.hide()
        self._participant_labels = [QLabel(tab) for _ in range(4)]
        form = QFormLayout()
        who = QHBoxLayout()
        who.addWidget(self.kind_combo)
        who.addWidget(self.record_edit, 1)
        for label, field in zip(
            self._participant_labels,
            (who, self.attendees_edit, self.availability_edit, self.participant_max_spin),
            strict=True,
        ):
            form.addRow(label, field)
        self._participant_labels[0].setBuddy(self.record_edit)
        self._participant_labels[1].setBuddy(self.attendees_edit)
        self._participant_labels[2].setBuddy(self.availability_edit)
        self._participant_labels[3].setBuddy(self.participant_max_spin)
        actions = QHBoxLayout()
        actions.addWidget(self.add_participant_button)
        actions.addWidget(self.remove_participant_button)
        actions.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.participants_view, 1)
        layout.addLayout(form)
        layout.addWidget(self.participant_error)
        layout.addLayout(actions)
        return tab

    def _build_requests_tab(self) -> QWidget:
        tab = QWidget(self)
        self.requests_model = RequestsModel(self)
        self.requests_model.priority_edited.connect(self._on_requests_model_priority_edited)
        self.requests_view = _table(tab, "requestsTable", self.requests_model)
        self.requests_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.requests_view.setItemDelegateForColumn(
            RequestsModel.RELEVANCE, ScoreDelegate(self.requests_view)
        )
        self.requests_view.setItemDelegateForColumn(
            RequestsModel.PRIORITY, PriorityDelegate(self.requests_view)
        )
        header = self.requests_view.horizontalHeader()
        for column in (RequestsModel.COMPANY, RequestsModel.TEAM):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(RequestsModel.RELEVANCE, 150)
        for column in (RequestsModel.PRIORITY, RequestsModel.SOURCE, RequestsModel.STATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.from_suggestions_button = QPushButton(tab)
        self.from_suggestions_button.clicked.connect(self.add_requests_from_suggestions)
        self.add_request_button = QPushButton(tab)
        self.add_request_button.clicked.connect(self.add_request_by_hand)
        self.do_not_want_button = QPushButton(tab)
        self.do_not_want_button.clicked.connect(self.mark_do_not_want)
        actions = QHBoxLayout()
        for button in (self.from_suggestions_button, self.add_request_button, self.do_not_want_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addLayout(actions)
        layout.addWidget(self.requests_view, 1)
        return tab

    def _build_schedule_tab(self) -> QWidget:
        tab = QWidget(self)
        self.time_limit_label = QLabel(tab)
        self.time_limit_spin = QSpinBox(tab)
        self.time_limit_spin.setObjectName("timeLimit")
        self.time_limit_spin.setRange(1, 600)
        self.time_limit_spin.setValue(10)
        self.time_limit_label.setBuddy(self.time_limit_spin)
        self.replan_check = QCheckBox(tab)
        self.schedule_button = QPushButton(tab)
        self.schedule_button.clicked.connect(self.schedule)
        self.confirm_button = QPushButton(tab)
        self.confirm_button.clicked.connect(self.confirm_meetings)
        self.cancel_participant_button = QPushButton(tab)
        self.cancel_participant_button.clicked.connect(self.cancel_participant)
        controls = QHBoxLayout()
        for widget in (self.time_limit_label, self.time_limit_spin, self.replan_check):
            controls.addWidget(widget)
        controls.addStretch(1)
        for widget in (self.schedule_button, self.confirm_button, self.cancel_participant_button):
            controls.addWidget(widget)
        self.result_label = QLabel(tab)
        self.result_label.setObjectName("scheduleResult")
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setWordWrap(True)
        self.grid_model = ScheduleGridModel(self)
        self.grid_view = QTableView(tab)
        self.grid_view.setObjectName("scheduleGrid")
        self.grid_view.setModel(self.grid_model)
        self.grid_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid_view.setWordWrap(True)
        self.grid_view.horizontalHeader().setDefaultSectionSize(190)
        self.grid_view.verticalHeader().setDefaultSectionSize(48)
        self.unplaced_label = QLabel(tab)
        self.unplaced_model = UnplacedModel(self)
        self.unplaced_view = _table(tab, "unplacedTable", self.unplaced_model)
        unplaced_header = self.unplaced_view.horizontalHeader()
        unplaced_header.resizeSection(UnplacedModel.COMPANY, 190)
        unplaced_header.resizeSection(UnplacedModel.TEAM, 230)
        unplaced_header.setSectionResizeMode(UnplacedModel.PRIORITY, QHeaderView.ResizeMode.ResizeToContents)
        unplaced = QWidget(tab)
        unplaced_layout = QVBoxLayout(unplaced)
        unplaced_layout.setContentsMargins(0, 0, 0, 0)
        unplaced_layout.addWidget(self.unplaced_label)
        unplaced_layout.addWidget(self.unplaced_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, tab)
        splitter.addWidget(self.grid_view)
        splitter.addWidget(unplaced)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(tab)
        layout.addLayout(controls)
        layout.addWidget(self.result_label)
        layout.addWidget(splitter, 1)
        return tab

    def _build_outputs_tab(self) -> QWidget:
        tab = QWidget(self)
        self.outputs_help = QLabel(tab)
        self.outputs_help.setWordWrap(True)
        self.language_label = QLabel(tab)
        self.language_combo = QComboBox(tab)
        self.language_combo.addItem("Français", "fr")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(current_language()), 0))
        self.language_label.setBuddy(self.language_combo)
        self.write_button = QPushButton(tab)
        self.write_button.clicked.connect(self.write_agendas)
        self.outputs_label = QLabel(tab)
        self.outputs_label.setObjectName("outputsResult")
        self.outputs_label.setTextFormat(Qt.TextFormat.PlainText)
        self.outputs_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.language_label)
        row.addWidget(self.language_combo)
        row.addWidget(self.write_button)
        row.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.outputs_help)
        layout.addLayout(row)
        layout.addWidget(self.outputs_label)
        layout.addStretch(1)
        return tab

    def retranslate_ui(self) -> None:
        self.events_label.setText(self.tr("Events"))
        self.new_button.setText(self.tr("&New…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.delete_button.setText(self.tr("&Delete"))
        for position, title in enumerate(
            (self.tr("&Participants"), self.tr("Re&quests"), self.tr("&Schedule"), self.tr("&Outputs"))
        ):
            self.tabs.setTabText(position, title)
        for position, kind in enumerate(service.PARTICIPANT_KINDS):
            self.kind_combo.setItemText(position, kind_label(kind))
        for label, words in zip(
            self._participant_labels,
            (
                self.tr("Company or team:"),
                self.tr("Attendees:"),
                self.tr("Available:"),
                self.tr("Max. meetings:"),
            ),
            strict=True,
        ):
            label.setText(words)
        self.record_edit.setPlaceholderText(self.tr("Type a name or a reference…"))
        self.attendees_edit.setPlaceholderText(self.tr("Who comes, e.g. R&D director and process engineer"))
        self.availability_edit.setPlaceholderText(self.tr("All day, or e.g. 09:00-12:00, 14:00-16:20"))
        self.participant_max_spin.setSpecialValueText(self.tr("as the event"))
        self.add_participant_button.setText(self.tr("&Add or update"))
        self.remove_participant_button.setText(self.tr("&Remove"))
        self.from_suggestions_button.setText(self.tr("Add from &accepted suggestions"))
        self.add_request_button.setText(self.tr("Add by &hand…"))
        self.do_not_want_button.setText(self.tr("Do &not want"))
        self.do_not_want_button.setToolTip(
            self.tr("The selected pair does not want to meet: never schedule it")
        )
        self.time_limit_label.setText(self.tr("&Time limit:"))
        self.time_limit_spin.setSuffix(self.tr(" s"))
        self.replan_check.setText(self.tr("Re-plan e&verything (confirmed meetings too)"))
        self.confirm_button.setText(self.tr("&Confirm"))
        self.confirm_button.setToolTip(
            self.tr("Confirm the selected meetings (all proposed meetings when none is selected)")
        )
        self.cancel_participant_button.setText(self.tr("Cance&l a participant…"))
        self.unplaced_label.setText(self.tr("Requests not placed"))
        self.outputs_help.setText(
            self.tr(
                "Writes into a folder: a PDF agenda and a calendar file (.ics) per participant, "
                "the table plan per slot (PDF) and the schedule as CSV and XLSX."
            )
        )
        self.language_label.setText(self.tr("&Language:"))
        self.write_button.setText(self.tr("&Write agendas…"))
        for model in (self.participants_model, self.requests_model, self.unplaced_model, self.grid_model):
            model.retranslate()
        self._show_event()
        self._show_result()

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Reload the events (and the selected one); `refresh()` defers it while the page is hidden."""
        self._generation += 1
        generation, db = self._generation, self._context.db
        run_in_background(
            lambda: (service.list_events(db), catalog.list_companies(db), catalog.list_teams(db)),
            lambda result: self._on_events_loaded(generation, *result),
            self._on_work_failed,
        )

    def _on_events_loaded(
        self, generation: int, rows: list[EventRow], companies: list[Any], teams: list[Any]
    ) -> None:
        if generation != self._generation:
            return
        self._records = {
            "company": {f"{row.name} ({row.ref})": row.ref for row in companies if row.ref},
            "team": {f"{row.name} ({row.ref})": row.ref for row in teams if row.ref},
        }
        self._on_kind_combo_changed()
        self.events_model.set_rows(rows)
        self.events_loaded.emit(len(rows))
        wanted = self._current_ref if self._current_ref is not None else (rows[0].ref if rows else None)
        self.select_event(wanted)

    def select_event(self, ref: str | None) -> None:
        """Select an event by reference (None or unknown: the first one) and load its details."""
        position = self.events_model.position_of(ref) if ref is not None else None
        if position is None and self.events_model.rowCount():
            position = 0
        if position is None:
            self._set_current(None)
            return
        selection = self.events_view.selectionModel()
        selection.blockSignals(True)  # loaded once, below
        self.events_view.setCurrentIndex(self.events_model.index(position, 0))
        selection.blockSignals(False)
        self.events_view.viewport().update()
        self._set_current(self.events_model.rows()[position].ref)

    def _on_events_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.data(RowRole)
        if isinstance(row, EventRow) and row.ref != self._current_ref:
            self._set_current(row.ref)

    def _set_current(self, ref: str | None) -> None:
        if ref != self._current_ref:
            self._result = None
            self.unplaced_model.set_rows([])
            self.status_label.clear()
        self._current_ref = ref
        if ref is None:
            self._schedule = None
            self._show_event()
            return
        self.load_event()

    def load_event(self) -> None:
        """Read the selected event's participants, requests and meetings again."""
        ref, db = self._current_ref, self._context.db
        if ref is None:
            return
        generation = self._generation
        run_in_background(
            lambda: (service.read_schedule(db, ref), service.list_requests(db, ref)),
            lambda result: self._on_event_loaded(generation, ref, *result),
            self._on_work_failed,
        )

    def _on_event_loaded(
        self, generation: int, ref: str, schedule: EventSchedule, requests: list[RequestRow]
    ) -> None:
        if generation != self._generation or ref != self._current_ref:
            return
        self._schedule = schedule
        self.participants_model.several_days = schedule.event.first_day != schedule.event.last_day
        self.participants_model.set_rows(schedule.participants)
        self.requests_model.set_rows(requests)
        self.grid_model.set_schedule(schedule.slots, schedule.event.tables, schedule.meetings)
        self._show_event()
        self.event_loaded.emit(ref)

    def _show_event(self) -> None:
        schedule = self._schedule
        has_event = schedule is not None
        for widget in (self.edit_button, self.delete_button, self.tabs):
            widget.setEnabled(has_event)
        if schedule is None:
            self.title_label.setText(self.tr("No event: create one with New…"))
            self.summary_label.clear()
            for model in (self.participants_model, self.requests_model):
                model.set_rows([])
            self.grid_model.set_schedule([], [], [])
            return
        event = schedule.event
        self.title_label.setText(event.name)
        days = display_text(event.first_day)
        if event.last_day != event.first_day:
            days += f" – {display_text(event.last_day)}"
        self.summary_label.setText(
            " · ".join(
                filter(
                    None,
                    (
                        event.venue,
                        days,
                        f"{event.day_start:%H:%M}–{event.day_end:%H:%M}",
                        self.tr("%1 slots of %2 min")
                        .replace("%1", str(event.slot_count))
                        .replace("%2", str(event.slot_minutes)),
                        self.tr("%1 tables").replace("%1", str(len(event.tables))),
                        self.tr("%1 participants").replace("%1", str(event.participant_count)),
                        self.tr("%1 open requests").replace("%1", str(event.request_count)),
                        self.tr("%1 meetings").replace("%1", str(event.meeting_count)),
                    ),
                )
            )
        )
        self.schedule_button.setText(self.tr("Re-sc&hedule") if event.meeting_count else self.tr("Sc&hedule"))

    def _on_work_failed(self, error: BaseException) -> None:
        prompts.show_error(self, self.tr("Events"), _error_words(error))

    # ------------------------------------------------------------------ writing

    def _write(
        self,
        work: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[], None] | None = None,
        cancellable: bool = False,
    ) -> BackgroundTask:
        """Run a write on the database writer; then show its outcome and read the event again.

        With `cancellable`, `work` is called as `work(progress, cancelled)` and the returned task's
        `cancel()` makes `cancelled()` True; a cancelled write is told in the status line, not as an error.
        """

        def done(result: Any) -> None:
            if on_done is not None:
                on_done(result)
            self.data_written.emit()
            self.refresh()

        def failed(error: BaseException) -> None:
            if on_failed is not None:
                on_failed()
            if isinstance(error, service.SolveCancelledError):
                self._tell(self.tr("Scheduling cancelled: nothing was changed."))
            else:
                self._on_work_failed(error)
            self.refresh()

        return run_write_in_background(work, done, failed, with_progress=cancellable)

    def _tell(self, words: str) -> None:
        self.status_label.setText(words)

    # ------------------------------------------------------------------ events

    def selected_event(self) -> EventRow | None:
        return self._schedule.event if self._schedule is not None else None

    def new_event(self) -> None:
        row = EventDialog.ask(self, self._context)
        if row is not None:
            self._current_ref = row.ref
            self.data_written.emit()
            self.refresh()

    def edit_event(self) -> None:
        event = self.selected_event()
        if event is None:
            return
        row = EventDialog.ask(self, self._context, event)
        if row is not None:
            self._current_ref = row.ref
            self.data_written.emit()
            self.refresh()

    def delete_event(self) -> BackgroundTask | None:
        event = self.selected_event()
        if event is None or not prompts.confirm(
            self,
            self.tr("Delete the event"),
            self.tr("Delete %1 with its participants, requests and meetings?").replace("%1", event.name),
        ):
            return None
        db, ref = self._context.db, event.ref
        self._current_ref = None
        return self._write(lambda: service.delete_event(db, ref))

    # ------------------------------------------------------------------ participants

    def _on_kind_combo_changed(self, _index: int = 0) -> None:
        kind = self.kind_combo.currentData()
        self.record_completer.model().setStringList(sorted(self._records.get(kind, {}), key=str.casefold))

    def _on_participants_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.data(RowRole)
        if not isinstance(row, ParticipantRow):
            return
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(row.kind), 0))
        self.record_edit.setText(f"{row.name} ({row.ref})" if row.ref else row.name)
        self.attendees_edit.setText(row.attendees or "")
        self.availability_edit.setText(
            ""
            if row.availability is None
            else ", ".join(dict.fromkeys(f"{begin:%H:%M}-{end:%H:%M}" for begin, end in row.availability))
        )
        self.participant_max_spin.setValue(row.max_meetings or 0)

    def _show_participant_problem(self, words: str) -> None:
        self.participant_error.setText(words)
        self.participant_error.setStyleSheet(f"color: {error_colour(self.participant_error)};")
        self.participant_error.setVisible(bool(words))

    def _chosen_record(self) -> tuple[str, str] | None:
        kind = self.kind_combo.currentData()
        entered = self.record_edit.text().strip()
        known = self._records.get(kind, {})
        ref = known.get(entered) or (entered if entered in known.values() else None)
        return (kind, ref) if ref else None

    def save_participant(self) -> BackgroundTask | None:
        """Add the company or team of the form to the event (or update its attendance)."""
        event = self.selected_event()
        chosen = self._chosen_record()
        if event is None:
            return None
        if chosen is None:
            self._show_participant_problem(self.tr("Choose a company or team from the list."))
            return None
        days = [
            event.first_day + timedelta(days=n) for n in range((event.last_day - event.first_day).days + 1)
        ]
        try:
            windows = parse_windows(self.availability_edit.text(), days)
        except ValueError:
            self._show_participant_problem(self.tr("Write the availability as 09:00-12:00, 14:00-16:20."))
            return None
        self._show_participant_problem("")
        kind, ref = chosen
        db, event_ref = self._context.db, event.ref
        attendees, cap = self.attendees_edit.text(), self.participant_max_spin.value() or None
        return self._write(
            lambda: service.add_participant(
                db, event_ref, kind, ref, attendees=attendees, availability=windows, max_meetings=cap
            ),
            self._on_participant_saved,
        )

    def _on_participant_saved(self, row: ParticipantRow) -> None:
        for edit in (self.record_edit, self.attendees_edit, self.availability_edit):
            edit.clear()
        self.participant_max_spin.setValue(0)
        self._tell(self.tr("%1 takes part.").replace("%1", row.name))

    def selected_participant(self) -> ParticipantRow | None:
        index = self.participants_view.currentIndex()
        row = index.data(RowRole) if index.isValid() else None
        return row if isinstance(row, ParticipantRow) else None

    def remove_participant(self) -> BackgroundTask | None:
        event, participant = self.selected_event(), self.selected_participant()
        if event is None or participant is None or participant.ref is None:
            return None
        if not prompts.confirm(
            self,
            self.tr("Remove a participant"),
            self.tr("Remove %1 from the event, with its requests and meetings?").replace(
                "%1", participant.name
            ),
        ):
            return None
        db, event_ref, kind, ref = self._context.db, event.ref, participant.kind, participant.ref
        return self._write(lambda: service.remove_participant(db, event_ref, kind, ref))

    # ------------------------------------------------------------------ requests

    def add_requests_from_suggestions(self) -> BackgroundTask | None:
        """Ask for a meeting for every accepted match between participants of the event."""
        event = self.selected_event()
        if event is None:
            return None
        context, ref = self._context, event.ref

        def work() -> service.RequestsReport:
            return service.request_meetings_from_matches(
                context.db, ref, service=context.suggestions, viewer=context.viewer
            )

        return self._write(
            work,
            lambda report: self._tell(
                self.tr("%1 requests added, %2 completed, %3 already there.")
                .replace("%1", str(report.created))
                .replace("%2", str(report.updated))
                .replace("%3", str(report.skipped))
            ),
        )

    def add_request_by_hand(self) -> BackgroundTask | None:
        event, schedule = self.selected_event(), self._schedule
        if event is None or schedule is None:
            return None
        chosen = RequestDialog.ask(self, schedule.participants)
        if chosen is None:
            return None
        company, team, priority = chosen
        context, ref = self._context, event.ref
        return self._write(
            lambda: service.add_request(
                context.db,
                ref,
                company,
                team,
                priority=priority,
                service=context.suggestions,
                viewer=context.viewer,
            ),
            lambda row: self._tell(
                self.tr("Meeting requested: %1 ↔ %2.").replace("%1", row.company).replace("%2", row.team)
            ),
        )

    def selected_request(self) -> RequestRow | None:
        index = self.requests_view.currentIndex()
        row = index.data(RowRole) if index.isValid() else None
        return row if isinstance(row, RequestRow) else None

    def mark_do_not_want(self) -> BackgroundTask | None:
        event, request = self.selected_event(), self.selected_request()
        if event is None or request is None or not request.company_ref or not request.team_ref:
            return None
        db, ref, company, team = self._context.db, event.ref, request.company_ref, request.team_ref
        return self._write(lambda: service.set_wish(db, ref, company, team, "not"))

    def _on_requests_model_priority_edited(self, request: RequestRow, priority: str) -> None:
        event = self.selected_event()
        if event is None or not request.company_ref or not request.team_ref:
            return
        db, ref, company, team = self._context.db, event.ref, request.company_ref, request.team_ref
        self._write(lambda: service.add_request(db, ref, company, team, priority=priority))

    # ------------------------------------------------------------------ schedule

    def schedule(self) -> BackgroundTask | None:
        """Run the optimiser (and its greedy baseline) in the background and show the schedule.

        The progress dialog counts the seconds up to the time limit; Cancel stops the optimiser and
        changes nothing.
        """
        event = self.selected_event()
        if event is None:
            return None
        db, ref = self._context.db, event.ref
        limit, keep = self.time_limit_spin.value(), not self.replan_check.isChecked()
        dialog = progress_dialog(self, self.tr("Scheduling %1…").replace("%1", event.name), cancellable=True)
        dialog.setMaximum(limit)
        clock, ticker = QElapsedTimer(), QTimer(dialog)
        ticker.timeout.connect(lambda: dialog.setValue(min(clock.elapsed() // 1000, limit)))
        clock.start()
        ticker.start(250)

        def stop() -> None:
            ticker.stop()
            dialog.close()

        def done(result: ScheduleResult) -> None:
            stop()
            self._result = result
            self.unplaced_model.set_rows(result.unplaced)
            self._show_result()
            self.scheduled.emit(result)

        def work(_progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> ScheduleResult:
            return service.schedule_event(db, ref, float(limit), keep, cancelled)

        task = self._write(work, done, stop, cancellable=True)
        dialog.canceled.connect(task.cancel)
        return task

    def _show_result(self) -> None:
        result = self._result
        if result is None:
            self.result_label.setText(self.tr("Not scheduled in this session yet: press Schedule."))
            return
        placed, requested = len(result.placed), len(result.placed) + len(result.unplaced)
        how = self.tr("optimal") if result.optimal else self.tr("best found")
        lines = [
            self.tr("%1 of %2 requests placed, total relevance %3 (%4, %5 s).")
            .replace("%1", str(placed))
            .replace("%2", str(requested))
            .replace("%3", display_text(result.relevance_total))
            .replace("%4", how)
            .replace("%5", display_text(result.seconds)),
            self.tr("Greedy baseline on the same requests: %1 placed, total relevance %2.")
            .replace("%1", str(result.greedy_placed))
            .replace("%2", display_text(result.greedy_relevance_total)),
        ]
        if result.kept or result.unpinned:
            lines.append(
                self.tr("%1 confirmed meetings kept in place, %2 had to move.")
                .replace("%1", str(result.kept))
                .replace("%2", str(result.unpinned))
            )
        self.result_label.setText("\n".join(lines))

    def _selected_pairs(self) -> list[tuple[str, str]]:
        pairs = []
        for index in self.grid_view.selectionModel().selectedIndexes():
            meeting = self.grid_model.meeting_at(index.row(), index.column())
            if meeting is not None and meeting.company_ref and meeting.team_ref:
                pairs.append((meeting.company_ref, meeting.team_ref))
        return pairs

    def confirm_meetings(self) -> BackgroundTask | None:
        """Confirm the selected meetings of the grid, or every proposed one when none is selected."""
        event = self.selected_event()
        if event is None:
            return None
        pairs = self._selected_pairs()
        if not pairs and not prompts.confirm(
            self,
            self.tr("Confirm meetings"),
            self.tr("No meeting is selected: confirm every proposed meeting?"),
        ):
            return None
        db, ref = self._context.db, event.ref
        return self._write(
            lambda: service.confirm_meetings(db, ref, pairs or None),
            lambda count: self._tell(self.tr("%1 meetings confirmed.").replace("%1", str(count))),
        )

    def cancel_participant(self) -> BackgroundTask | None:
        """A participant withdraws late: its meetings are cancelled; Re-schedule fills the freed slots."""
        schedule = self._schedule
        if schedule is None:
            return None
        items = [
            (f"{row.kind}:{row.ref}", f"{row.name} ({kind_label(row.kind)})")
            for row in schedule.participants
            if row.ref
        ]
        chosen = prompts.ask_choice(
            self, self.tr("Cancel a participant"), self.tr("Who withdraws from the event?"), items
        )
        if chosen is None:
            return None
        kind, _colon, ref = chosen.partition(":")
        db, event_ref = self._context.db, schedule.event.ref
        return self._write(
            lambda: service.cancel_participant(db, event_ref, kind, ref),
            lambda count: self._tell(
                self.tr("%1 meetings cancelled: press Re-schedule to fill the freed slots.").replace(
                    "%1", str(count)
                )
            ),
        )

    # ------------------------------------------------------------------ outputs

    def write_agendas(self) -> BackgroundTask | None:
        """Write every participant's agenda (PDF, .ics), the table plan, CSV and XLSX into a folder."""
        event = self.selected_event()
        if event is None:
            return None
        folder = choose_folder(self, self.tr("Folder for the agendas of %1").replace("%1", event.name))
        if folder is None:
            return None
        db, ref, language = self._context.db, event.ref, self.language_combo.currentData()

        def work() -> Any:
            from enact_match.services.agendas import write_agendas  # loads ReportLab

            return write_agendas(db, ref, folder, language)

        def written(report: Any) -> None:
            self.outputs_label.setText(
                self.tr("%1 files written for %2 participants and %3 meetings in %4.")
                .replace("%1", str(len(report.files)))
                .replace("%2", str(report.participants))
                .replace("%3", str(report.meetings))
                .replace("%4", str(report.folder))
            )
            self.agendas_written.emit(report)
            if prompts.confirm(self, self.tr("Agendas written"), self.tr("Open the folder now?")):
                open_document(report.folder)

        return run_writing(
            self, self.tr("Writing the agendas…"), work, written, self.tr("Cannot write the agendas")
        )
