"""The Needs, Companies and Research units & teams pages: a filtered list and a detail form to edit.

One `RecordPage` class, configured by a `PageConfig` per kind of record, lists the records in a
QTableView over a RecordTableModel, filters them, and edits the selected one in a RecordForm built
from the kind's field specs. Writes go through the single writer thread; the last edit or delete
can be undone (Ctrl+Z) by saving the previous values again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from enact_match.services import catalog, codes
from enact_match.services.catalog import RecordInvalidError, StaleRecordError
from enact_match.ui import prompts, text
from enact_match.ui.context import AppContext
from enact_match.ui.exports_ui import start_brief
from enact_match.ui.forms import RecordForm, Reference, reference_key, values_from_row
from enact_match.ui.i18n import Retranslating
from enact_match.ui.score_delegate import AxisChipsDelegate
from enact_match.ui.table_models import (
    Column,
    PublicationsModel,
    RecordFilterProxyModel,
    RecordIdRole,
    RecordTableModel,
    attribute,
)
from enact_match.ui.workers import run_in_background, run_write_in_background

# --------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class FilterSpec:
    """A filter combo: the view-row attribute it filters on, its "all" words and its choices."""

    attribute: str
    all_words: Callable[[], str]
    choices: Callable[[list[Any]], list[tuple[Any, str]]]


@dataclass(frozen=True)
class PageConfig:
    """What a RecordPage lists and edits."""

    kind: str
    columns: tuple[Column, ...]
    form_fields: tuple[str, ...]
    filters: tuple[FilterSpec, ...] = ()
    title_attribute: str = "name"
    shows_contacts: bool = False
    suggestions: str | None = None  # "need" or "team": the SuggestionsPanel subject
    references: tuple[str, ...] = field(default=())


def _codes(
    values: tuple[Any, ...], words: Callable[[Any], str]
) -> Callable[[list[Any]], list[tuple[Any, str]]]:
    return lambda _rows: [(value, words(value)) for value in values]


def _present(name: str) -> Callable[[list[Any]], list[tuple[Any, str]]]:
    # The distinct values the listed rows hold (owners, structures).
    return lambda rows: [
        (value, value) for value in sorted({getattr(row, name) for row in rows} - {None, ""})
    ]


def _axes_filter() -> FilterSpec:
    return FilterSpec(
        "axes",
        lambda: QCoreApplication.translate("RecordPage", "All axes"),
        _codes(codes.AXES, text.axis_label),
    )


def _institutions_filter() -> FilterSpec:
    return FilterSpec(
        "institutions",
        lambda: QCoreApplication.translate("RecordPage", "All institutions"),
        _codes(codes.INSTITUTIONS, text.institution_label),
    )


def _institution_words(values: tuple[str, ...]) -> str:
    return ", ".join(text.institution_label(value) for value in values)


NEEDS = PageConfig(
    "needs",
    (
        Column("ref", attribute("ref"), width=80),
        Column("title", attribute("title"), width=280),
        Column("company_name", attribute("company_name"), width=160),
        Column("axes", attribute("axes"), text.axes_short),
        Column("status", attribute("status"), text.need_status_label),
        Column("owner", attribute("owner")),
        Column("structure_code", attribute("structure_code")),
        Column("trl", attribute("trl"), numeric=True),
        Column("opened_on", attribute("opened_on")),
    ),
    (
        "title",
        "company",
        "description",
        "keywords",
        "axes",
        "trl",
        "horizon",
        "budget",
        "data_available",
        "confidentiality",
        "structure",
        "owner",
        "status",
        "opened_on",
        "closed_on",
    ),
    (
        _axes_filter(),
        FilterSpec(
            "status",
            lambda: QCoreApplication.translate("RecordPage", "All statuses"),
            _codes(codes.NEED_STATUSES, text.need_status_label),
        ),
        FilterSpec(
            "structure_code",
            lambda: QCoreApplication.translate("RecordPage", "All structures"),
            _present("structure_code"),
        ),
        FilterSpec(
            "owner", lambda: QCoreApplication.translate("RecordPage", "All owners"), _present("owner")
        ),
    ),
    title_attribute="title",
    suggestions="need",
    references=("company", "structure"),
)

COMPANIES = PageConfig(
    "companies",
    (
        Column("name", attribute("name"), width=260),
        Column("legal_form", attribute("legal_form")),
        Column("siren", attribute("siren")),
        Column("city", attribute("city")),
        Column("department", attribute("department")),
        Column("size_class", attribute("size_class")),
        Column("need_count", attribute("need_count"), numeric=True),
    ),
    ("name", "legal_form", "siren", "naf", "size_class", "city", "department", "website"),
    (
        FilterSpec(
            "size_class",
            lambda: QCoreApplication.translate("RecordPage", "All sizes"),
            _codes(codes.SIZE_CLASSES, text.size_class_label),
        ),
    ),
    shows_contacts=True,
)

UNITS = PageConfig(
    "units",
    (
        Column("acronym", attribute("acronym")),
        Column("name", attribute("name"), width=260),
        Column("institutions", attribute("institutions"), _institution_words, width=200),
        Column("city", attribute("city")),
        Column("team_count", attribute("team_count"), numeric=True),
    ),
    ("name", "acronym", "unit_code", "rnsr_id", "institutions", "institutions_other", "city"),
    (_institutions_filter(),),
)

TEAMS = PageConfig(
    "teams",
    (
        Column("acronym", attribute("acronym")),
        Column("name", attribute("name"), width=260),
        Column("unit", attribute("unit_acronym")),
        Column("axes", attribute("axes"), text.axes_short),
        Column("leader", attribute("leader")),
        Column("city", attribute("city")),
        Column("cifre_open", attribute("cifre_open")),
    ),
    ("name", "acronym", "unit", "leader", "statement", "keywords", "axes", "platforms", "cifre_open"),
    (_axes_filter(), _institutions_filter()),
    shows_contacts=True,
    suggestions="team",
    references=("unit",),
)

CONTACT_COLUMNS = (
    Column("name", attribute("name"), width=260),
    Column("role", attribute("role")),
    Column("email", attribute("email")),
    Column("phone", attribute("phone")),
)


# --------------------------------------------------------------------------- loading (background)


@dataclass(frozen=True)
class PageData:
    """What a page shows, read in the background."""

    rows: list[Any]
    references: dict[str, list[Reference]]
    contacts: list[Any]


def _references(db: Any, name: str) -> list[Reference]:
    if name == "company":
        return [(reference_key(row.id), row.ref or row.name, row.name) for row in catalog.list_companies(db)]
    if name == "unit":
        return [
            (
                reference_key(row.id),
                row.ref or row.acronym or row.name,
                f"{row.acronym} — {row.name}" if row.acronym else row.name,
            )
            for row in catalog.list_units(db)
        ]
    if name == "structure":
        return [(code, code, f"{name_} ({code})") for code, name_ in catalog.list_structures(db)]
    raise KeyError(name)


def load_page_data(context: AppContext, config: PageConfig) -> PageData:
    """Read the rows, reference choices and contacts a page needs (runs on a worker thread)."""
    db = context.db
    listers: dict[str, Callable[[], list[Any]]] = {
        "needs": lambda: catalog.list_needs(db, context.viewer),
        "companies": lambda: catalog.list_companies(db),
        "units": lambda: catalog.list_units(db),
        "teams": lambda: catalog.list_teams(db),
    }
    rows = listers[config.kind]()
    references = {name: _references(db, name) for name in config.references}
    contacts = catalog.list_contacts(db) if config.shows_contacts else []
    return PageData(rows, references, contacts)


def _settings_key(kind: str, name: str) -> str:
    return f"pages/{kind}/{name}"


# --------------------------------------------------------------------------- the page


class RecordPage(Retranslating, QWidget):
    """A list of one kind of record with filters, and a form to create, edit and delete them."""

    loaded = Signal()
    record_saved = Signal(object)  # the saved view row
    record_deleted = Signal(object)  # the deleted record's id
    undone = Signal()
    data_written = Signal()

    def __init__(self, context: AppContext, config: PageConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.config = config
        self.kind = config.kind
        self._current: Any | None = None
        self._undo: Callable[[], Any] | None = None
        self._header_restored = False
        self._suggestions_panel: Any | None = None
        self._pending_select: uuid.UUID | None = None
        self._selecting = False
        self._build_ui()
        self.retranslate_ui()
        self._form.load(None, self._defaults())

    # ----------------------------------------------------------------- building

    def _build_ui(self) -> None:
        config = self.config
        self._model = RecordTableModel(config.columns, self)
        self._proxy = RecordFilterProxyModel(self)
        self._proxy.setSourceModel(self._model)

        self._filter_edit = QLineEdit()
        self._filter_edit.setClearButtonEnabled(True)
        self._filter_edit.setObjectName("filter_text")
        self._filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self._filter_combos: dict[str, QComboBox] = {}
        filters = QHBoxLayout()
        self._filter_edit.setMinimumWidth(120)
        filters.addWidget(self._filter_edit, 1)
        for spec in config.filters:
            combo = QComboBox()
            combo.setObjectName(f"filter_{spec.attribute}")
            # Sized for the "All ..." words; long choices show in full in the open list.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            combo.currentIndexChanged.connect(lambda _i, name=spec.attribute: self._on_filter_changed(name))
            self._filter_combos[spec.attribute] = combo
            filters.addWidget(combo)

        self._table = QTableView()
        self._table.setObjectName(f"{config.kind}_table")
        self._table.setModel(self._proxy)
        self._table.setSortingEnabled(True)
        self._table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setAlternatingRowColors(True)
        self._table.verticalHeader().hide()
        self._table.setWordWrap(False)
        header = self._table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for position, column in enumerate(config.columns):
            if column.key == "axes":
                self._table.setItemDelegateForColumn(position, AxisChipsDelegate(self._table))
        self._table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)

        self._count_label = QLabel()
        self._count_label.setObjectName("count_label")

        list_side = QWidget()
        list_layout = QVBoxLayout(list_side)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(filters)
        list_layout.addWidget(self._table, 1)
        list_layout.addWidget(self._count_label)

        self._heading = QLabel()
        self._heading.setTextFormat(Qt.TextFormat.PlainText)
        self._heading.setWordWrap(True)
        font = QFont(self._heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self._heading.setFont(font)
        self._heading.setObjectName("heading")

        self._form = RecordForm(config.kind, config.form_fields)
        self._form.edited.connect(self._on_form_edited)

        self._new_button = QPushButton()
        self._new_button.clicked.connect(self.new_record)
        self._save_button = QPushButton()
        self._save_button.setObjectName("save_button")
        self._save_button.setDefault(True)
        self._save_button.clicked.connect(self.save_current)
        self._delete_button = QPushButton()
        self._delete_button.clicked.connect(self.delete_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self._new_button)
        self._brief_button: QPushButton | None = None
        if config.kind == "needs":
            self._brief_button = QPushButton()
            self._brief_button.setObjectName("brief_button")
            self._brief_button.clicked.connect(self._on_brief_button_clicked)
            buttons.addWidget(self._brief_button)
        buttons.addStretch(1)
        buttons.addWidget(self._delete_button)
        buttons.addWidget(self._save_button)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self._heading)
        detail_layout.addWidget(self._form)

        self._publications: PublicationsModel | None = None
        if config.kind == "teams":
            detail_layout.addWidget(self._build_publications())

        self._contacts_model: RecordTableModel | None = None
        if config.shows_contacts:
            detail_layout.addWidget(self._build_contacts())
        detail_layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        detail_side = QWidget()
        detail_side_layout = QVBoxLayout(detail_side)
        detail_side_layout.setContentsMargins(0, 0, 0, 0)
        detail_side_layout.addWidget(scroll, 1)
        detail_side_layout.addLayout(buttons)

        # Pages with suggestions show them in a tab of their own, with the whole height for the
        # ranked list and the explanation; the record's form is the other tab.
        self._suggestions_holder = QWidget()
        QVBoxLayout(self._suggestions_holder).setContentsMargins(0, 0, 0, 0)
        self._detail_tabs: QTabWidget | None = None
        detail_area: QWidget = detail_side
        if config.suggestions:
            self._detail_tabs = QTabWidget()
            self._detail_tabs.setObjectName(f"{config.kind}_detail_tabs")
            self._detail_tabs.addTab(self._suggestions_holder, "")
            self._detail_tabs.addTab(detail_side, "")
            detail_area = self._detail_tabs

        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setObjectName(f"{config.kind}_splitter")
        self._splitter.addWidget(list_side)
        self._splitter.addWidget(detail_area)
        self._splitter.setStretchFactor(0, 3)
        self._splitter.setStretchFactor(1, 2)
        self._splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self._splitter)
        self._restore_layout()

    def _build_publications(self) -> QGroupBox:
        self._publications = PublicationsModel(self)
        self._publications.dataChanged.connect(self._on_form_edited)
        self._publications_box = QGroupBox()
        view = QTableView()
        view.setObjectName("publications_table")
        view.setModel(self._publications)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        view.setMinimumHeight(140)
        self._publications_view = view
        self._add_publication = QPushButton()
        self._add_publication.clicked.connect(self._on_add_publication_clicked)
        self._remove_publication = QPushButton()
        self._remove_publication.clicked.connect(self._on_remove_publication_clicked)
        row = QHBoxLayout()
        row.addWidget(self._add_publication)
        row.addWidget(self._remove_publication)
        row.addStretch(1)
        layout = QVBoxLayout(self._publications_box)
        layout.addWidget(view)
        layout.addLayout(row)
        return self._publications_box

    def _build_contacts(self) -> QGroupBox:
        self._contacts_model = RecordTableModel(CONTACT_COLUMNS, self)
        self._contacts_proxy = RecordFilterProxyModel(self)
        self._contacts_proxy.setSourceModel(self._contacts_model)
        self._contacts_proxy.set_filter("id", uuid.UUID(int=0))  # nothing until a record is selected
        self._contacts_box = QGroupBox()
        view = QTableView()
        view.setObjectName("contacts_table")
        view.setModel(self._contacts_proxy)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        view.setMinimumHeight(110)
        layout = QVBoxLayout(self._contacts_box)
        layout.addWidget(view)
        return self._contacts_box

    def retranslate_ui(self) -> None:
        self._filter_edit.setPlaceholderText(self.tr("Filter the list…"))
        self._filter_edit.setToolTip(self.tr("Show only the rows containing these words"))
        for spec in self.config.filters:
            self._fill_filter(spec)
        self._new_button.setText(self.tr("&New"))
        self._new_button.setToolTip(self.tr("Create a record (Ctrl+N)"))
        self._save_button.setText(self.tr("&Save"))
        self._save_button.setToolTip(self.tr("Save the changes (Ctrl+S)"))
        self._delete_button.setText(self.tr("&Delete"))
        self._delete_button.setToolTip(self.tr("Delete this record (Del); Ctrl+Z undoes it"))
        if self._brief_button is not None:
            self._brief_button.setText(self.tr("&Brief (PDF)…"))
            self._brief_button.setToolTip(
                self.tr("A one-page PDF of this need, its best teams and why, to print or send")
            )
        if self._publications is not None:
            self._publications_box.setTitle(text.field_label("publications"))
            self._add_publication.setText(self.tr("Add a publication"))
            self._remove_publication.setText(self.tr("Remove the selected publication"))
            self._publications.retranslate()
        if self._contacts_model is not None:
            self._contacts_box.setTitle(text.kind_label("contacts"))
            self._contacts_model.retranslate()
        if self._detail_tabs is not None:
            label = (
                self.tr("Suggested teams")
                if self.config.suggestions == "need"
                else self.tr("Needs it could answer")
            )
            self._detail_tabs.setTabText(0, label)
            self._detail_tabs.setTabText(1, self.tr("Record"))
        self._model.retranslate()
        self._update_count()
        self._update_heading()

    # ----------------------------------------------------------------- remembered layout

    def _restore_layout(self) -> None:
        settings = QSettings()
        state = settings.value(_settings_key(self.kind, "splitter"))
        if state is not None:
            self._splitter.restoreState(state)
        else:
            self._splitter.setSizes([560, 640])
        if self._detail_tabs is not None:
            self._detail_tabs.setCurrentIndex(int(settings.value(_settings_key(self.kind, "detail_tab"), 0)))

    def _restore_header(self) -> None:
        if self._header_restored:
            return
        self._header_restored = True
        state = QSettings().value(_settings_key(self.kind, "header"))
        if state is not None:
            self._table.horizontalHeader().restoreState(state)
        else:  # fixed defaults: measuring every cell would slow the first display down
            for position, column in enumerate(self.config.columns):
                self._table.setColumnWidth(position, column.width)

    def save_layout(self) -> None:
        """Remember column widths and order and the splitters (called when the window closes)."""
        settings = QSettings()
        settings.setValue(_settings_key(self.kind, "splitter"), self._splitter.saveState())
        if self._detail_tabs is not None:
            settings.setValue(_settings_key(self.kind, "detail_tab"), self._detail_tabs.currentIndex())
        if self._header_restored:
            settings.setValue(_settings_key(self.kind, "header"), self._table.horizontalHeader().saveState())

    # ----------------------------------------------------------------- loading

    def refresh(self) -> None:
        """Read the list again in the background (F5, and after a write elsewhere)."""
        if self._suggestions_panel is not None:
            self._suggestions_panel.refresh()
        run_in_background(
            lambda: load_page_data(self._context, self.config), self._on_data_loaded, self._on_load_failed
        )

    def _on_data_loaded(self, data: PageData) -> None:
        current_id = self._pending_select or (self._current.id if self._current is not None else None)
        self._pending_select = None
        self._model.set_rows(data.rows)
        for name, references in data.references.items():
            self._form.set_references(name, references)
        if self._contacts_model is not None:
            self._contacts_model.set_rows(data.contacts)
        for spec in self.config.filters:
            self._fill_filter(spec)
        self._restore_header()
        self._update_count()
        if (
            current_id is not None
            and not self._form.is_dirty()
            and not self.select_record(self.kind, current_id)
        ):
            self._show(None)
        self.loaded.emit()

    def _on_load_failed(self, error: BaseException) -> None:
        prompts.show_error(self, self.tr("Cannot read the list"), _one_line(error))

    def _fill_filter(self, spec: FilterSpec) -> None:
        combo = self._filter_combos[spec.attribute]
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(spec.all_words(), None)
        for value, words in spec.choices(self._model.rows()):
            combo.addItem(words, value)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    def _update_count(self) -> None:
        shown, total = self._proxy.rowCount(), self._model.rowCount()
        words = text.count_label(self.kind, shown)
        if shown != total:
            words = self.tr("%1 (of %2)").replace("%1", words).replace("%2", str(total))
        self._count_label.setText(words)

    def _update_heading(self) -> None:
        row = self._current
        if row is None:
            self._heading.setText(self.tr("New record"))
            return
        title = getattr(row, self.config.title_attribute) or ""
        self._heading.setText(f"{row.ref} · {title}" if row.ref else title)

    # ----------------------------------------------------------------- selection

    def table(self) -> QTableView:
        return self._table

    def form(self) -> RecordForm:
        return self._form

    def model(self) -> RecordTableModel:
        return self._model

    def proxy(self) -> RecordFilterProxyModel:
        return self._proxy

    def current_row(self) -> Any | None:
        return self._current

    def set_filter_text(self, words: str) -> None:
        self._filter_edit.setText(words)

    def set_filter_value(self, attribute: str, value: Any) -> None:
        """Choose `value` in the filter combo of `attribute` (None: all), e.g. from a dashboard bar."""
        combo = self._filter_combos[attribute]
        if value is not None and combo.findData(value) < 0:  # no listed row holds it: an empty list
            combo.addItem(str(value), value)
        combo.setCurrentIndex(max(combo.findData(value), 0))

    def select_record(self, kind: str, record_id: uuid.UUID) -> bool:
        """Select and show a record of this page's kind; False if it is not listed (yet)."""
        if kind != self.kind:
            return False
        if not self._select_in_table(record_id):
            self._pending_select = record_id
            return False
        position = self._model.position_of(record_id)
        assert position is not None
        self._show(self._model.row_at(position))
        return True

    def _select_in_table(self, record_id: uuid.UUID) -> bool:
        position = self._model.position_of(record_id)
        if position is None:
            return False
        proxy_index = self._proxy.mapFromSource(self._model.index(position, 0))
        if not proxy_index.isValid():  # hidden by a filter: clear the filters
            self._filter_edit.clear()
            for combo in self._filter_combos.values():
                combo.setCurrentIndex(0)
            proxy_index = self._proxy.mapFromSource(self._model.index(position, 0))
        self._selecting = True
        try:
            self._table.selectionModel().setCurrentIndex(
                proxy_index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._selecting = False
        self._table.scrollTo(proxy_index)
        return True

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self._selecting:
            return
        record_id = current.data(RecordIdRole)
        if self._current is not None and self._current.id == record_id:
            return
        if self._form.is_dirty() and not prompts.confirm(
            self, self.tr("Unsaved changes"), self.tr("Discard the changes you made to this record?")
        ):
            QTimer.singleShot(0, self._reselect_current)
            return
        position = self._model.position_of(record_id)
        if position is not None:
            self._show(self._model.row_at(position))

    def _reselect_current(self) -> None:
        # Back to the record being edited; the form keeps the user's text (see select_record).
        if self._current is not None:
            self._select_in_table(self._current.id)

    def _show(self, row: Any | None) -> None:
        self._current = row
        self._form.load(row, self._defaults() if row is None else None)
        if self._publications is not None:
            items = (
                []
                if row is None
                else [
                    {
                        "title": p.title,
                        "year": p.year or "",
                        "venue": p.venue or "",
                        "doi": p.doi or "",
                        "abstract": p.abstract,
                        "hal_id": p.hal_id,
                    }
                    for p in row.publications
                ]
            )
            self._publications.set_publications(items)
        if self._contacts_model is not None:
            wanted = uuid.UUID(int=0) if row is None else row.id
            self._contacts_proxy.set_filter("company_id" if self.kind == "companies" else "team_id", wanted)
            self._contacts_proxy.set_filter("id", None)
        self._delete_button.setEnabled(row is not None)
        if self._brief_button is not None:
            self._brief_button.setEnabled(row is not None and bool(row.ref))
        self._update_heading()
        self._show_suggestions(row)

    def _show_suggestions(self, row: Any | None) -> None:
        if self.config.suggestions is None:
            return
        if self._suggestions_panel is None:
            if row is None:
                return
            # Imported on first use: the matching engine stays off the start-up path.
            from enact_match.ui.suggestions_panel import SuggestionsPanel

            self._suggestions_panel = SuggestionsPanel(self._context)
            self._suggestions_panel.data_written.connect(self.data_written)
            self._suggestions_holder.layout().addWidget(self._suggestions_panel)
        record_id = None if row is None else row.id
        if self.config.suggestions == "need":
            self._suggestions_panel.set_need(record_id)
        else:
            self._suggestions_panel.set_team(record_id)

    def _defaults(self) -> dict[str, Any]:
        if self.kind != "needs":
            return {}
        viewer = self._context.viewer
        return {
            "owner": viewer.name if viewer else None,
            "structure": viewer.structure_code if viewer else None,
            "status": "open",
            "confidentiality": "network",
            "data_available": "none",
        }

    # ----------------------------------------------------------------- filters

    def _on_filter_edit_text_changed(self, words: str) -> None:
        self._proxy.set_text(words)
        self._update_count()

    def _on_filter_changed(self, name: str) -> None:
        self._proxy.set_filter(name, self._filter_combos[name].currentData())
        self._update_count()

    def _on_form_edited(self, *_args: Any) -> None:
        self._save_button.setEnabled(True)

    def _on_add_publication_clicked(self) -> None:
        assert self._publications is not None
        position = self._publications.add_empty()
        index = self._publications.index(position, 0)
        self._publications_view.setCurrentIndex(index)
        self._publications_view.edit(index)

    def _on_remove_publication_clicked(self) -> None:
        assert self._publications is not None
        index = self._publications_view.currentIndex()
        if index.isValid():
            self._publications.remove_at(index.row())

    # ----------------------------------------------------------------- actions

    def new_record(self) -> None:
        """Empty the form for a new record (Ctrl+N)."""
        self._table.clearSelection()
        self._show(None)
        if self._detail_tabs is not None:
            self._detail_tabs.setCurrentIndex(1)
        first = self.config.form_fields[0]
        self._form.editor_widget(first).setFocus()

    def save_current(self) -> None:
        """Check the form and save it in the background (Ctrl+S)."""
        if not self._form.validate():
            self._form.focus_first_problem()
            return
        values = self._form.raw_values()
        if self._publications is not None:
            values["publications"] = self._publications.publications()
        previous = self._current
        db, kind = self._context.db, self.kind
        record_id = previous.id if previous is not None else None
        version = previous.version if previous is not None else None
        author = self._context.settings.user_name or None
        run_write_in_background(
            lambda: catalog.save_record(db, kind, values, record_id, version, author),
            lambda row: self._on_saved(row, previous),
            self._on_save_failed,
        )

    def _on_saved(self, row: Any, previous: Any | None) -> None:
        self._model.upsert(row)
        self._current = None
        self.select_record(self.kind, row.id)
        db, kind = self._context.db, self.kind
        if previous is None:
            self._undo = lambda: catalog.delete_record(db, kind, row.id)
        else:
            values = values_from_row(kind, previous)
            self._undo = lambda: catalog.save_record(db, kind, values, row.id, row.version)
        self._update_count()
        self.record_saved.emit(row)
        self.data_written.emit()

    def _on_save_failed(self, error: BaseException) -> None:
        if isinstance(error, RecordInvalidError):
            self._form.show_problems(error.problems)
            self._form.focus_first_problem()
            return
        if isinstance(error, StaleRecordError):
            changed = ", ".join(
                text.field_label(name) for name in _fields_changed(self._current, error.current)
            )
            prompts.show_error(
                self,
                self.tr("Saved by someone else"),
                self.tr(
                    "Someone else saved this record after you opened it, so your changes were not saved. "
                    "They changed: %1. The record has been reloaded with their version: make your changes "
                    "again."
                ).replace("%1", changed or "—"),
            )
            self._reload_current()
            return
        prompts.show_error(self, self.tr("Cannot save"), _one_line(error))

    def _reload_current(self) -> None:
        current = self._current
        if current is None:
            return
        db, kind = self._context.db, self.kind

        def on_done(row: Any) -> None:
            self._model.upsert(row)
            self._show(row)

        run_in_background(lambda: catalog.get_row(db, kind, current.id), on_done, self._on_load_failed)

    def delete_current(self) -> None:
        """Delete the shown record after confirmation (Del); Ctrl+Z brings it back."""
        row = self._current
        if row is None:
            return
        title = getattr(row, self.config.title_attribute) or ""
        if not prompts.confirm(
            self, self.tr("Delete"), self.tr("Delete “%1”? You can undo it with Ctrl+Z.").replace("%1", title)
        ):
            return
        db, kind, author = self._context.db, self.kind, self._context.settings.user_name or None
        run_write_in_background(
            lambda: catalog.delete_record(db, kind, row.id, author),
            lambda _result: self._on_deleted(row),
            lambda error: prompts.show_error(self, self.tr("Cannot delete"), _one_line(error)),
        )

    def _on_deleted(self, row: Any) -> None:
        self._model.remove(row.id)
        self._show(None)
        values = values_from_row(self.kind, row)
        db, kind = self._context.db, self.kind
        self._undo = lambda: catalog.save_record(db, kind, values)
        self._update_count()
        self.record_deleted.emit(row.id)
        self.data_written.emit()

    def can_undo(self) -> bool:
        return self._undo is not None

    def undo(self) -> None:
        """Undo the last save or delete made on this page (Ctrl+Z)."""
        if self._undo is None:
            return
        action, self._undo = self._undo, None

        def on_done(result: Any) -> None:
            if result is not None and hasattr(result, "id"):
                self._pending_select = result.id
            self.refresh()
            self.undone.emit()
            self.data_written.emit()

        run_write_in_background(
            action, on_done, lambda error: prompts.show_error(self, self.tr("Cannot undo"), _one_line(error))
        )

    def active_record_page(self) -> RecordPage:
        return self

    def _on_brief_button_clicked(self) -> None:
        if self._current is not None and self._current.ref:
            start_brief(self, self._context, self._current.ref)


def _fields_changed(opened: Any, current: Any) -> list[str]:
    """The fields whose value differs between the version a user opened and the one now saved."""
    if opened is None or current is None:
        return []
    bookkeeping = {"id", "version", "created_at", "updated_at"}
    return [
        item.name
        for item in fields(current)
        if item.name not in bookkeeping and getattr(opened, item.name, None) != getattr(current, item.name)
    ]


def _one_line(error: BaseException) -> str:
    words = str(error).strip().splitlines()
    return words[0] if words else type(error).__name__


class ResearchPage(Retranslating, QWidget):
    """Research teams and units, as two tabs of record pages."""

    loaded = Signal()
    data_written = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.teams = RecordPage(context, TEAMS)
        self.units = RecordPage(context, UNITS)
        self._tabs = QTabWidget()
        self._tabs.addTab(self.teams, "")
        self._tabs.addTab(self.units, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._tabs)
        for page in (self.teams, self.units):
            page.data_written.connect(self.data_written)
        self.teams.loaded.connect(self.loaded)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self._tabs.setTabText(0, text.kind_label("teams"))
        self._tabs.setTabText(1, text.kind_label("units"))

    def pages(self) -> tuple[RecordPage, RecordPage]:
        return (self.teams, self.units)

    def active_record_page(self) -> RecordPage:
        return self.units if self._tabs.currentWidget() is self.units else self.teams

    def refresh(self) -> None:
        for page in self.pages():
            page.refresh()

    def select_record(self, kind: str, record_id: uuid.UUID) -> bool:
        for page in self.pages():
            if page.kind == kind:
                self._tabs.setCurrentWidget(page)
                return page.select_record(kind, record_id)
        return False

    def save_layout(self) -> None:
        for page in self.pages():
            page.save_layout()
