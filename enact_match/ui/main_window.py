"""The main window: page navigation, global search, menus, shortcuts, and the welcome page on first start."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from enact_match.config import Settings, default_database_path, stored_key
from enact_match.services import catalog
from enact_match.services.database import Database, DatabaseKeyError, open_database
from enact_match.ui import i18n, prompts, text
from enact_match.ui.about_dialog import AboutDialog
from enact_match.ui.backups_dialog import BackupsDialog
from enact_match.ui.context import AppContext
from enact_match.ui.duplicates_dialog import DuplicatesDialog
from enact_match.ui.exports_ui import start_export, start_shortlist
from enact_match.ui.gdpr_dialog import GdprDialog
from enact_match.ui.i18n import Retranslating
from enact_match.ui.import_wizard import ImportWizard
from enact_match.ui.long_operations import start_rematch
from enact_match.ui.record_pages import COMPANIES, NEEDS, RecordPage, ResearchPage
from enact_match.ui.search import SearchPopup
from enact_match.ui.settings_dialog import SettingsDialog
from enact_match.ui.table_models import PageEntry, PageListModel, RowRole
from enact_match.ui.welcome_page import WelcomePage, start_demo_load
from enact_match.ui.workers import BackgroundTask, run_in_background

if TYPE_CHECKING:
    from enact_match.services.search import SearchHit, SearchIndex
    from enact_match.ui.bundles_dialog import BundlesDialog
    from enact_match.ui.quick_capture import QuickCaptureDialog


def _build_search_index(context: AppContext) -> SearchIndex:
    # Imported here: numpy and rapidfuzz load in the background, after the window shows.
    from enact_match.services.search import SearchIndex

    return SearchIndex.build(context.db, context.viewer)


class LazyPage(QWidget):
    """A page built the first time it is shown (keeps heavy pages off the start-up path)."""

    data_written = Signal()  # relayed from the page once it is built

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self.page: QWidget | None = None
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)

    def showEvent(self, event: QShowEvent) -> None:
        self.build()
        super().showEvent(event)

    def build(self) -> QWidget:
        if self.page is None:
            try:
                self.page = self._factory()
            except Exception as error:  # a page that cannot be built must not take the window down
                label = QLabel(self.tr("This page is not available: %1").replace("%1", str(error)))
                label.setTextFormat(Qt.TextFormat.PlainText)
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self.page = label
            written = getattr(self.page, "data_written", None)
            if written is not None:
                written.connect(self.data_written)
            self.layout().addWidget(self.page)
        return self.page


def _pipeline_page(context: AppContext) -> QWidget:
    # Imported on first use: the pipeline page pulls in the matching services.
    from enact_match.ui.pipeline_page import PipelinePage

    return PipelinePage(context)


def _events_page(context: AppContext) -> QWidget:
    # Imported on first use: the events page pulls in the events and agendas services.
    from enact_match.ui.events_page import EventsPage

    return EventsPage(context)


def _dashboard_page(window: MainWindow) -> QWidget:
    # Imported on first use: the dashboard pulls in QtCharts; its bars open the window's lists.
    from enact_match.ui.dashboard_page import DashboardPage

    return DashboardPage(window._context, window.open_page)


class MainWindow(Retranslating, QMainWindow):
    """ENACT Match's main window; other pages plug in with `add_page`."""

    data_changed = Signal()  # after any successful write
    ready = Signal()  # the window shows its first page with data (or the welcome page)
    search_index_built = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._pages: dict[str, QWidget] = {}
        self._search_index: SearchIndex | None = None
        self._search_generation = 0
        self._ready_sent = False
        self._workspace_loaded = False
        self._build_ui()
        self._create_actions()
        self._add_standard_pages()
        self.retranslate_ui()
        self._restore_window()
        self._choose_start_screen()

    # ----------------------------------------------------------------- building

    def _build_ui(self) -> None:
        self._nav_model = PageListModel(self)
        self._nav = QListView()
        self._nav.setObjectName("navigation")
        self._nav.setModel(self._nav_model)
        self._nav.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._nav.setMinimumWidth(150)
        self._nav.setMaximumWidth(320)
        self._nav.setSpacing(2)
        self._nav.selectionModel().currentChanged.connect(self._on_nav_current_changed)
        self._stack = QStackedWidget()
        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setObjectName("main_splitter")
        self._splitter.addWidget(self._nav)
        self._splitter.addWidget(self._stack)
        self._splitter.setStretchFactor(1, 1)
        self._splitter.setSizes([170, 1110])
        self._welcome = WelcomePage(self._context)
        self._welcome.data_loaded.connect(self._on_welcome_data_loaded)
        self._welcome.skipped.connect(self._show_workspace)
        self._root = QStackedWidget()
        self._root.addWidget(self._splitter)
        self._root.addWidget(self._welcome)
        self.setCentralWidget(self._root)
        self._location_label = QLabel()
        self._location_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self._location_label)
        self._search_popup = SearchPopup(self)
        self._search_popup.hit_activated.connect(self._on_search_popup_hit_activated)
        self._duplicates_dialog: DuplicatesDialog | None = None
        self._quick_capture_dialog: QuickCaptureDialog | None = None

    def _action(self, shortcuts: list[QKeySequence | str], slot: Callable[[], Any]) -> QAction:
        action = QAction(self)
        action.setShortcuts([QKeySequence(item) if isinstance(item, str) else item for item in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        self._new_action = self._action([QKeySequence.StandardKey.New], lambda: self._on_record_action("new"))
        self._save_action = self._action(
            [QKeySequence.StandardKey.Save], lambda: self._on_record_action("save")
        )
        self._delete_action = self._action(["Del"], lambda: self._on_record_action("delete"))
        self._undo_action = self._action(
            [QKeySequence.StandardKey.Undo], lambda: self._on_record_action("undo")
        )
        self._search_action = self._action(["Ctrl+K", "Ctrl+F"], self.open_search)
        self._refresh_action = self._action(["F5"], self.refresh)
        self._rematch_action = self._action(["Ctrl+Shift+R"], self.recompute_suggestions)
        self._settings_action = self._action(["Ctrl+,"], self.open_settings)
        self._import_action = self._action(["Ctrl+I"], self._on_import_triggered)
        self._export_action = self._action([], lambda: start_export(self, self._context))
        self._shortlist_action = self._action([], self.write_shortlist)
        self._duplicates_action = self._action([], self.open_duplicates)
        self._quick_capture_action = self._action(["Ctrl+Shift+N"], self.open_quick_capture)
        self._demo_action = self._action([], self._on_demo_triggered)
        self._backups_action = self._action([], self.open_backups)
        self._bundles_action = self._action([], self.open_bundles)
        self._gdpr_action = self._action([], self.open_personal_data)
        self._encrypt_action = self._action([], self.encrypt_database)
        self._rekey_action = self._action([], self.change_passphrase)
        self._decrypt_action = self._action([], self.decrypt_database)
        self._about_action = self._action(
            [], lambda: AboutDialog.ask(self, self._context.db.display_location)
        )
        self._quit_action = self._action([QKeySequence.StandardKey.Quit], self.close)
        self._page_actions: list[QAction] = []

        menu_bar = self.menuBar()
        self._file_menu = menu_bar.addMenu("")
        self._file_menu.addAction(self._quick_capture_action)
        self._file_menu.addSeparator()
        for action in (self._import_action, self._export_action, self._shortlist_action):
            self._file_menu.addAction(action)
        self._file_menu.addSeparator()
        for action in (self._backups_action, self._bundles_action, self._gdpr_action):
            self._file_menu.addAction(action)
        for action in (self._encrypt_action, self._rekey_action, self._decrypt_action):
            self._file_menu.addAction(action)
        self._file_menu.aboutToShow.connect(self._enable_encryption_actions)
        self._file_menu.addSeparator()
        for action in (self._demo_action, self._settings_action):
            self._file_menu.addAction(action)
        self._file_menu.addSeparator()
        self._file_menu.addAction(self._quit_action)
        self._edit_menu = menu_bar.addMenu("")
        for action in (self._new_action, self._save_action, self._delete_action, self._undo_action):
            self._edit_menu.addAction(action)
        self._edit_menu.addSeparator()
        self._edit_menu.addAction(self._search_action)
        self._edit_menu.addAction(self._duplicates_action)
        self._view_menu = menu_bar.addMenu("")
        self._view_menu.addAction(self._refresh_action)
        self._view_menu.addAction(self._rematch_action)
        self._view_menu.addSeparator()
        self._help_menu = menu_bar.addMenu("")
        self._help_menu.addAction(self._about_action)

    def _add_standard_pages(self) -> None:
        needs = RecordPage(self._context, NEEDS)
        companies = RecordPage(self._context, COMPANIES)
        research = ResearchPage(self._context)
        self.add_page("needs", needs, lambda: text.kind_label("needs"))
        self.add_page("companies", companies, lambda: text.kind_label("companies"))
        self.add_page("research", research, lambda: self.tr("Research units & teams"))
        self.add_page("matches", LazyPage(lambda: _pipeline_page(self._context)), lambda: self.tr("Matches"))
        self.add_page("dashboard", LazyPage(lambda: _dashboard_page(self)), lambda: self.tr("Dashboard"))
        self.add_page("events", LazyPage(lambda: _events_page(self._context)), lambda: self.tr("Events"))
        needs.loaded.connect(self._on_first_list_loaded)

    def add_page(self, key: str, page: QWidget, title_fn: Callable[[], str]) -> None:
        """Add a page to the navigation (Ctrl+1… in the order added); its `data_written` signal, if
        any, is relayed as `data_changed`."""
        self._pages[key] = page
        self._stack.addWidget(page)
        self._nav_model.add(PageEntry(key, title_fn))
        written = getattr(page, "data_written", None)
        if written is not None:
            written.connect(self._on_page_data_written)
        position = len(self._page_actions) + 1
        if position <= 9:
            action = self._action([f"Ctrl+{position}"], lambda key=key: self.show_page(key))
            self._view_menu.addAction(action)
            self._page_actions.append(action)
            action.setText(title_fn())
        if self._nav.currentIndex().row() < 0:
            self._nav.setCurrentIndex(self._nav_model.index(0, 0))

    def show_page(self, key: str) -> None:
        """Show a page (and the workspace, if the welcome page was shown)."""
        position = self._nav_model.position_of(key)
        if position is None:
            return
        self._show_workspace()
        self._nav.setCurrentIndex(self._nav_model.index(position, 0))

    def page(self, key: str) -> QWidget:
        """The page added under `key` (a LazyPage is built on demand)."""
        page = self._pages[key]
        return page.build() if isinstance(page, LazyPage) else page

    def open_page(self, key: str) -> QWidget:
        """Show the page added under `key` and return it (e.g. to set its filters)."""
        self.show_page(key)
        return self.page(key)

    def current_page_key(self) -> str:
        return self._nav_model.key_at(self._nav.currentIndex().row())

    def welcome_page(self) -> WelcomePage:
        return self._welcome

    def search_popup(self) -> SearchPopup:
        return self._search_popup

    def is_welcome_shown(self) -> bool:
        return self._root.currentWidget() is self._welcome

    def retranslate_ui(self) -> None:
        self.setWindowTitle("ENACT Match")
        self._file_menu.setTitle(self.tr("&File"))
        self._edit_menu.setTitle(self.tr("&Edit"))
        self._view_menu.setTitle(self.tr("&View"))
        self._help_menu.setTitle(self.tr("&Help"))
        texts = {
            self._new_action: (self.tr("&New record"), self.tr("Create a record on the current page")),
            self._save_action: (self.tr("&Save"), self.tr("Save the record being edited")),
            self._delete_action: (self.tr("&Delete"), self.tr("Delete the selected record")),
            self._undo_action: (self.tr("&Undo last change"), self.tr("Undo the last save or deletion")),
            self._search_action: (
                self.tr("&Search…"),
                self.tr("Find companies, units, teams, needs, contacts"),
            ),
            self._refresh_action: (self.tr("&Refresh"), self.tr("Read the data again")),
            self._backups_action: (
                self.tr("&Backups…"),
                self.tr("The verified backups of the database; back up now or restore one"),
            ),
            self._bundles_action: (
                self.tr("&Laptop bundles…"),
                self.tr("Export my changes, merge a bundle from another laptop, settle conflicts"),
            ),
            self._gdpr_action: (
                self.tr("&Personal data (GDPR)…"),
                self.tr("Export everything held about a person, or erase them"),
            ),
            self._encrypt_action: (
                self.tr("En&crypt this database…"),
                self.tr("Encrypt the database file and its backups with a passphrase (SQLCipher)"),
            ),
            self._rekey_action: (
                self.tr("C&hange the passphrase…"),
                self.tr("Encrypt the database file and its backups again with a new passphrase"),
            ),
            self._decrypt_action: (
                self.tr("Decr&ypt this database…"),
                self.tr("Store the database file and its backups unencrypted again"),
            ),
            self._rematch_action: (
                self.tr("Recompute all &suggestions"),
                self.tr("Re-read every need and team and rank them again (after a large import)"),
            ),
            self._settings_action: (
                self.tr("Se&ttings…"),
                self.tr("Database, language, your name and structure"),
            ),
            self._import_action: (
                self.tr("&Import a file…"),
                self.tr("Import records from CSV, XLSX or ODS, with a preview of the columns and rows"),
            ),
            self._export_action: (
                self.tr("&Export…"),
                self.tr("Needs, teams, companies, matches or the pipeline as CSV or XLSX"),
            ),
            self._shortlist_action: (
                self.tr("Shortlist &report (PDF)…"),
                self.tr("The needs listed on the Needs page with their best teams, as a PDF to print"),
            ),
            self._quick_capture_action: (
                self.tr("&Quick capture…"),
                self.tr("A visitor's company, contact and need in a few keystrokes, then the best teams"),
            ),
            self._duplicates_action: (
                self.tr("Find &duplicates…"),
                self.tr("Companies, units, teams or contacts entered twice: compare and merge them"),
            ),
            self._demo_action: (self.tr("Load the &demo data"), self.tr("Add the demo data set")),
            self._about_action: (self.tr("&About ENACT Match"), ""),
            self._quit_action: (self.tr("&Quit"), ""),
        }
        for action, (words, tip) in texts.items():
            action.setText(words)
            action.setStatusTip(tip)
        for position, action in enumerate(self._page_actions):
            action.setText(self._nav_model.data(self._nav_model.index(position, 0)) or "")
        self._nav_model.retranslate()
        # Wide enough for the longest page title in the current language.
        metrics = self._nav.fontMetrics()
        titles = [
            self._nav_model.data(self._nav_model.index(i, 0)) or "" for i in range(self._nav_model.rowCount())
        ]
        self._nav.setMinimumWidth(
            max((metrics.horizontalAdvance(title) for title in titles), default=100) + 32
        )
        self._location_label.setText(self.tr("Data: %1").replace("%1", self._context.db.display_location))

    # ----------------------------------------------------------------- start and layout

    def _restore_window(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        splitter = settings.value("window/splitter")
        if splitter is not None:
            self._splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self._splitter.saveState())
        for page in self._pages.values():
            save_layout = getattr(page, "save_layout", None)
            if save_layout is not None:
                save_layout()
        super().closeEvent(event)

    def _choose_start_screen(self) -> None:
        counts = catalog.count_records(self._context.db)
        if not any(counts.values()):
            self._root.setCurrentWidget(self._welcome)
            QTimer.singleShot(0, self._send_ready)
        else:
            self._show_workspace()

    def _show_workspace(self) -> None:
        self._root.setCurrentWidget(self._splitter)
        if not self._workspace_loaded:
            self._workspace_loaded = True
            self.refresh()

    def _send_ready(self) -> None:
        if not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()
            self._rebuild_search_index()

    def _on_first_list_loaded(self) -> None:
        self._send_ready()

    def refresh(self) -> None:
        """Read every page's data again (F5)."""
        self._refresh_pages(except_page=None)
        self._rebuild_search_index()

    def _refresh_pages(self, except_page: object) -> None:
        for page in self._pages.values():
            shown = (
                page.page if isinstance(page, LazyPage) else page
            )  # unbuilt lazy pages have nothing to read
            refresh = getattr(shown, "refresh", None)
            if refresh is not None and page is not except_page:
                refresh()

    # ----------------------------------------------------------------- navigation and search

    def _on_nav_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._stack.setCurrentWidget(self._pages[self._nav_model.key_at(current.row())])

    def open_search(self) -> None:
        """Show the global search popup (Ctrl+K, Ctrl+F)."""
        self._search_popup.open_over(self)

    def _rebuild_search_index(self) -> None:
        self._search_generation += 1
        generation = self._search_generation

        def on_done(index: SearchIndex) -> None:
            if generation == self._search_generation:  # a later rebuild supersedes this one
                self._search_index = index
                self._search_popup.set_index(index)
                self.search_index_built.emit()

        run_in_background(lambda: _build_search_index(self._context), on_done, lambda _error: None)

    def _on_search_popup_hit_activated(self, hit: SearchHit) -> None:
        kind, record_id = (hit.opens or (hit.kind, hit.id)) if hit.kind == "contacts" else (hit.kind, hit.id)
        self.open_record(kind, record_id)

    def open_record(self, kind: str, record_id: uuid.UUID) -> None:
        """Show the page listing `kind` with that record selected."""
        key = {"needs": "needs", "companies": "companies", "teams": "research", "units": "research"}.get(kind)
        if key is None:
            return
        self.show_page(key)
        page = self._pages[key]
        page.select_record(kind, record_id)  # type: ignore[attr-defined]

    # ----------------------------------------------------------------- actions

    def _active_record_page(self) -> RecordPage | None:
        if self.is_welcome_shown():
            return None
        page = self._stack.currentWidget()
        active = getattr(page, "active_record_page", None)
        return active() if active is not None else None

    def _on_record_action(self, name: str) -> None:
        page = self._active_record_page()
        if page is None:
            return
        actions = {
            "new": page.new_record,
            "save": page.save_current,
            "delete": page.delete_current,
            "undo": page.undo,
        }
        actions[name]()

    def _on_page_data_written(self) -> None:
        self._refresh_pages(except_page=self.sender())
        self._rebuild_search_index()
        self.data_changed.emit()

    def _on_welcome_data_loaded(self) -> None:
        self._show_workspace()
        self._rebuild_search_index()
        self.data_changed.emit()

    def recompute_suggestions(self) -> BackgroundTask:
        """Rank every need and team again, with progress and Cancel (Ctrl+Shift+R)."""
        return start_rematch(self, self._context, self.refresh)

    def _on_import_triggered(self) -> None:
        report = ImportWizard.ask(self, self._context)
        if report is not None and not report.dry_run:
            self._on_welcome_data_loaded_or_refresh()

    def open_backups(self) -> BackupsDialog:
        """File → Backups…: list, make and restore backups; the pages are read again after a restore."""
        dialog = BackupsDialog.ask(self, self._context)
        dialog.restored.connect(lambda _report: self.refresh())
        return dialog

    def open_bundles(self) -> BundlesDialog:
        """File → Laptop bundles…: export, merge (the pages are read again after a merge), conflicts."""
        from enact_match.ui.bundles_dialog import BundlesDialog  # the sync services, on first use

        dialog = BundlesDialog.ask(self, self._context)
        dialog.merged.connect(lambda _report: self.refresh())
        dialog.resolved.connect(self.refresh)
        return dialog

    def open_personal_data(self, contact_ref: str | None = None) -> GdprDialog:
        """File → Personal data (GDPR)…: export or erase a person; the pages are read again after erasing."""
        dialog = GdprDialog.ask(self, self._context, contact_ref)
        dialog.erased.connect(lambda _ref: self.refresh())
        return dialog

    def encrypt_database(self) -> BackgroundTask | None:
        """File → Encrypt this database…: passphrase twice, then the database and its backups encrypted."""
        from enact_match.ui.database_key_dialog import start_encryption

        return start_encryption(self, self._context, self.refresh)

    def change_passphrase(self) -> BackgroundTask | None:
        """File → Change the passphrase…: the current one, the new one twice, then everything re-encrypted."""
        from enact_match.ui.database_key_dialog import start_key_change

        return start_key_change(self, self._context, self.refresh)

    def decrypt_database(self) -> BackgroundTask | None:
        """File → Decrypt this database…: a warning, the passphrase, then the files stored unencrypted."""
        from enact_match.ui.database_key_dialog import start_decryption

        return start_decryption(self, self._context, self.refresh)

    def _enable_encryption_actions(self) -> None:
        """Encrypt a plain database file; change the passphrase of, or decrypt, an encrypted one."""
        db = self._context.db
        encrypted = db.file_path is not None and db.is_encrypted
        self._encrypt_action.setEnabled(db.file_path is not None and not encrypted)
        self._rekey_action.setEnabled(encrypted)
        self._decrypt_action.setEnabled(encrypted)

    def open_duplicates(self) -> DuplicatesDialog:
        """Show the duplicates review screen (Edit → Find duplicates…); merges refresh the pages."""
        if self._duplicates_dialog is None:
            self._duplicates_dialog = DuplicatesDialog(self._context, self)
            self._duplicates_dialog.data_written.connect(self._on_page_data_written)
        else:
            self._duplicates_dialog.find_groups()
        self._duplicates_dialog.show()
        self._duplicates_dialog.raise_()
        self._duplicates_dialog.activateWindow()
        return self._duplicates_dialog

    def open_quick_capture(self) -> QuickCaptureDialog:
        """File → Quick capture… (Ctrl+Shift+N): a visitor at a stand; each save refreshes the pages."""
        if self._quick_capture_dialog is None:
            from enact_match.ui.quick_capture import QuickCaptureDialog  # loads the matching services

            self._quick_capture_dialog = QuickCaptureDialog(self._context, self)
            self._quick_capture_dialog.data_written.connect(self._on_page_data_written)
        self._quick_capture_dialog.show()
        self._quick_capture_dialog.raise_()
        self._quick_capture_dialog.activateWindow()
        return self._quick_capture_dialog

    def write_shortlist(self) -> None:
        """Write the shortlist report (PDF) of the needs the Needs page lists (its filters apply)."""
        page = self.page("needs")
        assert isinstance(page, RecordPage)
        proxy = page.proxy()
        refs = [proxy.index(row, 0).data(RowRole).ref for row in range(proxy.rowCount())]
        start_shortlist(self, self._context, [ref for ref in refs if ref])

    def _on_demo_triggered(self) -> None:
        start_demo_load(self, self._context, self._on_welcome_data_loaded_or_refresh)

    def _on_welcome_data_loaded_or_refresh(self) -> None:
        if self.is_welcome_shown():
            self._on_welcome_data_loaded()
        else:
            self.refresh()
            self.data_changed.emit()

    # ----------------------------------------------------------------- settings

    def open_settings(self) -> None:
        """Edit the settings (Ctrl+,); a new database is opened and a new language applied at once."""
        try:
            structures = catalog.list_structures(self._context.db)
        except Exception:  # an unreachable database must not keep the user out of the settings
            structures = []
        chosen = SettingsDialog.ask(self, self._context.settings, structures)
        if chosen is not None:
            self.apply_settings(chosen)

    def apply_settings(self, chosen: Settings) -> None:
        previous = self._context.settings
        chosen.save()
        self._context.apply_settings(chosen)
        if chosen.language != previous.language:
            i18n.install_language(i18n.resolve_language(chosen.language))
        if chosen.database != previous.database:
            self._reopen_database(chosen.database)
        elif (chosen.user_name, chosen.user_structure) != (previous.user_name, previous.user_structure):
            self.refresh()

    def _reopen_database(self, location: str) -> None:
        target = location or str(default_database_path())

        def on_done(db: Database) -> None:
            self._context.replace_database(db)
            self._workspace_loaded = False
            self.retranslate_ui()
            self._welcome.retranslate_ui()
            self._choose_start_screen()
            self.refresh()
            self.data_changed.emit()

        def on_error(error: BaseException) -> None:
            if isinstance(error, DatabaseKeyError) and error.code in ("key_required", "wrong_key"):
                # an encrypted file whose key the keyring does not hold (or holds wrong): ask for it here
                from enact_match.ui.database_key_dialog import open_database_asking_key  # off start-up

                opened = open_database_asking_key(target, self)
                if opened is not None:
                    on_done(opened)
                return
            prompts.show_error(
                self,
                self.tr("Cannot open the database"),
                self.tr("%1 could not be opened: %2")
                .replace("%1", target)
                .replace("%2", str(error).splitlines()[0]),
            )

        # An encrypted file opens in the background with the key kept in the keyring; without one, the
        # passphrase is asked for on the GUI thread (on_error).
        run_in_background(lambda: open_database(target, key_for=stored_key), on_done, on_error)
