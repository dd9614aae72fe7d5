"""The import wizard: choose a file and a kind, check the mapping and the first rows, then import.

The pages follow `services.importing`: `preview` reads the file (encoding, delimiter, header row),
suggests a field for each column (or proposes the mapping remembered for this header) and checks the
first rows as the import would; `import_file` then runs on the database-writer thread behind a
progress dialog with Cancel (cancelling rolls the single transaction back). Previews also run on the
writer thread: a preview is an import rolled back at the end, so it takes the write lock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from enact_match.services.importing import (
    ColumnGuess,
    ImportFileError,
    ImportPreview,
    ImportRejectedError,
    ImportReport,
    RowProblem,
    import_file,
    preview,
    write_rejected,
)
from enact_match.services.records import KINDS
from enact_match.ui import text
from enact_match.ui.context import AppContext
from enact_match.ui.forms import error_colour
from enact_match.ui.i18n import Retranslating
from enact_match.ui.long_operations import OperationCancelledError, cancellable, progress_dialog, progress_to
from enact_match.ui.table_models import ItemListModel, plain_tooltip
from enact_match.ui.workers import BackgroundTask, ProgressCallback, run_write_in_background

translate = QCoreApplication.translate

IMPORT_KINDS = ("needs", "companies", "units", "teams", "contacts")
# Translucent, so that it reads on light and dark palettes alike.
INVALID_CELL_COLOUR = QColor(230, 30, 30, 70)
Index = QModelIndex | QPersistentModelIndex
PREVIEW_COLUMN_MAX_WIDTH = 260  # pixels; the full text of a longer cell is in its tooltip


def choose_import_file(parent: QWidget | None) -> Path | None:
    """Ask for a CSV, XLSX or ODS file to import (tests replace this function)."""
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        translate("ImportWizard", "Import a file"),
        str(Path.home()),
        translate("ImportWizard", "Tables (*.csv *.xlsx *.ods);;All files (*)"),
    )
    return Path(name) if name else None


def choose_rejected_file(parent: QWidget | None, suggested: Path) -> Path | None:
    """Ask where to write the rejected rows (tests replace this function)."""
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        translate("ImportWizard", "Save the rejected rows"),
        str(suggested),
        translate("ImportWizard", "CSV files (*.csv)"),
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".csv" else path.with_name(path.name + ".csv")


def problem_text(problem: RowProblem) -> str:
    """One problem of a cell in words: "SIREN: The SIREN checksum is wrong…"."""
    return f"{problem.column}: {text.problem_label(problem.code)}"


def import_problem_text(error: BaseException) -> str:
    """One translated line per problem of a refused import ("Row 3, column “SIREN”: ...")."""
    if isinstance(error, ImportRejectedError):
        lines = [
            translate("ImportWizard", "Row %1, column “%2”: %3")
            .replace("%1", str(problem.row))
            .replace("%2", problem.column)
            .replace("%3", text.problem_label(problem.code))
            for problem in error.problems[:8]
        ]
        if len(error.problems) > 8:
            lines.append(
                translate("ImportWizard", "…and %1 more problems.").replace(
                    "%1", str(len(error.problems) - 8)
                )
            )
        return translate("ImportWizard", "Nothing was imported:") + "\n" + "\n".join(lines)
    if isinstance(error, ImportFileError):
        return text.problem_label(error.code)
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _delimiter_words(delimiter: str | None) -> str:
    names = {
        ";": translate("ImportWizard", "semicolon"),
        ",": translate("ImportWizard", "comma"),
        "\t": translate("ImportWizard", "tab"),
    }
    return names.get(delimiter or "", delimiter or "")


# --------------------------------------------------------------------------- models


class ColumnMappingModel(QAbstractTableModel):
    """The file's columns and the field each one fills (editable), with how sure the suggestion is."""

    field_chosen = Signal()  # the user picked another field for a column

    HEADER, FIELD, CONFIDENCE = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._guesses: list[ColumnGuess] = []

    def set_guesses(self, guesses: Sequence[ColumnGuess]) -> None:
        self.beginResetModel()
        self._guesses = list(guesses)
        self.endResetModel()

    def fields(self) -> list[str | None]:
        """The field of each column, None for an ignored column."""
        return [guess.field for guess in self._guesses]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        if self._guesses:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._guesses) - 1, 2))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._guesses)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._guesses):
            return None
        guess = self._guesses[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.EditRole and column == self.FIELD:
            return guess.field or ""
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == self.HEADER:
            words = guess.header
        elif column == self.FIELD:
            words = text.field_label(guess.field) if guess.field else self.tr("(ignored)")
        elif guess.field is None:
            words = ""
        else:
            percent = QLocale().toString(round(guess.confidence * 100))
            words = (
                self.tr("%1 % · %2")
                .replace("%1", percent)
                .replace("%2", text.mapping_source_label(guess.source))
            )
        return plain_tooltip(words) if role == Qt.ItemDataRole.ToolTipRole else words

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.FIELD or role != Qt.ItemDataRole.EditRole:
            return False
        chosen = str(value) if value else None
        position = index.row()
        if self._guesses[position].field == chosen:
            return True
        for other, guess in enumerate(self._guesses):
            if chosen is not None and other != position and guess.field == chosen:
                # A field fills one column: the column that had it is ignored from now on.
                self._set(other, None)
        self._set(position, chosen)
        self.field_chosen.emit()
        return True

    def _set(self, position: int, field_name: str | None) -> None:
        guess = self._guesses[position]
        source, confidence = ("chosen", 1.0) if field_name else ("none", 0.0)
        self._guesses[position] = ColumnGuess(guess.index, guess.header, field_name, confidence, source)
        for column in (self.FIELD, self.CONFIDENCE):
            changed = self.index(position, column)
            self.dataChanged.emit(changed, changed)  # one cell at a time: the view updates its editor

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == self.FIELD else flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            self.HEADER: self.tr("Column of the file"),
            self.FIELD: self.tr("Field"),
            self.CONFIDENCE: self.tr("Confidence"),
        }
        return titles.get(section)


class FieldChoiceDelegate(QStyledItemDelegate):
    """A combo box of the fields of the kind being imported, plus "ignore"; a choice applies at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = "needs"

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, _index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem(translate("ImportWizard", "(ignore this column)"), "")
        for spec in KINDS[self.kind].fields:
            label = text.field_label(spec.name)
            if spec.required:
                label = translate("ImportWizard", "%1 (required)").replace("%1", label)
            combo.addItem(label, spec.name)
        combo.currentIndexChanged.connect(lambda _position: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.blockSignals(True)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole) or ""), 0))
        editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


@dataclass(frozen=True)
class _CheckedRow:
    line: int
    cells: tuple[str, ...]
    problems: dict[int, list[RowProblem]]  # by column position (0: the line, for problems of no column)
    link_words: str


class PreviewRowsModel(QAbstractTableModel):
    """The first rows of the file, cell by cell; invalid cells are tinted and say why in their tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._header: tuple[str, ...] = ()
        self._rows: list[_CheckedRow] = []

    def set_preview(self, checked: ImportPreview | None) -> None:
        self.beginResetModel()
        self._header = checked.header if checked is not None else ()
        self._rows = [] if checked is None else [_checked_row(checked, row) for row in checked.rows]
        self.endResetModel()

    def invalid_cells(self) -> list[tuple[int, int]]:
        """(row, column) of every tinted cell."""
        return [(position, column) for position, row in enumerate(self._rows) for column in row.problems]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._header)))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._header) + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        cell = (
            str(row.line) if column == 0 else (row.cells[column - 1] if column - 1 < len(row.cells) else "")
        )
        problems = row.problems.get(column, [])
        if role == Qt.ItemDataRole.DisplayRole:
            return cell
        if role == Qt.ItemDataRole.BackgroundRole and problems:
            return INVALID_CELL_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [problem_text(problem) for problem in problems]
            if column == 0 and row.link_words:
                lines.append(row.link_words)
            return plain_tooltip("\n".join(lines) if lines else cell)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return self.tr("Line")
        return self._header[section - 1] if 0 < section <= len(self._header) else None


def link_words(row: int, ref: str | None, rule: str) -> str:
    """ "Line 4 updates COMP-0003 (same SIREN)"."""
    return (
        translate("ImportWizard", "Line %1 updates %2 (%3)")
        .replace("%1", str(row))
        .replace("%2", ref or "")
        .replace("%3", text.duplicate_rule_label(rule))
    )


def _checked_row(checked: ImportPreview, row: Any) -> _CheckedRow:
    columns = {guess.field: guess.index + 1 for guess in checked.columns if guess.field}
    problems: dict[int, list[RowProblem]] = {}
    for problem in row.problems:
        problems.setdefault(columns.get(problem.field, 0), []).append(problem)
    words = link_words(row.row, row.link.ref, row.link.rule) if row.link is not None else ""
    return _CheckedRow(row.row, row.cells, problems, words)


# --------------------------------------------------------------------------- pages


def _plain_label(word_wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(word_wrap)
    return label


class FilePage(QWizardPage):
    """The file to import and what it contains."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("import_path")
        self.path_edit.textChanged.connect(self.completeChanged)
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("import_kind")
        for kind in IMPORT_KINDS:
            self.kind_combo.addItem("", kind)
        self._path_label = QLabel()
        self._kind_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        form = QFormLayout(self)
        form.addRow(self._path_label, row)
        form.addRow(self._kind_label, self.kind_combo)

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("File to import"))
        self.setSubTitle(
            self.tr("A CSV file (any usual encoding and delimiter), an Excel XLSX or an ODS file.")
        )
        self._path_label.setText(self.tr("&File:"))
        self._path_label.setBuddy(self.path_edit)
        self._kind_label.setText(self.tr("It &contains:"))
        self._kind_label.setBuddy(self.kind_combo)
        self.browse_button.setText(self.tr("&Browse…"))
        for position, kind in enumerate(IMPORT_KINDS):
            self.kind_combo.setItemText(position, text.kind_label(kind))

    def path(self) -> Path:
        return Path(self.path_edit.text().strip())

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(IMPORT_KINDS.index(kind))

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip()) and self.path().is_file()

    def _on_browse_button_clicked(self) -> None:
        chosen = choose_import_file(self)
        if chosen is not None:
            self.path_edit.setText(str(chosen))


class PreviewPage(QWizardPage):
    """How the file was read, the column mapping, the first rows checked, and the records it would update."""

    header_line_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview: ImportPreview | None = None
        self.busy = False
        self.reading_label = _plain_label()
        self.reading_label.setObjectName("reading_label")
        self.header_spin = QSpinBox()
        self.header_spin.setObjectName("header_line")
        self.header_spin.setRange(1, 100)
        self.header_spin.valueChanged.connect(self.header_line_changed)
        self._header_label = QLabel()
        self._header_label.setBuddy(self.header_spin)
        self.remembered_label = _plain_label()
        self.problem_label = _plain_label()
        self.problem_label.setObjectName("preview_problem")

        self.mapping_model = ColumnMappingModel(self)
        self.field_delegate = FieldChoiceDelegate(self)
        self.mapping_view = QTableView()
        self.mapping_view.setObjectName("mapping_table")
        self.mapping_view.setModel(self.mapping_model)
        self.mapping_view.setItemDelegateForColumn(ColumnMappingModel.FIELD, self.field_delegate)
        self.mapping_view.verticalHeader().hide()
        self.mapping_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.mapping_view.horizontalHeader()
        header.setSectionResizeMode(ColumnMappingModel.HEADER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ColumnMappingModel.FIELD, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ColumnMappingModel.CONFIDENCE, QHeaderView.ResizeMode.ResizeToContents)
        self.mapping_model.modelReset.connect(self._open_field_editors)

        self.rows_model = PreviewRowsModel(self)
        self.rows_view = QTableView()
        self.rows_view.setObjectName("preview_rows")
        self.rows_view.setModel(self.rows_model)
        self.rows_view.verticalHeader().hide()
        self.rows_view.setWordWrap(False)
        self.rows_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_view.horizontalHeader().setStretchLastSection(True)
        self.rows_model.modelReset.connect(self._fit_row_columns)

        self.links_model = ItemListModel(self)
        self.links_view = QListView()
        self.links_view.setObjectName("duplicate_links")
        self.links_view.setModel(self.links_model)
        self.links_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.link_check = QCheckBox()
        self.link_check.setObjectName("link_duplicates")
        self.link_check.setChecked(True)
        self._links_box = QGroupBox()
        links_layout = QVBoxLayout(self._links_box)
        links_layout.addWidget(self.links_view)
        links_layout.addWidget(self.link_check)

        self._mapping_box = QGroupBox()
        mapping_layout = QVBoxLayout(self._mapping_box)
        mapping_layout.addWidget(self.remembered_label)
        mapping_layout.addWidget(self.mapping_view)
        self._rows_box = QGroupBox()
        rows_layout = QVBoxLayout(self._rows_box)
        rows_layout.addWidget(self.rows_view)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self._mapping_box)
        top.addWidget(self._links_box)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self._rows_box)
        splitter.setChildrenCollapsible(False)

        reading = QHBoxLayout()
        reading.addWidget(self.reading_label, 1)
        reading.addWidget(self._header_label)
        reading.addWidget(self.header_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(reading)
        layout.addWidget(self.problem_label)
        layout.addWidget(splitter, 1)

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Columns and first rows"))
        self.setSubTitle(
            self.tr("Check the field each column fills. Cells that would be refused are tinted: hover them.")
        )
        self._header_label.setText(self.tr("&Header row:"))
        self.header_spin.setToolTip(self.tr("The line holding the column names"))
        self._mapping_box.setTitle(self.tr("Columns"))
        self._rows_box.setTitle(self.tr("First rows"))
        self._links_box.setTitle(self.tr("Existing records these rows match"))
        self.link_check.setText(self.tr("&Update the existing records instead of creating twins"))
        self.link_check.setToolTip(self.tr("Off: every row without a known reference creates a new record"))
        self.mapping_model.retranslate()
        self.rows_model.retranslate()
        self.show_preview(self.preview)

    def _fit_row_columns(self) -> None:
        self.rows_view.resizeColumnsToContents()
        header = self.rows_view.horizontalHeader()
        for column in range(1, self.rows_model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), PREVIEW_COLUMN_MAX_WIDTH))

    def _open_field_editors(self) -> None:
        for row in range(self.mapping_model.rowCount()):
            self.mapping_view.openPersistentEditor(self.mapping_model.index(row, ColumnMappingModel.FIELD))

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        if busy:
            self.problem_label.setText(self.tr("Reading the file…"))
            self.problem_label.setStyleSheet("")
        self.completeChanged.emit()

    def show_mapping(self, checked: ImportPreview) -> None:
        self.field_delegate.kind = checked.kind
        self.mapping_model.set_guesses(checked.columns)
        self.header_spin.blockSignals(True)
        self.header_spin.setValue(checked.header_line)
        self.header_spin.blockSignals(False)

    def show_preview(self, checked: ImportPreview | None) -> None:
        """Show a preview (None: the file could not be read; the error is shown by `show_error`)."""
        self.preview = checked
        self.rows_model.set_preview(checked)
        links = [] if checked is None else [row.link for row in checked.rows if row.link is not None]
        self.links_model.set_items(
            [(link.row, link_words(link.row, link.ref, link.rule), link.ref or "") for link in links]
        )
        if checked is None:
            self.reading_label.clear()
            self.remembered_label.clear()
            return
        if checked.encoding is None:
            reading = self.tr("Read as a spreadsheet · %1 rows")
        else:
            reading = (
                self.tr("Encoding: %2 · delimiter: %3 · %1 rows")
                .replace("%2", checked.encoding)
                .replace("%3", _delimiter_words(checked.delimiter))
            )
        self.reading_label.setText(reading.replace("%1", QLocale().toString(checked.total_rows)))
        self.remembered_label.setText(
            self.tr("The mapping you confirmed last time for these columns is proposed.")
            if checked.remembered
            else ""
        )
        self.remembered_label.setVisible(checked.remembered)
        if checked.missing_fields:
            missing = ", ".join(text.field_label(name) for name in checked.missing_fields)
            self.show_error(self.tr("Choose a column for: %1").replace("%1", missing))
        else:
            invalid = sum(1 for row in checked.rows if row.problems)
            self.problem_label.setStyleSheet("")
            self.problem_label.setText(
                self.tr("%1 of the first %2 rows would be refused.")
                .replace("%1", str(invalid))
                .replace("%2", str(len(checked.rows)))
                if invalid
                else self.tr("The first rows are valid.")
            )

    def show_error(self, words: str) -> None:
        self.problem_label.setStyleSheet(f"color: {error_colour(self.problem_label)};")
        self.problem_label.setText(words)

    def isComplete(self) -> bool:
        return not self.busy and self.preview is not None and not self.preview.missing_fields


class OptionsPage(QWizardPage):
    """Dry run, all-or-nothing or valid rows only (with the rejected rows written to a file)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dry_run_check = QCheckBox()
        self.dry_run_check.setObjectName("dry_run")
        self.all_or_nothing_radio = QRadioButton()
        self.all_or_nothing_radio.setChecked(True)
        self.valid_rows_radio = QRadioButton()
        self.valid_rows_radio.setObjectName("valid_rows")
        self.rejected_edit = QLineEdit()
        self.rejected_edit.setObjectName("rejected_path")
        self.rejected_browse = QPushButton()
        self.rejected_browse.clicked.connect(self._on_rejected_browse_clicked)
        self.message_label = _plain_label()
        self.message_label.setObjectName("import_message")
        self._rejected_label = QLabel()
        self._rejected_label.setBuddy(self.rejected_edit)
        self._mode_box = QGroupBox()
        rejected_row = QHBoxLayout()
        rejected_row.setContentsMargins(24, 0, 0, 0)
        rejected_row.addWidget(self._rejected_label)
        rejected_row.addWidget(self.rejected_edit, 1)
        rejected_row.addWidget(self.rejected_browse)
        mode_layout = QVBoxLayout(self._mode_box)
        mode_layout.addWidget(self.all_or_nothing_radio)
        mode_layout.addWidget(self.valid_rows_radio)
        mode_layout.addLayout(rejected_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self._mode_box)
        layout.addWidget(self.dry_run_check)
        layout.addSpacing(12)
        layout.addWidget(self.message_label)
        layout.addStretch(1)
        self.valid_rows_radio.toggled.connect(self._on_mode_toggled)
        self.rejected_edit.textChanged.connect(self.completeChanged)
        self.dry_run_check.toggled.connect(self._on_dry_run_toggled)
        self._on_mode_toggled(False)
        self.setCommitPage(True)

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Options"))
        self.setSubTitle(self.tr("The import is one transaction: nothing is ever half-imported."))
        self._mode_box.setTitle(self.tr("When some rows are invalid"))
        self.all_or_nothing_radio.setText(self.tr("Import &nothing and tell me why (all or nothing)"))
        self.valid_rows_radio.setText(
            self.tr("Import the &valid rows and give me the rejected ones as a file, with the reasons")
        )
        self._rejected_label.setText(self.tr("&Rejected rows:"))
        self.rejected_browse.setText(self.tr("Choose…"))
        self.dry_run_check.setText(self.tr("&Dry run: check everything, write nothing"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Try"))

    def mode(self) -> str:
        return "valid-rows" if self.valid_rows_radio.isChecked() else "all-or-nothing"

    def rejected_path(self) -> Path | None:
        words = self.rejected_edit.text().strip()
        return Path(words) if words and self.mode() == "valid-rows" else None

    def isComplete(self) -> bool:
        return self.mode() == "all-or-nothing" or self.rejected_path() is not None

    def _on_mode_toggled(self, valid_rows: bool) -> None:
        for widget in (self._rejected_label, self.rejected_edit, self.rejected_browse):
            widget.setEnabled(valid_rows)
        self.completeChanged.emit()

    def _on_dry_run_toggled(self, dry_run: bool) -> None:
        # A real import cannot be taken back from the result page; a dry run can be followed by one.
        self.setCommitPage(not dry_run)

    def _on_rejected_browse_clicked(self) -> None:
        wizard = self.wizard()
        source = wizard.file_page.path() if isinstance(wizard, ImportWizard) else Path.home() / "import.csv"
        chosen = choose_rejected_file(self, source.with_name(f"{source.stem}-rejected.csv"))
        if chosen is not None:
            self.rejected_edit.setText(str(chosen))


class ResultPage(QWizardPage):
    """What the import did: created, updated, linked and rejected rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary_label = _plain_label()
        self.summary_label.setObjectName("import_summary")
        font = QFont(self.summary_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.summary_label.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addStretch(1)
        self.report: ImportReport | None = None
        self.rejected_path: Path | None = None

    def retranslate_ui(self) -> None:
        self.show_report(self.report, self.rejected_path)

    def show_report(self, report: ImportReport | None, rejected_path: Path | None) -> None:
        self.report, self.rejected_path = report, rejected_path
        if report is None:
            return
        self.setTitle(
            self.tr("Dry run finished: nothing was written") if report.dry_run else self.tr("Import finished")
        )
        self.setSubTitle(text.count_label(report.kind, report.rows))
        lines = [
            self.tr("Created: %1").replace("%1", QLocale().toString(report.created)),
            self.tr("Updated: %1").replace("%1", QLocale().toString(report.updated)),
            self.tr("Of which matched to existing records (duplicates): %1").replace(
                "%1", QLocale().toString(len(report.links))
            ),
            self.tr("Rejected: %1").replace("%1", QLocale().toString(len(report.rejected))),
        ]
        if report.rejected and rejected_path is not None:
            lines.append(
                self.tr("The rejected rows and the reasons are in %1").replace("%1", str(rejected_path))
            )
        if report.ignored_columns:
            lines.append(self.tr("Ignored columns: %1").replace("%1", ", ".join(report.ignored_columns)))
        if report.dry_run:
            lines.append(self.tr("Go back to import for real."))
        self.summary_label.setText("\n".join(lines))

    def cleanupPage(self) -> None:
        # Back from the result of a dry run: the options page may run the import again.
        wizard = self.wizard()
        if isinstance(wizard, ImportWizard):
            wizard.forget_report()


# --------------------------------------------------------------------------- the wizard


class ImportWizard(Retranslating, QWizard):
    """Import a CSV, XLSX or ODS file through four pages: file, columns and rows, options, result.

    Signals:
        preview_shown(): a preview was shown (or its error), after a page change or an edit.
        import_finished(): the import (or dry run) ended, whether it succeeded, failed or was cancelled.
    """

    preview_shown = Signal()
    import_finished = Signal()

    FILE, PREVIEW, OPTIONS, RESULT = range(4)

    def __init__(self, context: AppContext, path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._generation = 0
        self._task: BackgroundTask | None = None
        self._header_line: int | None = None
        self.progress: QProgressDialog | None = None
        self.report: ImportReport | None = None
        self._build_ui()
        self.retranslate_ui()
        if path is not None:
            self.file_page.path_edit.setText(str(path))

    @classmethod
    def ask(
        cls, parent: QWidget | None, context: AppContext, path: Path | None = None
    ) -> ImportReport | None:
        """Run the wizard; the report of what was imported (or tried), None when nothing was."""
        wizard = cls(context, path, parent)
        wizard.exec()
        return wizard.report

    def _build_ui(self) -> None:
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.file_page = FilePage()
        self.preview_page = PreviewPage()
        self.options_page = OptionsPage()
        self.result_page = ResultPage()
        for number, page in enumerate(
            (self.file_page, self.preview_page, self.options_page, self.result_page)
        ):
            self.setPage(number, page)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(250)
        self._preview_timer.timeout.connect(lambda: self.refresh_preview(keep_mapping=True))
        self.preview_page.mapping_model.field_chosen.connect(self._preview_timer.start)
        self.preview_page.header_line_changed.connect(self._on_preview_page_header_line_changed)
        self.resize(1000, 720)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Import a file"))
        for page in (self.file_page, self.preview_page, self.options_page, self.result_page):
            page.retranslate_ui()

    # ----------------------------------------------------------------- preview

    def initializePage(self, page_id: int) -> None:
        super().initializePage(page_id)
        if page_id == self.PREVIEW:
            # Forward from the file page (a new file or kind): read the file and propose its mapping.
            self._header_line = None
            self.preview_page.preview = None
            self.refresh_preview(keep_mapping=False)

    def _on_preview_page_header_line_changed(self, line: int) -> None:
        self._header_line = line
        self.refresh_preview(keep_mapping=False)

    def refresh_preview(self, keep_mapping: bool) -> BackgroundTask:
        """Read the file and check its first rows with the current choices (in the background).

        `keep_mapping`: the user edited the mapping, which is tried as it stands; otherwise the
        remembered or suggested mapping for the (new) header is shown.
        """
        self._generation += 1
        generation = self._generation
        db, path, kind = self._context.db, self.file_page.path(), self.file_page.kind()
        header_line = self._header_line
        columns = self.preview_page.mapping_model.fields() if keep_mapping else None
        self.preview_page.set_busy(True)

        def work() -> ImportPreview:
            return preview(db, path, kind, header_line=header_line, columns=columns)

        def on_done(checked: ImportPreview) -> None:
            if generation != self._generation:
                return  # a later request supersedes this one
            if not keep_mapping:
                self.preview_page.show_mapping(checked)
            self.preview_page.show_preview(checked)
            self.preview_page.set_busy(False)
            self.preview_shown.emit()

        def on_error(error: BaseException) -> None:
            if generation != self._generation:
                return
            self.preview_page.show_preview(None)
            if not keep_mapping:
                self.preview_page.mapping_model.set_guesses([])
            self.preview_page.show_error(import_problem_text(error))
            self.preview_page.set_busy(False)
            self.preview_shown.emit()

        return run_write_in_background(work, on_done, on_error)

    # ----------------------------------------------------------------- import

    def validateCurrentPage(self) -> bool:
        if self.currentId() != self.OPTIONS:
            return super().validateCurrentPage()
        if self.report is not None:
            return True
        if self._task is None:
            self.start_import()
        return False  # the wizard moves on when the import has finished

    def start_import(self) -> BackgroundTask:
        """Import with the current choices on the writer thread, behind a progress dialog with Cancel."""
        db, path, kind = self._context.db, self.file_page.path(), self.file_page.kind()
        options = self.options_page
        dry_run, mode, rejected_path = (
            options.dry_run_check.isChecked(),
            options.mode(),
            options.rejected_path(),
        )
        columns = self.preview_page.mapping_model.fields()
        header_line = self.preview_page.preview.header_line if self.preview_page.preview else None
        link = self.preview_page.link_check.isChecked()
        options.message_label.clear()
        label = (self.tr("Checking %1…") if dry_run else self.tr("Importing %1…")).replace("%1", path.name)
        self.progress = progress_dialog(self, label, cancellable=True)

        def work(progress: ProgressCallback, cancelled: Callable[[], bool]) -> ImportReport:
            report = import_file(
                db,
                kind,
                path,
                dry_run=dry_run,
                progress=cancellable(progress, cancelled),
                mode=mode,
                columns=columns,
                header_line=header_line,
                link_duplicates=link,
            )
            if report.rejected and rejected_path is not None:
                write_rejected(rejected_path, report.header, report.rejected, problem_text)
            return report

        def on_done(report: ImportReport) -> None:
            self._end_import()
            self.report = report
            self.result_page.show_report(report, rejected_path)
            self.next()
            self.import_finished.emit()

        def on_error(error: BaseException) -> None:
            self._end_import()
            if isinstance(error, OperationCancelledError):
                words = self.tr("The import was cancelled; nothing was changed.")
            else:
                words = import_problem_text(error)
            options.message_label.setStyleSheet(f"color: {error_colour(options.message_label)};")
            options.message_label.setText(words)
            self.import_finished.emit()

        self._task = run_write_in_background(
            work, on_done, on_error, progress_to(self.progress), with_progress=True
        )
        self.progress.canceled.connect(self._task.cancel)
        return self._task

    def _end_import(self) -> None:
        self._task = None
        if self.progress is not None:
            self.progress.close()

    def forget_report(self) -> None:
        """Back from a dry run's result: the next press of Import runs again."""
        self.report = None

    def reject(self) -> None:
        if self._task is not None:
            self._task.cancel()  # closes once the transaction has rolled back
            return
        super().reject()
