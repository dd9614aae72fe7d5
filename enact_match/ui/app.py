"""Starting the desktop app: Qt application, language, database, main window."""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from enact_match import __version__
from enact_match.config import HOME_ENV, Settings, config_dir, resolve_database
from enact_match.services.backup import backup_if_due, restore_backup
from enact_match.services.database import Database
from enact_match.services.safety import begin_session, database_location_risk, end_session
from enact_match.ui import i18n, prompts
from enact_match.ui.context import AppContext, viewer_of
from enact_match.ui.database_key_dialog import open_database_asking_key
from enact_match.ui.main_window import MainWindow
from enact_match.ui.workers import run_write_in_background, wait_for_background_work

log = logging.getLogger(__name__)
# How often the app asks whether an automatic backup is due (it is made every 30 minutes of changes).
BACKUP_CHECK_MS = 5 * 60 * 1000
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
        # An encrypted file's passphrase comes from the keyring or a dialog (asked again if wrong).
        opened = open_database_asking_key(location)
    except Exception as error:
        prompts.show_error(
            None,
            QCoreApplication.translate("App", "Cannot open the database"),
            QCoreApplication.translate("App", "%1 could not be opened: %2")
            .replace("%1", location)
            .replace("%2", str(error).splitlines()[0] if str(error) else type(error).__name__),
        )
        return 1
    if opened is None:  # the passphrase dialog was cancelled
        return 1
    db = check_database_at_start(opened)
    context = AppContext(db, settings, viewer_of(settings))
    window = MainWindow(context)
    backup_timer = QTimer(window)
    backup_timer.setInterval(BACKUP_CHECK_MS)
    backup_timer.timeout.connect(lambda: back_up_if_due(context))
    backup_timer.start()
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
        end_session(context.db)
        context.db.dispose()


def _location_text(risk: str) -> str:
    if risk == "cloud":
        return QCoreApplication.translate(
            "App",
            "The database file is in a folder synchronised with a cloud service (Dropbox, OneDrive, Google "
            "Drive, iCloud, Nextcloud). Synchronisation can corrupt it: move it to a local folder.",
        )
    return QCoreApplication.translate(
        "App",
        "The database file is on a network share, where it can be corrupted. Move it to a local disk, or "
        "use a PostgreSQL server for a team.",
    )


def check_database_at_start(db: Database) -> Database:
    """Warn about a risky location; after an unclean exit, check the whole database and offer the last
    good backup when the check fails. Returns the database to use."""
    risk = database_location_risk(db)
    if risk is not None:
        prompts.show_error(
            None, QCoreApplication.translate("App", "Risky database location"), _location_text(risk)
        )
    check = begin_session(db)
    if not check.problems:
        return db
    title = QCoreApplication.translate("App", "The database is damaged")
    if check.last_good_backup is None:
        prompts.show_error(
            None,
            title,
            QCoreApplication.translate(
                "App",
                "The last session did not end normally and the database fails its integrity check (%1). "
                "No sound backup was found.",
            ).replace("%1", check.problems[0]),
        )
        return db
    when = check.last_good_backup.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    question = (
        QCoreApplication.translate(
            "App",
            "The last session did not end normally and the database fails its integrity check (%1). "
            "Restore the last sound backup, made on %2? The damaged database is kept as a backup too.",
        )
        .replace("%1", check.problems[0])
        .replace("%2", when)
    )
    if prompts.confirm(None, title, question):
        try:
            restore_backup(db, check.last_good_backup.path)
        except Exception as error:
            prompts.show_error(
                None, title, str(error).splitlines()[0] if str(error) else type(error).__name__
            )
    return db


def back_up_if_due(context: AppContext) -> None:
    """The timer's work: a verified backup when 30 minutes passed and the data changed (writer thread)."""
    db = context.db
    run_write_in_background(lambda: backup_if_due(db), lambda _info: None, _on_automatic_backup_failed)


def _on_automatic_backup_failed(error: BaseException) -> None:
    # Not a dialog every 5 minutes: the failure is logged and the next attempt may succeed.
    log.warning("automatic backup failed: %s", error)


def _report_ready_and_quit(app: QApplication) -> None:
    launched = float(os.environ.get(LAUNCHED_AT_ENV, "0") or 0)
    elapsed = time.time() - launched if launched else time.process_time()
    print(f"ready {elapsed:.3f}", file=sys.stdout, flush=True)
    matching_loaded = "sklearn" in sys.modules
    print(f"sklearn_imported {matching_loaded}", file=sys.stdout, flush=True)
    QTimer.singleShot(0, app.quit)
