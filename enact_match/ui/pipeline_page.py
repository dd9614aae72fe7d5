"""The pipeline: matches on a board, one column per stage, with stage changes, dated notes and history.

A match moves by drag and drop between columns, by its context menu or by the "Move to" button;
only the transitions of `codes.MATCH_TRANSITIONS` are offered. Starting a collaboration asks for its
type, declining for the reason, and introducing opens the introduction e-mail.
"""

from __future__ import annotations

import uuid
from functools import partial

from PySide6.QtCore import QItemSelection, QLocale, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from enact_match.services import codes
from enact_match.services.catalog import StaleRecordError, list_matches, list_structures
from enact_match.services.pipeline import StageChange, add_note, change_stage, match_history
from enact_match.services.views import MatchEventRow, MatchRow
from enact_match.ui import prompts, text
from enact_match.ui.context import AppContext
from enact_match.ui.forms import refill_filter_combo
from enact_match.ui.i18n import Retranslating
from enact_match.ui.introduce_dialog import IntroduceDialog
from enact_match.ui.pages import RefreshedWhenShown
from enact_match.ui.pipeline_models import HistoryModel, MatchesModel, StageProxyModel
from enact_match.ui.score_delegate import MATCH_ROLE, MatchCardDelegate
from enact_match.ui.workers import run_in_background, run_write_in_background

_ALL = "__all__"


class StageColumn(QFrame):
    """One column of the board: the stage's name and count over a list of match cards."""

    def __init__(self, stage: str, source: MatchesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.header = QLabel(self)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.proxy = StageProxyModel(stage, self)
        self.proxy.setSourceModel(source)
        self.view = QListView(self)
        self.view.setObjectName(f"stage_{stage}")
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(MatchCardDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setMinimumWidth(128)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)

    def update_header(self) -> None:
        self.header.setText(f"{text.match_status_label(self.stage)} ({self.proxy.rowCount()})")


class PipelinePage(Retranslating, RefreshedWhenShown, QWidget):
    """Matches by stage with filters by structure and owner, and the selected match's notes and history.

    Signals:
        matches_loaded(int): the board was (re)loaded with this many matches.
        stage_changed(object, str): a match (id) moved to a stage.
        history_loaded(object): the selected match's (id) history is on screen.
        note_added(object): a note was added to a match (id).
        data_written(): the database changed (the main window relays it to the other pages).
    """

    matches_loaded = Signal(int)
    stage_changed = Signal(object, str)
    history_loaded = Signal(object)
    note_added = Signal(object)
    data_written = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._selected_id: uuid.UUID | None = None
        self._generation = 0
        self._build_ui()
        self.retranslate_ui()
        self._show_selected()

    # ------------------------------------------------------------------ building

    def _build_ui(self) -> None:
        self.structure_label = QLabel(self)
        self.structure_combo = QComboBox(self)
        self.structure_combo.setObjectName("structureFilter")
        self.structure_label.setBuddy(self.structure_combo)
        self.owner_label = QLabel(self)
        self.owner_combo = QComboBox(self)
        self.owner_combo.setObjectName("ownerFilter")
        self.owner_label.setBuddy(self.owner_combo)
        self.total_label = QLabel(self)
        self.busy_label = QLabel(self)
        self.busy_label.setVisible(False)
        for combo in (self.structure_combo, self.owner_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._on_filter_combo_changed)
        filters = QHBoxLayout()
        for widget in (self.structure_label, self.structure_combo, self.owner_label, self.owner_combo):
            filters.addWidget(widget)
        filters.addSpacing(12)
        filters.addWidget(self.total_label)
        filters.addStretch(1)
        filters.addWidget(self.busy_label)

        self.model = MatchesModel(self)
        self.columns: dict[str, StageColumn] = {}
        board = QWidget(self)
        board_layout = QHBoxLayout(board)
        board_layout.setContentsMargins(0, 0, 0, 0)
        board_layout.setSpacing(6)
        for stage in codes.MATCH_STATUSES:
            column = StageColumn(stage, self.model, board)
            column.proxy.match_dropped.connect(self._on_stage_proxy_match_dropped)
            column.view.selectionModel().selectionChanged.connect(
                partial(self._on_stage_view_selection_changed, column)
            )
            column.view.customContextMenuRequested.connect(partial(self._on_stage_view_context_menu, column))
            self.columns[stage] = column
            board_layout.addWidget(column)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(board)

        side = QWidget(self)
        side.setMinimumWidth(260)
        self.details_label = QLabel(side)
        self.details_label.setTextFormat(Qt.TextFormat.PlainText)
        self.details_label.setWordWrap(True)
        self.details_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.move_button = QPushButton(side)
        self.move_menu = QMenu(self.move_button)
        self.move_button.setMenu(self.move_menu)
        self.notes_label = QLabel(side)
        self.note_edit = QPlainTextEdit(side)
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setMaximumHeight(80)
        self.add_note_button = QPushButton(side)
        self.add_note_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.add_note_button.clicked.connect(self._on_add_note_clicked)
        self.history_label = QLabel(side)
        self.history_model = HistoryModel(self)
        self.history_view = QTableView(side)
        self.history_view.setObjectName("historyTable")
        self.history_view.setModel(self.history_model)
        self.history_view.verticalHeader().setVisible(False)
        self.history_view.setWordWrap(True)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        history_header = self.history_view.horizontalHeader()
        history_header.setSectionResizeMode(HistoryModel.WHEN, QHeaderView.ResizeMode.ResizeToContents)
        history_header.setSectionResizeMode(HistoryModel.WHAT, QHeaderView.ResizeMode.Stretch)
        self.history_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        side_layout.addWidget(self.details_label)
        side_layout.addWidget(self.move_button)
        side_layout.addWidget(self.notes_label)
        side_layout.addWidget(self.note_edit)
        side_layout.addWidget(self.add_note_button, 0, Qt.AlignmentFlag.AlignRight)
        side_layout.addWidget(self.history_label)
        side_layout.addWidget(self.history_view, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("pipelineSplitter")
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([1000, 280])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

    def retranslate_ui(self) -> None:
        self.structure_label.setText(self.tr("&Structure:"))
        self.owner_label.setText(self.tr("&Owner:"))
        self.busy_label.setText(self.tr("Loading…"))
        self.move_button.setText(self.tr("&Move to"))
        self.move_button.setToolTip(self.tr("Move the match to another stage"))
        self.notes_label.setText(self.tr("New note:"))
        self.note_edit.setPlaceholderText(self.tr("Call with the company, next step…"))
        self.add_note_button.setText(self.tr("&Add note"))
        self.add_note_button.setToolTip(self.tr("Add a dated note to the history (Ctrl+Enter)"))
        self.history_label.setText(self.tr("History"))
        for combo, everything in (
            (self.structure_combo, self.tr("All structures")),
            (self.owner_combo, self.tr("All owners")),
        ):
            if combo.count():
                combo.setItemText(0, everything)
        self._update_counts()
        self._show_selected()
        self.history_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Reload the matches (after edits here or elsewhere); `refresh()` waits while the page is hidden."""
        self._generation += 1
        generation = self._generation
        db, viewer = self._context.db, self._context.viewer
        self.busy_label.setVisible(True)
        run_in_background(
            lambda: (list_matches(db, viewer), list_structures(db)),
            lambda result: self._on_matches_loaded(generation, *result),
            self._on_work_failed,
        )

    def _on_matches_loaded(
        self, generation: int, matches: list[MatchRow], structures: list[tuple[str, str]]
    ) -> None:
        if generation != self._generation:
            return
        self.busy_label.setVisible(False)
        self.model.set_rows(matches)
        owners = sorted({match.owner for match in matches if match.owner}, key=str.casefold)
        refill_filter_combo(self.structure_combo, self.tr("All structures"), structures, _ALL)
        owner_items = [(owner, owner) for owner in owners]
        refill_filter_combo(self.owner_combo, self.tr("All owners"), owner_items, _ALL)
        self._apply_filters()
        if self._selected_id is not None and self.model.row_of(self._selected_id) is None:
            self._selected_id = None
        self.select_match(self._selected_id)
        self.matches_loaded.emit(len(matches))

    def _on_filter_combo_changed(self, _index: int) -> None:
        self._apply_filters()

    def set_filters(self, structure: str | None, owner: str | None) -> None:
        """Show only the matches of needs of this structure code and followed by this owner."""
        for combo, value in ((self.structure_combo, structure), (self.owner_combo, owner)):
            combo.setCurrentIndex(max(combo.findData(value if value is not None else _ALL), 0))
        self._apply_filters()

    def _apply_filters(self) -> None:
        structure = self.structure_combo.currentData()
        owner = self.owner_combo.currentData()
        for column in self.columns.values():
            column.proxy.set_filters(
                None if structure in (None, _ALL) else structure, None if owner in (None, _ALL) else owner
            )
        self._update_counts()

    def _update_counts(self) -> None:
        for column in self.columns.values():
            column.update_header()
        shown = sum(column.proxy.rowCount() for column in self.columns.values())
        number = QLocale().toString(shown)
        self.total_label.setText(
            (self.tr("%1 match") if shown == 1 else self.tr("%1 matches")).replace("%1", number)
        )

    def count(self, stage: str) -> int:
        """How many matches the stage's column shows."""
        return self.columns[stage].proxy.rowCount()

    # ------------------------------------------------------------------ selection

    def selected_match(self) -> MatchRow | None:
        return self.model.row_of(self._selected_id) if self._selected_id else None

    def select_match(self, match_id: uuid.UUID | None) -> None:
        """Select a match's card (None clears the selection) and show its notes and history."""
        self._selected_id = match_id
        for column in self.columns.values():
            view = column.view
            view.selectionModel().blockSignals(True)
            view.clearSelection()
            if match_id is not None:
                for row in range(column.proxy.rowCount()):
                    index = column.proxy.index(row, 0)
                    if index.data(MATCH_ROLE).id == match_id:
                        view.setCurrentIndex(index)
                        view.scrollTo(index)
            view.selectionModel().blockSignals(False)
        self._show_selected()
        self._load_history()

    def _on_stage_view_selection_changed(
        self, column: StageColumn, selected: QItemSelection, _deselected: QItemSelection
    ) -> None:
        indexes = selected.indexes()
        if indexes:
            self.select_match(indexes[0].data(MATCH_ROLE).id)

    def _show_selected(self) -> None:
        match = self.selected_match()
        has_match = match is not None
        for widget in (self.move_button, self.note_edit, self.add_note_button, self.history_view):
            widget.setEnabled(has_match)
        if match is None:
            self.details_label.setText(self.tr("Select a match to see its notes and history."))
            self.move_menu.clear()
            self.history_model.set_events([])
            return
        lines = [
            match.need_title,
            self.tr("Team: %1").replace(
                "%1", match.team_name + (f" ({match.unit_acronym})" if match.unit_acronym else "")
            ),
            self.tr("Company: %1").replace("%1", match.company_name or "—"),
            self.tr("Stage: %1").replace("%1", text.match_status_label(match.status)),
        ]
        if match.collaboration_type:
            lines.append(
                self.tr("Collaboration: %1").replace(
                    "%1", text.collaboration_type_label(match.collaboration_type)
                )
            )
        if match.decline_reason:
            lines.append(self.tr("Reason: %1").replace("%1", text.decline_reason_label(match.decline_reason)))
        if match.owner:
            lines.append(self.tr("Followed by %1").replace("%1", match.owner))
        self.details_label.setText("\n".join(lines))
        self._fill_move_menu(self.move_menu, match)

    def _fill_move_menu(self, menu: QMenu, match: MatchRow) -> None:
        menu.clear()
        for stage in codes.MATCH_TRANSITIONS[match.status]:
            action = QAction(self._stage_action_text(stage), menu)
            action.triggered.connect(partial(self.move_match, match.id, stage))
            menu.addAction(action)

    def _stage_action_text(self, stage: str) -> str:
        label = text.match_status_label(stage)
        return label + "…" if stage in ("introduced", "collaboration_started", "declined") else label

    def _on_stage_view_context_menu(self, column: StageColumn, position: QPoint) -> None:
        index: QModelIndex = column.view.indexAt(position)
        if not index.isValid():
            return
        match = index.data(MATCH_ROLE)
        self.select_match(match.id)
        menu = QMenu(self)
        self._fill_move_menu(menu, match)
        menu.exec(column.view.viewport().mapToGlobal(position))

    def _load_history(self) -> None:
        match_id = self._selected_id
        if match_id is None:
            return
        db = self._context.db
        run_in_background(
            lambda: match_history(db, match_id),
            lambda events: self._on_history_loaded(match_id, events),
            self._on_work_failed,
        )

    def _on_history_loaded(self, match_id: uuid.UUID, events: tuple[MatchEventRow, ...]) -> None:
        if match_id != self._selected_id:
            return
        self.history_model.set_events(events)
        self.history_loaded.emit(match_id)

    # ------------------------------------------------------------------ changes

    def _on_stage_proxy_match_dropped(self, match_id: uuid.UUID, stage: str) -> None:
        self.move_match(match_id, stage)

    def move_match(self, match_id: uuid.UUID, stage: str) -> None:
        """Move a match to a stage, asking for what the stage requires (type, reason, e-mail)."""
        match = self.model.row_of(match_id)
        if match is None or stage not in codes.MATCH_TRANSITIONS[match.status]:
            return
        if stage == "introduced":
            if IntroduceDialog.ask(self, self._context, match.need_id, match.team_id):
                self._after_change(match_id, stage)
            return
        change = self._ask_change(stage)
        if change is None:
            return
        db, author, version = self._context.db, self._context.settings.user_name or None, match.version
        run_write_in_background(
            lambda: change_stage(db, match_id, change, author, version),
            lambda _row: self._after_change(match_id, stage),
            self._on_work_failed,
        )

    def _ask_change(self, stage: str) -> StageChange | None:
        if stage == "collaboration_started":
            items = [(code, text.collaboration_type_label(code)) for code in codes.COLLABORATION_TYPES]
            kind = prompts.ask_choice(
                self, self.tr("Collaboration started"), self.tr("Kind of collaboration:"), items
            )
            return None if kind is None else StageChange(stage, collaboration_type=kind)
        if stage == "declined":
            items = [(code, text.decline_reason_label(code)) for code in codes.DECLINE_REASONS]
            reason = prompts.ask_choice(
                self, self.tr("Decline the match"), self.tr("Why is it declined?"), items
            )
            return None if reason is None else StageChange(stage, decline_reason=reason)
        return StageChange(stage)

    def _after_change(self, match_id: uuid.UUID, stage: str) -> None:
        self._selected_id = match_id
        self.stage_changed.emit(match_id, stage)
        self.data_written.emit()
        self.refresh()

    def _on_add_note_clicked(self) -> None:
        match_id = self._selected_id
        note = self.note_edit.toPlainText().strip()
        if match_id is None or not note:
            return
        db, author = self._context.db, self._context.settings.user_name or None
        self.add_note_button.setEnabled(False)
        run_write_in_background(
            lambda: add_note(db, match_id, note, author),
            lambda _row: self._on_note_added(match_id),
            self._on_work_failed,
        )

    def _on_note_added(self, match_id: uuid.UUID) -> None:
        self.note_edit.clear()
        self.add_note_button.setEnabled(True)
        self.note_added.emit(match_id)
        if match_id == self._selected_id:
            self._load_history()
        self.data_written.emit()

    def _on_work_failed(self, error: BaseException) -> None:
        self.busy_label.setVisible(False)
        self._show_selected()
        if isinstance(error, StaleRecordError) and error.current is not None:
            message = self.tr(
                "Someone else moved this match after you opened the pipeline: it is now at “%1”. "
                "Nothing was changed; the pipeline has been read again."
            ).replace("%1", text.match_status_label(error.current.status))
            prompts.show_error(self, self.tr("Pipeline"), message)
            self.refresh()
            return
        prompts.show_error(self, self.tr("Pipeline"), str(error))
