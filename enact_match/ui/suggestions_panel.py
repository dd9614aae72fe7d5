"""Suggestions of a need (ranked teams) or of a team (needs it could answer), with reasons and actions.

The ranking runs off the GUI thread; the panel shows "Calculating…" meanwhile and keeps the last
results on screen. Acting on a suggestion (shortlist, decline, already partners, introduce) records a
match through the pipeline service: the row leaves the list and `data_written` is emitted (the main
window relays it as `data_changed`; edits elsewhere come back through `refresh()`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from enact_match.services import codes
from enact_match.services.catalog import get_row
from enact_match.services.pipeline import StageChange, record_decision
from enact_match.services.suggestions import SuggestionRow, explanation_as_dict, explanation_summary
from enact_match.services.views import NeedRow, TeamRow
from enact_match.ui import prompts, text
from enact_match.ui.context import AppContext
from enact_match.ui.explanation_view import ExplanationView
from enact_match.ui.i18n import Retranslating
from enact_match.ui.introduce_dialog import IntroduceDialog
from enact_match.ui.score_delegate import (
    AXES_ROLE,
    CROSS_AXIS_ROLE,
    SCORE_ROLE,
    SORT_ROLE,
    AxisChipsDelegate,
    ScoreDelegate,
)
from enact_match.ui.workers import BackgroundTask, run_in_background, run_write_in_background

_Index = QModelIndex | QPersistentModelIndex
# How many suggestions a need or a team shows.
TOP_SUGGESTIONS = 15


@dataclass(frozen=True)
class _Subject:
    """What the panel suggests for: a need (teams are listed) or a team (needs are listed)."""

    kind: str  # "need" or "team"
    record_id: uuid.UUID


class SuggestionsModel(QAbstractTableModel):
    """Ranked suggestions; in need mode a row names a team, in team mode a need."""

    RANK, NAME, DETAIL, SCORE, AXES = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SuggestionRow] = []
        self._lists_teams = True

    def set_rows(self, rows: list[SuggestionRow], lists_teams: bool) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._lists_teams = lists_teams
        self.endResetModel()

    def row_at(self, row: int) -> SuggestionRow:
        return self._rows[row]

    def remove_pair(self, need_id: uuid.UUID, team_id: uuid.UUID) -> None:
        """Take a pair out of the list (it became a match)."""
        for number, item in enumerate(self._rows):
            if item.need_id == need_id and item.team_id == team_id:
                self.beginRemoveRows(QModelIndex(), number, number)
                del self._rows[number]
                self.endRemoveRows()
                return

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = {
            self.RANK: self.tr("#"),
            self.NAME: self.tr("Team") if self._lists_teams else self.tr("Need"),
            self.DETAIL: self.tr("Unit") if self._lists_teams else self.tr("Reference"),
            self.SCORE: self.tr("Score"),
            self.AXES: self.tr("Axes"),
        }
        return names.get(section)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        explanation = item.explanation
        axes = (explanation.team_axes if self._lists_teams else explanation.need_axes) if explanation else ()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            values: dict[int, Any] = {
                self.RANK: item.rank,
                self.NAME: item.team_name if self._lists_teams else item.need_title,
                self.DETAIL: (item.unit_acronym if self._lists_teams else item.need_ref) or "",
                self.SCORE: item.score,
                self.AXES: text.axes_short(tuple(sorted(axes))),
            }
            value = values.get(column)
            if role == Qt.ItemDataRole.DisplayRole and column in (self.RANK, self.SCORE):
                return QLocale().toString(round(value))
            return value
        if role == SCORE_ROLE and column == self.SCORE:
            return item.score
        if role == AXES_ROLE and column == self.AXES:
            return tuple(sorted(axes))
        if role == CROSS_AXIS_ROLE and column == self.AXES:
            return item.cross_axis
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.AXES and item.cross_axis:
                return self.tr("Cross-axis: the need's and the team's axes do not meet.")
            if explanation is not None:
                return explanation_summary(explanation)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.RANK:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class SuggestionsPanel(Retranslating, QWidget):
    """Suggestions for the need (`set_need`) or the team (`set_team`) shown, with their explanation.

    Signals:
        suggestions_shown(int): a ranking arrived and is on screen (its number of rows).
        decision_recorded(str): a suggestion became a match with this status.
        data_written(): the database changed (the main window relays it to the other pages).
    """

    suggestions_shown = Signal(int)
    decision_recorded = Signal(str)
    data_written = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._subject: _Subject | None = None
        self._subject_row: NeedRow | TeamRow | None = None
        self._other_rows: dict[uuid.UUID, NeedRow | TeamRow] = {}
        self._generation = 0
        self._stale = False
        self._task: BackgroundTask | None = None
        self._build_ui()
        self.retranslate_ui()
        self._update_actions()

    # ------------------------------------------------------------------ building

    def _build_ui(self) -> None:
        self.title_label = QLabel(self)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)

        self.busy_label = QLabel(self)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)  # indeterminate: an animated bar while the ranking runs
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setMaximumHeight(12)
        self.busy_bar.setTextVisible(False)
        busy = QHBoxLayout()
        busy.addWidget(self.busy_label)
        busy.addWidget(self.busy_bar)
        busy.addStretch(1)

        self.model = SuggestionsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("suggestionsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(SuggestionsModel.SCORE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(150)  # about five suggestions, even in a crowded page
        self.table.setItemDelegateForColumn(SuggestionsModel.SCORE, ScoreDelegate(self.table))
        self.table.setItemDelegateForColumn(SuggestionsModel.AXES, AxisChipsDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(SuggestionsModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((SuggestionsModel.RANK, 36), (SuggestionsModel.SCORE, 110)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        header.setSectionResizeMode(SuggestionsModel.DETAIL, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SuggestionsModel.AXES, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.doubleClicked.connect(self._on_introduce_clicked)

        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.shortlist_button = QPushButton(self)
        self.shortlist_button.setShortcut(QKeySequence("Ctrl+L"))
        self.shortlist_button.clicked.connect(self._on_shortlist_clicked)
        self.decline_button = QPushButton(self)
        self.decline_button.setShortcut(QKeySequence("Ctrl+D"))
        self.decline_button.clicked.connect(self._on_decline_clicked)
        self.partners_button = QPushButton(self)
        self.partners_button.clicked.connect(self._on_partners_clicked)
        self.introduce_button = QPushButton(self)
        self.introduce_button.setShortcut(QKeySequence("Ctrl+I"))
        self.introduce_button.clicked.connect(self._on_introduce_clicked)
        actions = QHBoxLayout()
        for button in (self.shortlist_button, self.decline_button, self.partners_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.introduce_button)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.title_label)
        top_layout.addLayout(busy)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.empty_label)
        top_layout.addLayout(actions)

        self.explanation_view = ExplanationView(self)
        self.explanation_view.setMinimumHeight(140)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("suggestionsSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.explanation_view)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._set_busy(False)

    def retranslate_ui(self) -> None:
        self.busy_label.setText(self.tr("Calculating…"))
        self.shortlist_button.setText(self.tr("&Shortlist"))
        self.shortlist_button.setToolTip(self.tr("Keep this suggestion in the pipeline (Ctrl+L)"))
        self.decline_button.setText(self.tr("&Decline…"))
        self.decline_button.setToolTip(self.tr("Decline this suggestion, with a reason (Ctrl+D)"))
        self.partners_button.setText(self.tr("Already &partners"))
        self.partners_button.setToolTip(
            self.tr("The company and the team already work together: never suggest them again")
        )
        self.introduce_button.setText(self.tr("&Introduce…"))
        self.introduce_button.setToolTip(self.tr("Write the introduction e-mail (Ctrl+I)"))
        self._update_title()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # ------------------------------------------------------------------ subject

    def set_need(self, need_id: uuid.UUID | None) -> None:
        """Show the teams suggested for this need (None clears the panel)."""
        self._set_subject(_Subject("need", need_id) if need_id else None)

    def set_team(self, team_id: uuid.UUID | None) -> None:
        """Show the needs this team could answer (None clears the panel)."""
        self._set_subject(_Subject("team", team_id) if team_id else None)

    def _set_subject(self, subject: _Subject | None) -> None:
        if subject == self._subject:
            return
        self._subject = subject
        self._subject_row = None
        self._other_rows.clear()
        self.model.set_rows([], lists_teams=subject is None or subject.kind == "need")
        self.explanation_view.clear()
        self.refresh()

    def refresh(self) -> None:
        """Recompute the suggestions (after edits: the service picks up changed records)."""
        self._generation += 1
        if self._subject is None:
            self._set_busy(False)
            self._update_title()
            self._update_actions()
            return
        if not self.isVisible() and self._subject_row is not None:
            self._stale = True  # recomputed when shown again
            return
        self._stale = False
        self._other_rows.clear()
        subject, generation = self._subject, self._generation
        context = self._context
        viewer = context.viewer

        def compute() -> tuple[NeedRow | TeamRow, list[SuggestionRow]]:
            if subject.kind == "need":
                row = get_row(context.db, "needs", subject.record_id)
                return row, context.suggestions.teams_for_need(subject.record_id, TOP_SUGGESTIONS)
            row = get_row(context.db, "teams", subject.record_id)
            return row, context.suggestions.needs_for_team(subject.record_id, TOP_SUGGESTIONS, viewer=viewer)

        self._set_busy(True)
        self._task = run_in_background(
            compute,
            lambda result: self._on_suggestions_computed(generation, result),
            lambda error: self._on_suggestions_failed(generation, error),
        )

    def _on_suggestions_computed(
        self, generation: int, result: tuple[NeedRow | TeamRow, list[SuggestionRow]]
    ) -> None:
        if generation != self._generation:
            return  # the subject changed or a newer ranking was asked for meanwhile
        self._set_busy(False)
        subject_row, rows = result
        selected = self._selected()
        self._subject_row = subject_row
        self.model.set_rows(rows, lists_teams=self._lists_teams())
        self._update_title()
        self._reselect(selected)
        self._update_actions()
        self.suggestions_shown.emit(len(rows))

    def _on_suggestions_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        message = self.tr("The suggestions could not be calculated: %1").replace("%1", str(error))
        self.empty_label.setText(message)
        self.empty_label.setVisible(True)

    # ------------------------------------------------------------------ display

    def _lists_teams(self) -> bool:
        return self._subject is None or self._subject.kind == "need"

    def _set_busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)

    def _update_title(self) -> None:
        row = self._subject_row
        if self._subject is None:
            self.title_label.setText(self.tr("Select a need or a team to see suggestions."))
        elif isinstance(row, NeedRow):
            self.title_label.setText(self.tr("Teams for the need: %1").replace("%1", row.title))
        elif isinstance(row, TeamRow):
            self.title_label.setText(self.tr("Needs the team %1 could answer").replace("%1", row.name))
        else:
            self.title_label.setText("")
        empty = self._subject is not None and row is not None and self.model.rowCount() == 0
        self.empty_label.setVisible(empty)
        if empty:
            self.empty_label.setText(
                self.tr("No suggestion left: every close match is already in the pipeline or excluded.")
            )

    def _selected(self) -> SuggestionRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row())

    def _reselect(self, previous: SuggestionRow | None) -> None:
        if self.model.rowCount() == 0:
            self.explanation_view.clear()
            return
        target = 0
        if previous is not None:
            for number in range(self.model.rowCount()):
                item = self.model.row_at(number)
                if (item.need_id, item.team_id) == (previous.need_id, previous.team_id):
                    target = number
                    break
        proxy_index = self.proxy.mapFromSource(self.model.index(target, 0))
        self.table.selectRow(proxy_index.row())

    def _update_actions(self) -> None:
        enabled = self._selected() is not None
        for button in self._action_buttons():
            button.setEnabled(enabled)

    def _action_buttons(self) -> tuple[QPushButton, ...]:
        return (self.shortlist_button, self.decline_button, self.partners_button, self.introduce_button)

    def _on_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_actions()
        item = self._selected()
        if item is None:
            self.explanation_view.clear()
            return
        other_id = item.team_id if self._lists_teams() else item.need_id
        other = self._other_rows.get(other_id)
        self._show_explanation(item, other)
        if other is None:
            kind = "teams" if self._lists_teams() else "needs"
            db, generation = self._context.db, self._generation
            run_in_background(
                lambda: get_row(db, kind, other_id),
                lambda row: self._on_other_row_loaded(generation, other_id, row),
            )

    def _on_other_row_loaded(self, generation: int, record_id: uuid.UUID, row: NeedRow | TeamRow) -> None:
        if generation != self._generation:
            return
        self._other_rows[record_id] = row
        item = self._selected()
        if item is not None and record_id in (item.need_id, item.team_id):
            self._show_explanation(item, row)

    def _show_explanation(self, item: SuggestionRow, other: NeedRow | TeamRow | None) -> None:
        rows = (self._subject_row, other)
        need = next((row for row in rows if isinstance(row, NeedRow)), None)
        team = next((row for row in rows if isinstance(row, TeamRow)), None)
        self.explanation_view.set_explanation(item.explanation, need, team, item.score)

    # ------------------------------------------------------------------ actions

    def _on_shortlist_clicked(self) -> None:
        self._decide(StageChange("shortlisted"))

    def _on_decline_clicked(self) -> None:
        items = [(code, text.decline_reason_label(code)) for code in codes.DECLINE_REASONS]
        reason = prompts.ask_choice(
            self, self.tr("Decline the suggestion"), self.tr("Why is it declined?"), items
        )
        if reason is not None:
            self._decide(StageChange("declined", decline_reason=reason))

    def _on_partners_clicked(self) -> None:
        self._decide(StageChange("declined", decline_reason="already_partners"))

    def _on_introduce_clicked(self) -> None:
        item = self._selected()
        if item is None:
            return
        explanation = explanation_as_dict(item.explanation) if item.explanation else None
        if IntroduceDialog.ask(
            self, self._context, item.need_id, item.team_id, score=item.score, explanation=explanation
        ):
            self._after_decision(item, "introduced")

    def _decide(self, change: StageChange) -> None:
        item = self._selected()
        if item is None:
            return
        db = self._context.db
        author = self._context.settings.user_name or None
        explanation = explanation_as_dict(item.explanation) if item.explanation else None
        for button in self._action_buttons():
            button.setEnabled(False)
        run_write_in_background(
            lambda: record_decision(
                db, item.need_id, item.team_id, change, author, score=item.score, explanation=explanation
            ),
            lambda _row: self._after_decision(item, change.status),
            self._on_decision_failed,
        )

    def _after_decision(self, item: SuggestionRow, status: str) -> None:
        self.model.remove_pair(item.need_id, item.team_id)
        self._update_title()
        self._update_actions()
        self.decision_recorded.emit(status)
        self.data_written.emit()

    def _on_decision_failed(self, error: BaseException) -> None:
        self._update_actions()
        prompts.show_error(self, self.tr("Decision not recorded"), str(error))
