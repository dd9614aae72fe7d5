"""Quick capture at a trade-fair stand: a keyboard-first form for a visitor, then the top 5 teams at once.

The fields follow a conversation at a stand: the company (with completion among existing ones),
the person met (with the GDPR information given), their need. Tab moves on, Enter or Ctrl+Enter
saves, Esc closes (after a confirmation when something was typed). The event's name, who captures
and the legal basis are remembered from one visitor (and one session) to the next. The save runs
on the database-writer worker and ranks the teams for the new need; "Next visitor" clears the
visitor's fields and puts the cursor back on the company.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from enact_match.services.capture import (
    DEFAULT_LEGAL_BASIS,
    TOP_TEAMS,
    CaptureInvalidError,
    CaptureProblem,
    CaptureResult,
    Visit,
    capture_visit,
)
from enact_match.services.records import FieldError
from enact_match.ui import prompts, text
from enact_match.ui.context import AppContext
from enact_match.ui.exports_ui import start_brief
from enact_match.ui.forms import RecordForm, error_colour
from enact_match.ui.i18n import Retranslating
from enact_match.ui.score_delegate import AxisChipsDelegate, ScoreDelegate
from enact_match.ui.suggestions_panel import SuggestionsModel
from enact_match.ui.table_models import ItemListModel
from enact_match.ui.workers import run_in_background, run_write_in_background

if TYPE_CHECKING:
    from enact_match.services.search import SearchHit, SearchIndex

_SETTINGS_KEY = "quick_capture/"
_LEGAL_BASES = ("legitimate_interest", "consent")
_COMPLETIONS = 5


def _plain_label(object_name: str) -> QLabel:
    """A label that shows its text as typed (it quotes user data) and wraps it."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _build_company_index(context: AppContext) -> SearchIndex:
    from enact_match.services.search import SearchIndex  # numpy and rapidfuzz: off the GUI thread

    return SearchIndex.build(context.db, context.viewer)


class QuickCaptureDialog(Retranslating, QDialog):
    """The quick capture form and, once saved, the best teams for the visitor's need.

    Signals:
        visit_saved(object): a visit was saved (its CaptureResult), its teams are on screen.
        data_written(): the database changed (the main window reads its pages again).
    """

    visit_saved = Signal(object)
    data_written = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._index: SearchIndex | None = None
        self._hits: list[SearchHit] = []
        self._chosen: SearchHit | None = None
        self._saving = False
        self._result: CaptureResult | None = None
        self._index_stale = False
        self._build_ui()
        self.retranslate_ui()
        self._restore_defaults()
        self.next_visitor()

    # ----------------------------------------------------------------- building

    def _build_ui(self) -> None:
        self.company_form = RecordForm("companies", ("name", "city", "siren"))
        company_edit = self.company_form.editor_widget("name")
        assert isinstance(company_edit, QLineEdit)
        self.company_edit = company_edit
        self.company_edit.installEventFilter(self)
        self.company_edit.textEdited.connect(self._on_company_edit_text_edited)
        city_edit = self.company_form.editor_widget("city")
        assert isinstance(city_edit, QLineEdit)
        city_edit.textEdited.connect(self._forget_chosen_company)
        self._hits_model = ItemListModel(self)
        self.company_hits = QListView()
        self.company_hits.setObjectName("company_hits")
        self.company_hits.setModel(self._hits_model)
        self.company_hits.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # driven from the company field
        self.company_hits.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.company_hits.setUniformItemSizes(True)
        rows = self.company_hits.fontMetrics().height() + 4
        self.company_hits.setMaximumHeight(_COMPLETIONS * rows + 2 * self.company_hits.frameWidth() + 4)
        self.company_hits.activated.connect(self._on_company_hits_activated)
        self.company_hits.clicked.connect(self._on_company_hits_activated)
        self._hits_label = QLabel()
        self.chosen_label = _plain_label("chosen_label")
        hits_box = QVBoxLayout()
        hits_box.addWidget(self._hits_label)
        hits_box.addWidget(self.company_hits)
        hits_box.addWidget(self.chosen_label)
        hits_box.addStretch(1)
        self._company_group = QGroupBox()
        company_layout = QHBoxLayout(self._company_group)
        company_layout.addWidget(self.company_form, 3)
        company_layout.addLayout(hits_box, 2)

        self.contact_form = RecordForm("contacts", ("name", "role", "email", "phone"))
        self.gdpr_check = QCheckBox()
        self.gdpr_check.setObjectName("gdpr_check")
        self.gdpr_error = _plain_label("gdpr_error")
        self._contact_group = QGroupBox()
        contact_layout = QVBoxLayout(self._contact_group)
        contact_layout.addWidget(self.contact_form)
        contact_layout.addWidget(self.gdpr_check)
        contact_layout.addWidget(self.gdpr_error)

        self.need_form = RecordForm("needs", ("title", "description", "axes", "confidentiality"))
        description = self.need_form.editor_widget("description")
        description.setFixedHeight(5 * description.fontMetrics().lineSpacing() + 12)  # a few sentences
        self._need_group = QGroupBox()
        QVBoxLayout(self._need_group).addWidget(self.need_form)

        self.source_edit = QLineEdit()
        self.source_edit.setObjectName("source_edit")
        self.captured_by_edit = QLineEdit()
        self.captured_by_edit.setObjectName("captured_by_edit")
        self.captured_by_edit.setMaxLength(120)
        self.captured_by_edit.textChanged.connect(self._update_gdpr_text)
        self.legal_basis_box = QComboBox()
        self.legal_basis_box.setObjectName("legal_basis_box")
        for code in _LEGAL_BASES:
            self.legal_basis_box.addItem("", code)
        self._source_label, self._captured_by_label, self._legal_basis_label = QLabel(), QLabel(), QLabel()
        self._source_label.setBuddy(self.source_edit)
        self._captured_by_label.setBuddy(self.captured_by_edit)
        self._legal_basis_label.setBuddy(self.legal_basis_box)
        self._defaults_group = QGroupBox()
        defaults_layout = QGridLayout(self._defaults_group)  # compact: set once a day, then left alone
        defaults_layout.addWidget(self._source_label, 0, 0)
        defaults_layout.addWidget(self.source_edit, 0, 1, 1, 3)
        defaults_layout.addWidget(self._captured_by_label, 1, 0)
        defaults_layout.addWidget(self.captured_by_edit, 1, 1)
        defaults_layout.addWidget(self._legal_basis_label, 1, 2)
        defaults_layout.addWidget(self.legal_basis_box, 1, 3)
        defaults_layout.setColumnStretch(1, 1)

        self.problems_label = _plain_label("problems_label")
        self.save_button = QPushButton()
        self.save_button.setObjectName("save_button")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problems_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)

        self.form = QWidget()
        form_layout = QVBoxLayout(self.form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        for group in (self._company_group, self._contact_group, self._need_group):
            form_layout.addWidget(group)
        scroller = QScrollArea()  # a laptop screen 768 pixels high scrolls rather than squeezes
        scroller.setWidget(self.form)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        left = QVBoxLayout()
        left.addWidget(self._defaults_group)
        left.addWidget(scroller, 1)
        left.addLayout(buttons)

        self.results_title = _plain_label("results_title")
        font = self.results_title.font()
        font.setBold(True)
        self.results_title.setFont(font)
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumSize(120, 12)
        self.busy_bar.setTextVisible(False)
        busy = QHBoxLayout()
        busy.addWidget(self.busy_label)
        busy.addWidget(self.busy_bar)
        busy.addStretch(1)
        self.teams_model = SuggestionsModel(self)
        self.teams_table = QTableView()
        self.teams_table.setObjectName("teams_table")
        self.teams_table.setModel(self.teams_model)
        self.teams_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.teams_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.teams_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.teams_table.verticalHeader().setVisible(False)
        self.teams_table.setItemDelegateForColumn(SuggestionsModel.SCORE, ScoreDelegate(self.teams_table))
        self.teams_table.setItemDelegateForColumn(SuggestionsModel.AXES, AxisChipsDelegate(self.teams_table))
        self.teams_table.setAlternatingRowColors(True)
        header = self.teams_table.horizontalHeader()
        header.setSectionResizeMode(SuggestionsModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((SuggestionsModel.RANK, 30), (SuggestionsModel.SCORE, 110)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        for column in (SuggestionsModel.DETAIL, SuggestionsModel.AXES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.saved_label = _plain_label("saved_label")
        self.brief_button = QPushButton()
        self.brief_button.setObjectName("brief_button")
        self.brief_button.setAutoDefault(False)
        self.brief_button.clicked.connect(self.print_brief)
        self.next_button = QPushButton()
        self.next_button.setObjectName("next_button")
        self.next_button.clicked.connect(self.next_visitor)
        result_buttons = QHBoxLayout()
        result_buttons.addWidget(self.brief_button)
        result_buttons.addStretch(1)
        result_buttons.addWidget(self.next_button)
        right = QVBoxLayout()
        right.addWidget(self.results_title)
        right.addLayout(busy)
        right.addWidget(self.teams_table, 1)
        right.addWidget(self.saved_label)
        right.addLayout(result_buttons)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 5)
        layout.addLayout(right, 6)
        # Shortcuts of their own: a button's "&" mnemonic (Alt+letter) replaces its shortcut.
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.save)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_brief)
        self._set_tab_order()
        self.resize(1320, 820)

    def _set_tab_order(self) -> None:
        """The order of a conversation at a stand; the event's defaults come last (set once a day)."""
        chain: list[QWidget] = [self.company_edit]
        chain += [self.company_form.editor_widget(name) for name in ("city", "siren")]
        chain += [self.contact_form.editor_widget(name) for name in ("name", "role", "email", "phone")]
        chain.append(self.gdpr_check)
        chain += [self.need_form.editor_widget(name) for name in ("title", "description")]
        chain += self.need_form.editor_widget("axes").findChildren(QCheckBox)
        chain.append(self.need_form.editor_widget("confidentiality"))
        chain += [self.save_button, self.source_edit, self.captured_by_edit, self.legal_basis_box]
        chain += [self.cancel_button, self.brief_button, self.next_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Quick capture"))
        self._defaults_group.setTitle(self.tr("This event (kept for the next visitor)"))
        self._company_group.setTitle(self.tr("Company"))
        self._contact_group.setTitle(self.tr("Person met"))
        self._need_group.setTitle(self.tr("Need"))
        self._source_label.setText(self.tr("&Event:"))
        self.source_edit.setPlaceholderText(self.tr("salon"))
        self._captured_by_label.setText(self.tr("Captured &by:"))
        self._legal_basis_label.setText(self.tr("&Legal basis:"))
        for position, code in enumerate(_LEGAL_BASES):
            self.legal_basis_box.setItemText(position, text.legal_basis_label(code))
        self._hits_label.setText(self.tr("Existing companies (↓ then Enter to choose):"))
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setToolTip(self.tr("Save the visit and show the best teams (Enter, Ctrl+Enter)"))
        self.cancel_button.setText(self.tr("Close"))
        self.busy_label.setText(self.tr("Saving and ranking the teams…"))
        self.brief_button.setText(self.tr("&Print brief…"))
        self.brief_button.setToolTip(self.tr("The need's one-page brief as a PDF (Ctrl+P)"))
        self.next_button.setText(self.tr("&Next visitor"))
        self.next_button.setToolTip(self.tr("Clear the visitor's fields and start again (Enter)"))
        self._update_gdpr_text()
        self._update_chosen_label()
        self._update_results_text()

    def _update_gdpr_text(self) -> None:
        who = self.captured_by_edit.text().strip() or "—"
        self.gdpr_check.setText(
            self.tr("&GDPR information given to the visitor (today, by %1)").replace("%1", who)
        )

    def _update_chosen_label(self) -> None:
        result = self._result
        if result is not None:
            words = self.tr("New company %1") if result.company_created else self.tr("Existing company %1")
            self.chosen_label.setText(words.replace("%1", result.company_ref or ""))
        elif self._chosen is None:
            self.chosen_label.setText(self.tr("New company, unless one with the same SIREN or name exists."))
        else:
            self.chosen_label.setText(self.tr("Existing company: %1").replace("%1", self._chosen.label))

    def _update_results_text(self) -> None:
        result = self._result
        if result is None:
            self.results_title.setText(self.tr("The best teams appear here as soon as the visit is saved."))
            self.saved_label.clear()
            return
        self.results_title.setText(
            self.tr("Top %1 teams for %2 · %3")
            .replace("%1", str(len(result.teams)))
            .replace("%2", result.need_ref)
            .replace("%3", result.need_title)
        )
        parts = [result.need_ref, result.company_ref or result.company_name]
        if result.contact_ref:
            contact = self.tr("new contact %1") if result.contact_created else self.tr("known contact %1")
            parts.append(contact.replace("%1", result.contact_ref))
        self.saved_label.setText(self.tr("Saved: %1.").replace("%1", ", ".join(parts)))
        if not result.teams:
            self.results_title.setText(
                self.tr("No team to suggest yet for %1: add teams or describe the need.").replace(
                    "%1", result.need_ref
                )
            )

    # ----------------------------------------------------------------- defaults remembered

    def _restore_defaults(self) -> None:
        settings = QSettings()
        viewer = self._context.viewer
        self.source_edit.setText(str(settings.value(_SETTINGS_KEY + "source", "") or ""))
        captured_by = str(settings.value(_SETTINGS_KEY + "captured_by", "") or "")
        self.captured_by_edit.setText(captured_by or (viewer.name if viewer else ""))
        basis = str(settings.value(_SETTINGS_KEY + "legal_basis", DEFAULT_LEGAL_BASIS) or "")
        self.legal_basis_box.setCurrentIndex(max(self.legal_basis_box.findData(basis), 0))

    def _remember_defaults(self) -> None:
        settings = QSettings()
        settings.setValue(_SETTINGS_KEY + "source", self.source_edit.text().strip())
        settings.setValue(_SETTINGS_KEY + "captured_by", self.captured_by_edit.text().strip())
        settings.setValue(_SETTINGS_KEY + "legal_basis", self.legal_basis_box.currentData())

    # ----------------------------------------------------------------- company completion

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._index is None:
            self._rebuild_company_index()
            context = self._context
            # The engine is fitted while the officer types, so that the first save ranks at once.
            run_in_background(lambda: context.suggestions.sync(), lambda _engine: None, lambda _error: None)

    def _rebuild_company_index(self) -> None:
        context = self._context
        run_in_background(lambda: _build_company_index(context), self._on_index_built, lambda _error: None)

    def _on_index_built(self, index: SearchIndex) -> None:
        self._index = index
        self._show_hits(self.company_edit.text() if self._result is None else "")

    def company_hits_shown(self) -> list[SearchHit]:
        """The existing companies the completion offers for the typed name."""
        return list(self._hits)

    def has_company_index(self) -> bool:
        return self._index is not None

    def _show_hits(self, words: str) -> None:
        found = self._index.query(words, limit=30) if self._index is not None and words.strip() else []
        self._hits = [hit for hit in found if hit.kind == "companies"][:_COMPLETIONS]
        self._hits_model.set_items(
            [
                (hit, f"{hit.label}  ·  {hit.detail}" if hit.detail else hit.label, hit.label)
                for hit in self._hits
            ]
        )

    def _on_company_edit_text_edited(self, words: str) -> None:
        self._forget_chosen_company()
        self._show_hits(words)

    def _forget_chosen_company(self) -> None:
        if self._chosen is not None:
            self._chosen = None
            self._update_chosen_label()

    def _on_company_hits_activated(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self._hits):
            self._choose_company(self._hits[index.row()])

    def _choose_company(self, hit: SearchHit) -> None:
        self.company_form.load(None, {"name": hit.label, "city": hit.detail or None})
        self._chosen = hit
        self._update_chosen_label()
        self._show_hits("")
        self.contact_form.editor_widget("name").setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up and Down walk the completion list while the cursor stays in the company field; Enter
        # takes the highlighted company, Esc closes the list.
        if watched is self.company_edit and event.type() == QEvent.Type.KeyPress and self._hits:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            current = self.company_hits.currentIndex()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = min(max(current.row() + step, 0), len(self._hits) - 1) if current.isValid() else 0
                self.company_hits.setCurrentIndex(self._hits_model.index(row, 0))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current.isValid():
                self._choose_company(self._hits[current.row()])
                return True
            if key == Qt.Key.Key_Escape:
                self._show_hits("")
                return True
        return super().eventFilter(watched, event)

    # ----------------------------------------------------------------- saving

    def visit(self) -> Visit:
        """The visit as typed."""
        company = self.company_form.raw_values()
        contact = self.contact_form.raw_values()
        need = self.need_form.raw_values()
        return Visit(
            company_name=company["name"],
            company_city=company["city"],
            company_siren=company["siren"],
            company_id=self._chosen.id if self._chosen is not None else None,
            contact_name=contact["name"],
            contact_role=contact["role"],
            contact_email=contact["email"],
            contact_phone=contact["phone"],
            gdpr_informed=self.gdpr_check.isChecked(),
            legal_basis=self.legal_basis_box.currentData() or DEFAULT_LEGAL_BASIS,
            source=self.source_edit.text(),
            captured_by=self.captured_by_edit.text(),
            need_title=need["title"],
            need_description=need["description"],
            need_axes=tuple(need["axes"]),
            confidentiality=need["confidentiality"] or "network",
        )

    def is_saving(self) -> bool:
        return self._saving

    def saved_result(self) -> CaptureResult | None:
        """The last saved visit, while it is shown (None before a save and after "Next visitor")."""
        return self._result

    def save(self) -> None:
        """Save the visit in the background, then show its best teams (Enter, Ctrl+Enter)."""
        if self._saving or self._result is not None:
            return
        visit, viewer, context = self.visit(), self._context.viewer, self._context
        self._set_saving(True)
        run_write_in_background(
            lambda: capture_visit(context.db, visit, viewer, context.suggestions, TOP_TEAMS),
            self._on_saved,
            self._on_save_failed,
        )

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.busy_label.setVisible(saving)
        self.busy_bar.setVisible(saving)
        self.save_button.setEnabled(not saving and self._result is None)
        self.form.setEnabled(not saving and self._result is None)
        self._defaults_group.setEnabled(not saving)

    def _on_saved(self, result: CaptureResult) -> None:
        self._result = result
        self._set_saving(False)
        self._remember_defaults()
        self.teams_model.set_rows(list(result.teams), lists_teams=True)
        self.teams_table.resizeRowsToContents()
        self.brief_button.setEnabled(True)
        self.next_button.setEnabled(True)
        self.next_button.setDefault(True)
        self.next_button.setFocus()
        self._update_results_text()
        self._update_chosen_label()
        self._show_hits("")
        # The new company is offered to the next visitors; indexing waits for "Next visitor" so that
        # it does not slow down the painting of the teams.
        self._index_stale = True
        self.visit_saved.emit(result)
        self.data_written.emit()

    def _on_save_failed(self, error: BaseException) -> None:
        self._set_saving(False)
        if not isinstance(error, CaptureInvalidError):
            lines = str(error).strip().splitlines()
            prompts.show_error(self, self.tr("Cannot save the visit"), lines[0] if lines else repr(error))
            return
        self._show_problems(error.problems)

    def _show_problems(self, problems: list[CaptureProblem]) -> None:
        forms = {"company": self.company_form, "contact": self.contact_form, "need": self.need_form}
        others: list[str] = []
        gdpr_missing = False
        for problem in problems:
            form = forms.get(problem.part)
            if problem.field == "gdpr_informed":
                gdpr_missing = True
            elif form is not None and problem.field in form.raw_values():
                form.show_problems([FieldError(problem.field, problem.code, problem.value)])
            else:
                others.append(self._problem_words(problem))
        self.gdpr_error.setText(
            self.tr("Tick this box once the visitor has been told how their data will be used.")
        )
        self.gdpr_error.setStyleSheet(f"color: {error_colour(self.gdpr_error)};")
        self.gdpr_error.setVisible(gdpr_missing)
        self.problems_label.setText("\n".join(others) or self.tr("Please correct the fields marked."))
        self.problems_label.setStyleSheet(f"color: {error_colour(self.problems_label)};")
        # The cursor goes to the first problem in the order of the form.
        for form in (self.company_form, self.contact_form):
            if any(form.error_text(name) for name in form.raw_values()):
                form.focus_first_problem()
                return
        if gdpr_missing:
            self.gdpr_check.setFocus()
        else:
            self.need_form.focus_first_problem()

    def _problem_words(self, problem: CaptureProblem) -> str:
        if problem.field == "captured_by":
            return self.tr("Say who captures the contact (Captured by).")
        if problem.field == "structure":
            return self.tr("A need kept to a structure needs your structure: set it in the settings.")
        return f"{text.field_label(problem.field)}: {text.problem_label(problem.code)}"

    # ----------------------------------------------------------------- after a save

    def print_brief(self) -> None:
        """Write the saved need's brief as a PDF (Ctrl+P), then offer to open it."""
        if self._result is not None:
            start_brief(self, self._context, self._result.need_ref)

    def next_visitor(self) -> None:
        """Clear the visitor's fields (the event's defaults stay) and go back to the company."""
        self._result = None
        self.load_visit(Visit())
        self.problems_label.clear()
        self.teams_model.set_rows([], lists_teams=True)
        self._show_hits("")
        self._set_saving(False)
        self.brief_button.setEnabled(False)
        self.next_button.setEnabled(False)
        self.next_button.setDefault(False)
        self.save_button.setDefault(True)
        self._update_chosen_label()
        self._update_results_text()
        self.company_edit.setFocus()
        if self._index_stale:
            self._index_stale = False
            self._rebuild_company_index()

    def load_visit(self, visit: Visit) -> None:
        """Show a visitor's company, contact and need in the form (the event's defaults are left as
        they are); an empty Visit clears them."""
        self._chosen = None
        company = {"name": visit.company_name, "city": visit.company_city, "siren": visit.company_siren}
        self.company_form.load(None, company)
        contact = {
            "name": visit.contact_name,
            "role": visit.contact_role,
            "email": visit.contact_email,
            "phone": visit.contact_phone,
        }
        self.contact_form.load(None, contact)
        need = {
            "title": visit.need_title,
            "description": visit.need_description,
            "axes": list(visit.need_axes),
            "confidentiality": visit.confidentiality,
        }
        self.need_form.load(None, need)
        self.gdpr_check.setChecked(visit.gdpr_informed)
        self.gdpr_error.hide()

    def has_unsaved_input(self) -> bool:
        """Something was typed for the current visitor and not saved."""
        if self._result is not None:
            return False
        forms = (self.company_form, self.contact_form, self.need_form)
        return any(form.is_dirty() for form in forms) or self.gdpr_check.isChecked()

    def reject(self) -> None:
        """Esc or Close: asks first when a visitor's details would be lost."""
        if self.has_unsaved_input() and not prompts.confirm(
            self,
            self.tr("Quick capture"),
            self.tr("Close without saving this visitor? What was typed will be lost."),
        ):
            return
        super().reject()
