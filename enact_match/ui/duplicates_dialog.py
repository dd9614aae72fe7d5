"""The duplicates review screen: groups of records that look like the same thing, compared side by side.

The officer picks the record to keep and, field by field, the value to keep, then merges: every
other record of the group is merged into the kept one by `services.dedup.merge_records` (one
transaction per merged record; needs, contacts, matches and their history move to the kept record).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from enact_match.services import catalog
from enact_match.services.dedup import (
    DEDUP_KINDS,
    DuplicateGroup,
    DuplicateMember,
    find_duplicates,
    merge_records,
)
from enact_match.services.records import KINDS, FieldSpec
from enact_match.ui import prompts, text
from enact_match.ui.context import AppContext
from enact_match.ui.i18n import Retranslating
from enact_match.ui.table_models import ItemListModel, display_text, plain_tooltip
from enact_match.ui.workers import run_in_background, run_write_in_background

Index = QModelIndex | QPersistentModelIndex
# Translucent, so that it reads on light and dark palettes alike.
KEPT_VALUE_COLOUR = QColor(40, 160, 70, 55)
# Reference fields shown through the view row's attribute naming their target; the others (a
# contact's company or team) are not compared and stay the kept record's (filled when it has none).
_REFERENCE_ATTRIBUTES = {"unit": "unit_name", "structure": "structure_code"}
# Read-only facts that help choose the record to keep, and the listings that count them.
_FACTS = {"companies": ("need_count",), "units": ("team_count",)}
_LISTINGS: dict[str, Callable[[Any], list[Any]]] = {
    "companies": catalog.list_companies,
    "units": catalog.list_units,
}


@dataclass(frozen=True)
class _FieldLine:
    name: str
    words: tuple[str, ...]  # one per member
    choosable: bool


def _words(spec: FieldSpec | None, name: str, value: Any) -> str:
    if spec is not None and spec.kind == "axes":
        return text.axes_short(tuple(value or ()))
    if spec is not None and spec.kind == "choice":
        return text.choice_label(name, value)
    if name == "institutions":
        return ", ".join(text.institution_label(code) for code in value or ())
    return display_text(value)


def field_lines(kind: str, rows: list[Any]) -> list[_FieldLine]:
    """The fields of `kind` as they read on each record (view rows), in the order of the form."""
    lines = []
    for spec in KINDS[kind].fields:
        if spec.name == "ref":
            continue
        attribute = _REFERENCE_ATTRIBUTES.get(spec.name, spec.name) if spec.kind == "ref" else spec.name
        if spec.kind == "ref" and spec.name not in _REFERENCE_ATTRIBUTES:
            continue
        words = tuple(_words(spec, spec.name, getattr(row, attribute, None)) for row in rows)
        lines.append(_FieldLine(spec.name, words, True))
    for name in _FACTS.get(kind, ()):
        lines.append(_FieldLine(name, tuple(display_text(getattr(row, name)) for row in rows), False))
    return lines


class MergeFieldsModel(QAbstractTableModel):
    """A group's records side by side (one column each, one row per field); the checked cell of a
    row is the value kept. Choosing another record to keep takes its values, or the first filled one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._members: list[DuplicateMember] = []
        self._lines: list[_FieldLine] = []
        self._chosen: list[int] = []
        self._keep = 0

    def set_group(self, members: list[DuplicateMember], lines: list[_FieldLine]) -> None:
        self.beginResetModel()
        self._members, self._lines = list(members), list(lines)
        self._keep = 0
        self._chosen = [self._default_choice(line) for line in self._lines]
        self.endResetModel()

    def clear(self) -> None:
        self.set_group([], [])

    def members(self) -> list[DuplicateMember]:
        return list(self._members)

    def keep(self) -> int:
        return self._keep

    def set_keep(self, position: int) -> None:
        """Keep this record; every field takes its value (or, when it has none, the first filled one)."""
        self._keep = position
        self._chosen = [self._default_choice(line) for line in self._lines]
        if self._members:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._members) - 1)
        if self._lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._lines) - 1, len(self._members) - 1))

    def choose(self, row: int, column: int) -> bool:
        """Keep the value of record `column` for field `row` (an empty value is never chosen: a merge
        fills the kept record's empty fields, it does not empty them)."""
        if not self._checkable(row, column):
            return False
        self._chosen[row] = column
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._members) - 1))
        return True

    def fields_taken_from(self, column: int) -> list[str]:
        """The fields whose kept value comes from record `column`."""
        return [
            line.name
            for line, chosen in zip(self._lines, self._chosen, strict=True)
            if line.choosable and chosen == column
        ]

    def _checkable(self, row: int, column: int) -> bool:
        line = self._lines[row]
        return line.choosable and bool(line.words[column])

    def _default_choice(self, line: _FieldLine) -> int:
        if line.words[self._keep] or not line.choosable:
            return self._keep
        return next((position for position, words in enumerate(line.words) if words), self._keep)

    def retranslate(self) -> None:
        if self._lines:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._lines) - 1)
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._lines) - 1, len(self._members) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._members)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._lines) or index.column() >= len(self._members):
            return None
        line = self._lines[index.row()]
        words = line.words[index.column()]
        chosen = self._chosen[index.row()] == index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return words.replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(words)
        checkable = self._checkable(index.row(), index.column())
        if role == Qt.ItemDataRole.CheckStateRole and checkable:
            return Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and chosen and checkable:
            return KEPT_VALUE_COLOUR
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if Qt.CheckState(value) != Qt.CheckState.Checked:
            return False  # a value is unchecked by checking another one
        return self.choose(index.row(), index.column())

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        checkable = self._checkable(index.row(), index.column())
        return flags | Qt.ItemFlag.ItemIsUserCheckable if checkable else flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._lines):
            if role == Qt.ItemDataRole.DisplayRole:
                return text.field_label(self._lines[section].name)
            return None
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._members):
            return None
        member = self._members[section]
        if role == Qt.ItemDataRole.DisplayRole:
            name = f"{member.ref} · {member.label}" if member.ref else member.label
            return self.tr("%1 (kept)").replace("%1", name) if section == self._keep else name
        if role == Qt.ItemDataRole.FontRole and section == self._keep:
            font = QFont()
            font.setBold(True)
            return font
        return None


def _member_words(member: DuplicateMember) -> str:
    name = f"{member.label} ({member.ref})" if member.ref else member.label
    return f"{name} · {member.detail}" if member.detail else name


class DuplicatesDialog(Retranslating, QDialog):
    """Find duplicate companies, units, teams or contacts, compare them and merge them.

    Signals:
        groups_found(): the groups of the chosen kind were (re)read.
        group_shown(): the records of the selected group are compared side by side.
        merged(): a group was merged (data_written is emitted too).
    """

    groups_found = Signal()
    group_shown = Signal()
    merged = Signal()
    data_written = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._groups: list[DuplicateGroup] = []
        self._generation = 0
        self._build_ui()
        self.retranslate_ui()
        self.find_groups()

    def _build_ui(self) -> None:
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("duplicates_kind")
        for kind in DEDUP_KINDS:
            self.kind_combo.addItem("", kind)
        self.kind_combo.currentIndexChanged.connect(lambda _position: self.find_groups())
        self._kind_label = QLabel()
        self._kind_label.setBuddy(self.kind_combo)
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

        self.groups_model = ItemListModel(self)
        self.groups_view = QListView()
        self.groups_view.setObjectName("duplicate_groups")
        self.groups_view.setModel(self.groups_model)
        self.groups_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.groups_view.setWordWrap(True)
        self.groups_view.setSpacing(4)
        self.groups_view.setAlternatingRowColors(True)
        self.groups_view.selectionModel().currentChanged.connect(self._on_groups_view_current_changed)

        self.keep_combo = QComboBox()
        self.keep_combo.setObjectName("keep_record")
        self.keep_combo.currentIndexChanged.connect(self._on_keep_combo_changed)
        self._keep_label = QLabel()
        self._keep_label.setBuddy(self.keep_combo)
        self.fields_model = MergeFieldsModel(self)
        self.fields_view = QTableView()
        self.fields_view.setObjectName("merge_fields")
        self.fields_view.setModel(self.fields_model)
        self.fields_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.fields_view.setWordWrap(False)
        self.fields_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.fields_view.clicked.connect(lambda index: self.fields_model.choose(index.row(), index.column()))
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.merge_button = QPushButton()
        self.merge_button.setObjectName("merge_button")
        self.merge_button.clicked.connect(self.merge_selected)
        self.merge_button.setEnabled(False)

        keep_row = QHBoxLayout()
        keep_row.addWidget(self._keep_label)
        keep_row.addWidget(self.keep_combo, 1)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addLayout(keep_row)
        detail_layout.addWidget(self.fields_view, 1)
        merge_row = QHBoxLayout()
        merge_row.addWidget(self.hint_label, 1)
        merge_row.addWidget(self.merge_button)
        detail_layout.addLayout(merge_row)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.groups_view)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([300, 800])

        top = QHBoxLayout()
        top.addWidget(self._kind_label)
        top.addWidget(self.kind_combo)
        top.addSpacing(12)
        top.addWidget(self.status_label, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(1100, 640)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Duplicates"))
        self._kind_label.setText(self.tr("&Look among:"))
        for position, kind in enumerate(DEDUP_KINDS):
            self.kind_combo.setItemText(position, text.kind_label(kind))
        self._keep_label.setText(self.tr("Record to &keep:"))
        self.hint_label.setText(
            self.tr(
                "Tick the value to keep in each row. The other records are then deleted: their needs, "
                "contacts, matches and history move to the kept record."
            )
        )
        self.merge_button.setText(self.tr("&Merge…"))
        self.fields_model.retranslate()
        self._show_groups()

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(DEDUP_KINDS.index(kind))

    def groups(self) -> list[DuplicateGroup]:
        return list(self._groups)

    # ----------------------------------------------------------------- finding

    def find_groups(self) -> None:
        """Look for the duplicates of the chosen kind again (in the background)."""
        self._generation += 1
        generation, db, kind = self._generation, self._context.db, self.kind()
        self.status_label.setText(self.tr("Looking for duplicates…"))

        def on_done(groups: list[DuplicateGroup]) -> None:
            if generation == self._generation:
                self._groups = groups
                self._show_groups()
                self.groups_found.emit()

        def on_error(error: BaseException) -> None:
            if generation == self._generation:
                self._groups = []
                self._show_groups()
                self.status_label.setText(str(error).splitlines()[0] if str(error) else type(error).__name__)
                self.groups_found.emit()

        run_in_background(lambda: find_duplicates(db, kind), on_done, on_error)

    def _show_groups(self) -> None:
        self.groups_model.set_items(
            [
                (
                    position,
                    "\n".join(
                        [
                            *(member.label for member in group.members),
                            f"({text.duplicate_rule_label(group.rule)})",
                        ]
                    ),
                    "\n".join(_member_words(member) for member in group.members),
                )
                for position, group in enumerate(self._groups)
            ]
        )
        count = len(self._groups)
        self.status_label.setText(
            self.tr("No duplicates found.")
            if not count
            else (
                self.tr("1 group of duplicates") if count == 1 else self.tr("%1 groups of duplicates")
            ).replace("%1", str(count))
        )
        self._show_group(None)
        if self._groups:
            self.groups_view.setCurrentIndex(self.groups_model.index(0, 0))

    def select_group(self, position: int) -> None:
        self.groups_view.setCurrentIndex(self.groups_model.index(position, 0))

    def _on_groups_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_group(self._groups[current.row()] if current.isValid() else None)

    def _show_group(self, group: DuplicateGroup | None) -> None:
        self.fields_model.clear()
        self.keep_combo.blockSignals(True)
        self.keep_combo.clear()
        self.keep_combo.blockSignals(False)
        self.merge_button.setEnabled(False)
        if group is None:
            return
        db, kind, members = self._context.db, group.kind, list(group.members)
        generation = self._generation

        def read() -> list[Any]:
            listing = _LISTINGS.get(kind)
            if listing is None:
                return [catalog.get_row(db, kind, member.id) for member in members]
            # Read from the list, the only place that counts the needs or teams of each record.
            by_id = {row.id: row for row in listing(db)}
            return [by_id[member.id] for member in members]

        def on_done(rows: list[Any]) -> None:
            if generation != self._generation or self.groups_view.currentIndex().row() < 0:
                return
            self.fields_model.set_group(members, field_lines(kind, rows))
            self.keep_combo.blockSignals(True)
            for member in members:
                self.keep_combo.addItem(_member_words(member), member.id)
            self.keep_combo.blockSignals(False)
            self.fields_view.resizeRowsToContents()
            self.merge_button.setEnabled(True)
            self.group_shown.emit()

        run_in_background(read, on_done, self._on_failed(self.tr("Cannot read the records")))

    def _on_keep_combo_changed(self, position: int) -> None:
        if position >= 0:
            self.fields_model.set_keep(position)

    def set_keep(self, position: int) -> None:
        self.keep_combo.setCurrentIndex(position)

    def _on_failed(self, title: str) -> Callable[[BaseException], None]:
        def show(error: BaseException) -> None:
            code = getattr(error, "code", None)
            words = text.problem_label(code) if isinstance(code, str) else str(error).splitlines()[0]
            prompts.show_error(self, title, words)

        return show

    # ----------------------------------------------------------------- merging

    def merge_selected(self) -> None:
        """Merge the shown group into the record to keep, after a confirmation."""
        members = self.fields_model.members()
        if len(members) < 2:
            return
        keep = self.fields_model.keep()
        kept = members[keep]
        others = [(position, member) for position, member in enumerate(members) if position != keep]
        if len(others) == 1:
            question = self.tr(
                "Merge “%1” into “%2”? “%1” is deleted; its needs, contacts, matches and history "
                "move to “%2”."
            ).replace("%1", others[0][1].label)
        else:
            question = self.tr(
                "Merge %1 records into “%2”? They are deleted; their needs, contacts, matches and history "
                "move to “%2”."
            ).replace("%1", str(len(others)))
        if not prompts.confirm(self, self.tr("Merge duplicates"), question.replace("%2", kept.label)):
            return
        db, kind = self._context.db, self.kind()
        plan = [(member.id, self.fields_model.fields_taken_from(position)) for position, member in others]

        def work() -> None:
            for other_id, chosen in plan:
                merge_records(db, kind, kept.id, other_id, chosen)

        def on_done(_result: None) -> None:
            self.data_written.emit()
            self.merged.emit()
            self.find_groups()

        def on_error(error: BaseException) -> None:
            self._on_failed(self.tr("Cannot merge"))(error)
            self.data_written.emit()  # a group of three may be half merged: show what is stored
            self.find_groups()

        self.merge_button.setEnabled(False)
        run_write_in_background(work, on_done, on_error)
