"""Starting the desktop app: Qt application, language, database, main window."""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from enact_match import __version__
from enact_match.config import HOME_ENV, Settings, config_dir, resolve_database
from enact_match.services.database import open_database
from enact_match.ui import i18n, prompts
from enact_match.ui.context import AppContext, viewer_of
from enact_match.ui.main_window import MainWindow
from enact_match.ui.workers import wait_for_background_work

# Set to 1 to quit as soon as the window is ready and print the time taken (start-up benchmark).
QUIT_WHEN_READY_ENV = "ENACT_MATCH_QUIT_WHEN_READY"
# The benchmark passes the launch time so that interpreter start-up is counted too.
LAUNCHED_AT_ENV = "ENACT_MATCH_LAUNCHED_AT"


def create_application(argv: Sequence[str]) -> QApplication:
    """The QApplication, named so that QSettings and dialogs find the app."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    QCoreApplication.setOrganizationName("ENACT")
    QCoreApplication.setApplicationName("ENACT Match")
    QCoreApplication.setApplicationVersion(__version__)
    if os.environ.get(HOME_ENV):
        # Everything in one folder (a USB key at a fair, tests): the window's remembered layout too.
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(config_dir()))
    return app


def run(argv: Sequence[str], db_location: str | None) -> int:
    """Open the desktop app on the given database (None: the configured one); returns the exit code."""
    app = create_application(argv)
    settings = Settings.load()
    i18n.install_language(i18n.resolve_language(settings.language))
    location = resolve_database(db_location, settings)
    try:
        db = open_database(location)
    except Exception as error:
        prompts.show_error(
            None,
            QCoreApplication.translate("App", "Cannot open the database"),
            QCoreApplication.translate("App", "%1 could not be opened: %2")
            .replace("%1", location)
            .replace("%2", str(error).splitlines()[0] if str(error) else type(error).__name__),
        )
        return 1
    context = AppContext(db, settings, viewer_of(settings))
    window = MainWindow(context)
    # Objects alive once the window is ready live as long as the app: keeping them out of the
    # collector's full passes avoids ~100 ms pauses of the event loop later on.
    window.ready.connect(gc.freeze)
    if os.environ.get(QUIT_WHEN_READY_ENV) == "1":
        window.ready.connect(lambda: _report_ready_and_quit(app))
    window.show()
    try:
        return app.exec()
    finally:
        wait_for_background_work()
        context.db.dispose()


def _report_ready_and_quit(app: QApplication) -> None:
    launched = float(os.environ.get(LAUNCHED_AT_ENV, "0") or 0)
    elapsed = time.time() - launched if launched else time.process_time()
    print(f"ready {elapsed:.3f}", file=sys.stdout, flush=True)
    matching_loaded = "sklearn" in sys.modules
    print(f"sklearn_imported {matching_loaded}", file=sys.stdout, flush=True)
    QTimer.singleShot(0, app.quit)
