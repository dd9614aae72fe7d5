"""Record forms built from the field specs of `services.records.KINDS`, with inline validation.

One form class serves every kind: each field's editor is chosen by its spec's kind (text, list,
axes, int, choice, reference...), and every value is checked as it is typed with `records.coerce`,
the same check an import or a save applies, so the message next to the field says what a save
would refuse.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from enact_match.services import codes
from enact_match.services.records import KINDS, FieldError, FieldSpec, coerce
from enact_match.ui import text
from enact_match.ui.i18n import Retranslating

# A reference choice: (reference_key of the record's id or code, text the service resolves, words shown).
Reference = tuple[Any, str, str]


def reference_key(value: Any) -> Any:
    """The key a reference choice is stored under (ids as text: combo boxes compare text reliably)."""
    return str(value) if isinstance(value, uuid.UUID) else value


# Fields whose row attribute holding the current target differs from the field name.
_REFERENCE_ATTRIBUTES = {
    "company": "company_id",
    "unit": "unit_id",
    "team": "team_id",
    "structure": "structure_code",
}
# What a save needs to find the target again when re-saving a row (undo): names the service resolves.
_REFERENCE_NAMES = {
    "company": ("company_name",),
    "unit": ("unit_acronym", "unit_name"),
    "structure": ("structure_code",),
}
_CHECK_CODES: dict[str, tuple[Any, ...]] = {"axes": codes.AXES, "institutions": codes.INSTITUTIONS}


def _date_text(value: date) -> str:
    # A format records.coerce reads back: day first in French, ISO elsewhere.
    if QLocale().language() == QLocale.Language.French:
        return value.strftime("%d/%m/%Y")
    return value.isoformat()


def values_from_row(kind: str, row: Any) -> dict[str, Any]:
    """Raw values that re-create or restore `row` through catalog.save_record (used by undo)."""
    values: dict[str, Any] = {}
    for spec in KINDS[kind].fields:
        if spec.kind == "ref":
            names = _REFERENCE_NAMES.get(spec.name, ())
            values[spec.name] = next((getattr(row, n) for n in names if getattr(row, n, None)), None)
            continue
        value = getattr(row, spec.name, None)
        values[spec.name] = list(value) if isinstance(value, tuple) else value
    if kind == "teams":
        values["publications"] = [
            {
                "title": item.title,
                "abstract": item.abstract,
                "year": item.year,
                "venue": item.venue,
                "doi": item.doi,
                "hal_id": item.hal_id,
            }
            for item in row.publications
        ]
    return values


def error_colour(widget: QWidget) -> str:
    """A red readable on the widget's palette (dark or light)."""
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return "#ff8a80" if dark else "#b00020"


class _FieldEditor:
    """One field of a form: its editor, its error label, and the conversion of its value."""

    def __init__(self, spec: FieldSpec, widget: QWidget, on_change: Any) -> None:
        self.spec = spec
        self.widget = widget
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()
        self.error.setObjectName(f"error_{spec.name}")
        self._on_change = on_change

    def read(self) -> Any:
        raise NotImplementedError

    def write(self, value: Any) -> None:
        raise NotImplementedError

    def check(self) -> str | None:
        """The problem code of the current value, None when acceptable."""
        try:
            coerce(self.spec, self.read())
        except FieldError as problem:
            return problem.code
        return None

    def show_problem(self, code: str | None) -> None:
        if code is None:
            self.error.clear()
            self.error.hide()
            return
        self.error.setText(text.problem_label(code))
        self.error.setStyleSheet(f"color: {error_colour(self.error)};")
        self.error.show()


class _LineEditor(_FieldEditor):
    def __init__(self, spec: FieldSpec, on_change: Any) -> None:
        super().__init__(spec, QLineEdit(), on_change)
        self.line: QLineEdit = self.widget  # type: ignore[assignment]
        self.line.setMaxLength(spec.max_length if spec.kind == "text" else 2000)
        self.line.textEdited.connect(on_change)

    def read(self) -> Any:
        return self.line.text()

    def write(self, value: Any) -> None:
        if value is None:
            shown = ""
        elif isinstance(value, tuple | list):
            shown = "; ".join(str(item) for item in value)
        elif isinstance(value, date):
            shown = _date_text(value)
        else:
            shown = str(value)
        self.line.setText(shown)
        self.line.setCursorPosition(0)


class _TextEditor(_FieldEditor):
    def __init__(self, spec: FieldSpec, on_change: Any) -> None:
        super().__init__(spec, QPlainTextEdit(), on_change)
        self.edit: QPlainTextEdit = self.widget  # type: ignore[assignment]
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(90)
        self.edit.textChanged.connect(on_change)

    def read(self) -> Any:
        return self.edit.toPlainText()

    def write(self, value: Any) -> None:
        self.edit.setPlainText(value or "")


class _ChecksEditor(_FieldEditor):
    """Axes (one per line) or institutions (two columns): one check box per code."""

    def __init__(self, spec: FieldSpec, on_change: Any) -> None:
        super().__init__(spec, QWidget(), on_change)
        layout = QGridLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        columns = 1 if spec.name == "axes" else 2
        self.boxes: dict[Any, QCheckBox] = {}
        for position, value in enumerate(_CHECK_CODES[spec.name]):
            box = QCheckBox()
            box.setObjectName(f"{spec.name}_{value}")
            box.toggled.connect(on_change)
            self.boxes[value] = box
            layout.addWidget(box, position // columns, position % columns)

    def retranslate(self) -> None:
        label = text.axis_label if self.spec.name == "axes" else text.institution_label
        for value, box in self.boxes.items():
            box.setText(label(value).replace("&", "&&"))  # "&" would become a shortcut underline

    def read(self) -> Any:
        return [value for value, box in self.boxes.items() if box.isChecked()]

    def write(self, value: Any) -> None:
        chosen = set(value or ())
        for code, box in self.boxes.items():
            box.setChecked(code in chosen)


class _NumberEditor(_FieldEditor):
    """A whole number in bounds (TRL); the lowest position means "not set"."""

    def __init__(self, spec: FieldSpec, on_change: Any) -> None:
        super().__init__(spec, QSpinBox(), on_change)
        self.spin: QSpinBox = self.widget  # type: ignore[assignment]
        low, high = spec.bounds or (0, 1_000_000)
        self.spin.setRange(low - 1, high)
        self.spin.setSpecialValueText("—")
        self.spin.valueChanged.connect(on_change)

    def read(self) -> Any:
        return None if self.spin.value() == self.spin.minimum() else self.spin.value()

    def write(self, value: Any) -> None:
        self.spin.setValue(self.spin.minimum() if value is None else int(value))


class _BoolEditor(_FieldEditor):
    def __init__(self, spec: FieldSpec, on_change: Any) -> None:
        super().__init__(spec, QCheckBox(), on_change)
        self.box: QCheckBox = self.widget  # type: ignore[assignment]
        self.box.toggled.connect(on_change)

    def read(self) -> Any:
        return self.box.isChecked()

    def write(self, value: Any) -> None:
        self.box.setChecked(bool(value))


class _ComboEditor(_FieldEditor):
    """A choice among codes (status, size...) or among records (company, unit, structure)."""

    def __init__(self, spec: FieldSpec, on_change: Any) -> None:
        super().__init__(spec, QComboBox(), on_change)
        self.combo: QComboBox = self.widget  # type: ignore[assignment]
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(18)
        self._references: list[Reference] = []
        self.combo.currentIndexChanged.connect(on_change)
        if spec.kind == "choice":
            self.set_references([(code, code, "") for code in spec.choices])

    def set_references(self, references: Sequence[Reference]) -> None:
        """The choices as (key, saved text, words); keeps the current selection when it remains."""
        current = self.combo.currentData()
        self._references = list(references)
        self.combo.blockSignals(True)
        self.combo.clear()
        if not self.spec.required:
            self.combo.addItem("—", None)
        for key, _saved, _words in self._references:
            self.combo.addItem("", key)
        self.retranslate()
        position = self.combo.findData(current)
        self.combo.setCurrentIndex(max(position, 0))
        self.combo.blockSignals(False)

    def retranslate(self) -> None:
        offset = 0 if self.spec.required else 1
        for position, (key, _saved, words) in enumerate(self._references):
            shown = text.choice_label(self.spec.name, key) if self.spec.kind == "choice" else words
            self.combo.setItemText(position + offset, shown)

    def read(self) -> Any:
        key = self.combo.currentData()
        for reference_key, saved, _words in self._references:
            if reference_key == key and key is not None:
                return saved
        return None

    def write(self, value: Any) -> None:
        position = self.combo.findData(reference_key(value))
        self.combo.setCurrentIndex(max(position, 0))

    def check(self) -> str | None:
        if self.spec.kind == "ref":
            return "required" if self.spec.required and self.read() is None else None
        return super().check()


def _editor_for(spec: FieldSpec, on_change: Any) -> _FieldEditor:
    if spec.kind == "longtext":
        return _TextEditor(spec, on_change)
    if spec.kind == "axes" or spec.name == "institutions":
        return _ChecksEditor(spec, on_change)
    if spec.kind == "int":
        return _NumberEditor(spec, on_change)
    if spec.kind == "bool":
        return _BoolEditor(spec, on_change)
    if spec.kind in ("choice", "ref"):
        return _ComboEditor(spec, on_change)
    return _LineEditor(spec, on_change)


class RecordForm(Retranslating, QWidget):
    """An edit form for one kind of record, laid out from a list of field names.

    `edited` is emitted on every change made by the user; `raw_values()` gives what to pass to
    catalog.save_record.
    """

    edited = Signal()

    def __init__(self, kind: str, field_names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._loading = False
        self._dirty = False
        self._touched: set[str] = set()
        self._editors: dict[str, _FieldEditor] = {}
        self._labels: dict[str, QLabel] = {}
        self._build_ui(field_names)
        self.retranslate_ui()

    def _build_ui(self, field_names: Sequence[str]) -> None:
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        spec = KINDS[self.kind]
        for name in field_names:
            field_spec = spec.field(name)
            editor = _editor_for(field_spec, lambda *_args, name=name: self._on_field_changed(name))
            editor.widget.setObjectName(f"field_{name}")
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.setSpacing(2)
            box_layout.addWidget(editor.widget)
            box_layout.addWidget(editor.error)
            label = QLabel()
            label.setBuddy(editor.widget)
            self._labels[name] = label
            self._editors[name] = editor
            layout.addRow(label, box)

    def retranslate_ui(self) -> None:
        for name, label in self._labels.items():
            required = self._editors[name].spec.required
            label.setText(text.field_label(name) + (" *" if required else ""))
        for editor in self._editors.values():
            if isinstance(editor, _ChecksEditor | _ComboEditor):
                editor.retranslate()
            if editor.error.isVisible():
                editor.show_problem(editor.check())
        keywords = self._editors.get("keywords")
        if isinstance(keywords, _LineEditor):
            keywords.line.setPlaceholderText(self.tr("Separate keywords with ;"))
            keywords.line.setToolTip(self.tr("Keywords separated by semicolons, in French or English"))
        siren = self._editors.get("siren")
        if isinstance(siren, _LineEditor):
            siren.line.setToolTip(self.tr("9-digit SIREN or 14-digit SIRET; the checksum is verified"))
        for name in ("opened_on", "closed_on"):
            editor = self._editors.get(name)
            if isinstance(editor, _LineEditor):
                editor.line.setPlaceholderText(_date_text(date(2025, 3, 31)))

    # ----------------------------------------------------------------- content

    def editor_widget(self, name: str) -> QWidget:
        """The editor of a field (tests and focus handling)."""
        return self._editors[name].widget

    def error_text(self, name: str) -> str:
        """The validation message shown next to a field ("" when none)."""
        editor = self._editors[name]
        return editor.error.text() if not editor.error.isHidden() else ""

    def set_references(self, name: str, references: Sequence[Reference]) -> None:
        editor = self._editors.get(name)
        if isinstance(editor, _ComboEditor):
            editor.set_references(references)

    def load(self, row: Any | None, defaults: dict[str, Any] | None = None) -> None:
        """Show a record (None: an empty form for a new record, with `defaults`)."""
        self._loading = True
        try:
            for name, editor in self._editors.items():
                if row is None:
                    value = (defaults or {}).get(name)
                else:
                    value = getattr(row, _REFERENCE_ATTRIBUTES.get(name, name), None)
                editor.write(value)
                editor.show_problem(None)
        finally:
            self._loading = False
        self._touched.clear()
        self._dirty = False

    def raw_values(self) -> dict[str, Any]:
        return {name: editor.read() for name, editor in self._editors.items()}

    def is_dirty(self) -> bool:
        return self._dirty

    def validate(self) -> bool:
        """Check every field and show every problem; True when the form can be saved."""
        valid = True
        for editor in self._editors.values():
            code = editor.check()
            editor.show_problem(code)
            valid = valid and code is None
        return valid

    def show_problems(self, problems: Sequence[FieldError]) -> None:
        """Show problems the service found (e.g. an unknown reference)."""
        for problem in problems:
            editor = self._editors.get(problem.field)
            if editor is not None:
                editor.show_problem(problem.code)

    def focus_first_problem(self) -> None:
        for editor in self._editors.values():
            if not editor.error.isHidden():
                editor.widget.setFocus()
                return

    def _on_field_changed(self, name: str) -> None:
        if self._loading:
            return
        self._dirty = True
        self._touched.add(name)
        editor = self._editors[name]
        editor.show_problem(editor.check())
        self.edited.emit()


def refill_filter_combo(
    combo: QComboBox, everything: str, items: Sequence[tuple[Any, str]], everything_data: Any = None
) -> None:
    """Fill a filter combo with "everything" then (value, words) items, keeping the current choice."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, everything_data)
    for value, words in items:
        combo.addItem(words, value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)
