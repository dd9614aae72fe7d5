"""Quick capture speed on the demo data: from pressing Save to the top 5 teams on screen.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_capture.py [--captures 20]

Each capture is a new visitor typed into the real dialog (offscreen), saved with Ctrl+Enter; the
time runs until the dialog shows its teams (the save on the writer thread, the ranking, the table
filled and painted). Printed next to it: the same capture through the service alone, with and
without the ranking (the baseline: the save without suggestions). The engine is fitted before the
first capture, as the dialog does in the background while the first visitor is typed (that fit is
printed too), and each capture starts once the background work of the previous one (the company
index rebuilt for the completion) is over, as it is long before the next visitor is typed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from enact_match.config import HOME_ENV, Settings
from enact_match.services.capture import Visit, capture_visit
from enact_match.services.database import Database, open_database
from enact_match.services.demo import load_demo
from enact_match.ui.context import AppContext, viewer_of
from enact_match.ui.quick_capture import QuickCaptureDialog
from enact_match.ui.workers import wait_for_background_work

OFFICER = Settings(user_name="Julie Martin", user_structure="POLARIS")
NEEDS = (
    ("Contrôle qualité par vision", "Détection de défauts de surface sur pièces de fonderie par caméra."),
    ("Maintenance prédictive", "Prévoir les pannes des fours à partir des capteurs de température."),
    ("Analyse de comptes rendus", "Extraire les informations clés des comptes rendus médicaux."),
    ("Jumeau numérique", "Simuler une ligne d'assemblage pour optimiser les cadences."),
    ("Chatbot client", "Assistant conversationnel en français pour le service après-vente."),
)


def _visit(number: int) -> Visit:
    title, description = NEEDS[number % len(NEEDS)]
    return Visit(
        company_name=f"Entreprise Bench {number}",
        company_city="Metz",
        contact_name=f"Visiteur {number}",
        contact_email=f"visiteur{number}@bench.example",
        gdpr_informed=True,
        source="Salon benchmark",
        need_title=f"{title} {number}",
        need_description=description,
    )


def _run_loop(duration_ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(duration_ms, loop.quit)
    loop.exec()


def _wait(dialog: QuickCaptureDialog) -> None:
    loop = QEventLoop()
    dialog.visit_saved.connect(loop.quit)
    QTimer.singleShot(60000, loop.quit)
    loop.exec()
    dialog.visit_saved.disconnect(loop.quit)
    dialog.teams_table.viewport().repaint()  # the top 5 painted, not only in the model


def through_dialog(db: Database, captures: int) -> tuple[float, list[float]]:
    """Seconds to fit the engine, and from Ctrl+Enter to the top 5 painted, per capture."""
    context = AppContext(db, OFFICER, viewer_of(OFFICER))
    dialog = QuickCaptureDialog(context)
    dialog.show()
    dialog.activateWindow()  # its shortcuts (Ctrl+Enter) work in the active window
    while QApplication.activeWindow() is not dialog:
        _run_loop(20)
    start = time.perf_counter()
    context.suggestions.sync()
    fit = time.perf_counter() - start
    times = []
    for number in range(captures):
        dialog.load_visit(_visit(number))
        dialog.need_form.editor_widget("title").setFocus()
        # Typing a visitor takes far longer than re-indexing the companies after the previous save.
        wait_for_background_work()
        _run_loop(50)
        start = time.perf_counter()
        QTest.keyClick(
            dialog.need_form.editor_widget("title"), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
        _wait(dialog)
        times.append(time.perf_counter() - start)
        result = dialog.saved_result()
        assert result is not None and len(result.teams) == 5, "the top 5 was not shown"
        dialog.next_visitor()
    dialog.close()
    return fit, times


def through_service(db: Database, captures: int, offset: int, ranked: bool) -> list[float]:
    context = AppContext(db, OFFICER, viewer_of(OFFICER))
    service = context.suggestions if ranked else None
    if service is not None:
        service.sync()
    times = []
    for number in range(offset, offset + captures):
        start = time.perf_counter()
        capture_visit(db, _visit(number), context.viewer, service)
        times.append(time.perf_counter() - start)
    return times


def _row(label: str, times: list[float]) -> str:
    return (
        f"| {label} | {statistics.median(times) * 1000:.0f} ms | "
        f"{min(times) * 1000:.0f}–{max(times) * 1000:.0f} ms | {len(times)} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--captures", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ[HOME_ENV] = str(folder / "home")
        app = QApplication(sys.argv[:1])
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "qsettings"))
        runs: list[tuple[str, Callable[[Database], list[float]]]] = [
            ("service: save + top 5 ranked", lambda db: through_service(db, args.captures, 1000, True)),
            (
                "baseline: service save without suggestions",
                lambda db: through_service(db, args.captures, 2000, False),
            ),
        ]
        db = open_database(str(folder / "demo.sqlite3"))
        load_demo(db)
        fit, dialog_times = through_dialog(db, args.captures)
        print(f"engine fitted on the demo data in {fit * 1000:.0f} ms (in the background, while typing)")
        print("| what | median | min–max | captures |")
        print("|---|---|---|---|")
        print(_row("dialog: Ctrl+Enter → top 5 painted", dialog_times))
        for label, run in runs:
            print(_row(label, run(db)))
        wait_for_background_work()
        db.dispose()
        app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
