"""Regenerates the README screenshots of the main screens from the demo data (docs/screenshots/*.png).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py [--language en|fr]
One function per screen; each opens what a user would open, waits for the data, and grabs the window.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from enact_match.config import HOME_ENV, Settings
from enact_match.services import catalog
from enact_match.services.database import Database, open_database
from enact_match.services.demo import load_demo
from enact_match.services.suggestions import SuggestionService
from enact_match.ui import i18n
from enact_match.ui.app import create_application
from enact_match.ui.context import AppContext, viewer_of
from enact_match.ui.dashboard_page import DashboardPage
from enact_match.ui.import_wizard import ImportWizard
from enact_match.ui.main_window import MainWindow
from enact_match.ui.pipeline_page import PipelinePage
from enact_match.ui.record_pages import RecordPage, ResearchPage
from enact_match.ui.score_delegate import MATCH_ROLE
from enact_match.ui.suggestions_panel import SuggestionsPanel
from enact_match.ui.workers import wait_for_background_work

OUT = Path(__file__).resolve().parent / "screenshots"
SIZE = (1440, 900)
USER = Settings(user_name="Julie Martin", user_structure="POLARIS")  # a fictional officer


def run_loop(duration_ms: int) -> None:
    """Run the event loop for a while (a tight loop of processEvents() calls drops one reference to
    None per call in PySide6 6.12 on Python 3.11, and the interpreter aborts)."""
    loop = QEventLoop()
    QTimer.singleShot(duration_ms, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], timeout_ms: int = 20000) -> None:
    """Run the event loop until `condition()` holds (data loaded in the background)."""
    timer = QElapsedTimer()
    timer.start()
    while not condition():
        run_loop(20)
        if timer.elapsed() > timeout_ms:
            raise TimeoutError("the screen did not get its data in time")
    run_loop(200)


def save(widget: QWidget, name: str, suffix: str) -> None:
    path = OUT / f"{name}{suffix}.png"
    widget.grab().save(str(path))
    print(path)


def open_window(db: Database) -> MainWindow:
    window = MainWindow(AppContext(db, USER, viewer_of(USER)))
    window.resize(*SIZE)
    window.show()
    return window


def welcome_page(folder: Path, suffix: str) -> None:
    window = open_window(open_database(str(folder / "empty.sqlite3")))
    wait_until(window.is_welcome_shown)
    save(window, "welcome", suffix)
    window.close()


def showcase_need(db: Database) -> uuid.UUID:
    """The open demo need whose best remaining suggestion links a French term to an English one
    through the thesaurus, with the highest score: what a user would look at first."""
    pairs = SuggestionService.with_shipped_resources(db).best_pairs(
        top=1, viewer=viewer_of(USER), explain=True
    )
    bilingual = [
        row
        for row in pairs
        if row.explanation is not None and any(term.concept for term in row.explanation.terms)
    ]
    return max(bilingual or pairs, key=lambda row: row.score).need_id


def needs_with_detail(window: MainWindow, suffix: str, need_id: uuid.UUID) -> None:
    """The needs page with a need selected: ranked teams, score bars, axis chips and the explanation."""
    window.show_page("needs")
    page = window.page("needs")
    assert isinstance(page, RecordPage)
    wait_until(lambda: page.model().rowCount() > 0)
    window.open_record("needs", need_id)
    wait_until(lambda: window.findChild(SuggestionsPanel) is not None)
    panel = window.findChild(SuggestionsPanel)
    wait_until(lambda: panel.model.rowCount() > 0 and not panel.busy_label.isVisible())
    panel.table.selectRow(0)
    wait_until(lambda: "<h4>" in panel.explanation_view.html())
    save(window, "needs", suffix)


def pipeline_board(window: MainWindow, suffix: str) -> None:
    """The matches board with a match selected: its stage, notes and history on the side."""
    window.show_page("matches")
    page = window.page("matches")
    assert isinstance(page, PipelinePage)
    wait_until(lambda: page.model.rowCount() > 0)
    busiest = max(page.columns.values(), key=lambda column: column.proxy.rowCount())
    page.select_match(busiest.proxy.index(0, 0).data(MATCH_ROLE).id)
    wait_until(lambda: page.history_model.rowCount() > 0)
    save(window, "pipeline", suffix)


def dashboard_page(window: MainWindow, suffix: str) -> None:
    """The dashboard over all dates: key figures, charts and the competency gaps found by the engine."""
    window.show_page("dashboard")
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage)
    wait_until(lambda: page.gaps_model.rowCount() > 0, timeout_ms=60000)
    save(window, "dashboard", suffix)


def teams_page(window: MainWindow, suffix: str) -> None:
    window.show_page("research")
    research = window.page("research")
    assert isinstance(research, ResearchPage)
    teams = research.teams
    wait_until(lambda: teams.model().rowCount() > 0)
    teams.select_record("teams", teams.model().row_at(2).id)
    run_loop(4000)  # the needs the team could answer are computed in the background
    save(window, "teams", suffix)


def search_popup(window: MainWindow, suffix: str) -> None:
    window.show_page("needs")
    popup = window.search_popup()
    wait_until(popup.has_index)
    window.open_search()
    popup.set_search_text("fonderie valmorl")
    wait_until(lambda: bool(popup.hits()))
    # The popup is its own window: paint it over a grab of the main window for the picture.
    picture = window.grab()
    painter = QPainter(picture)
    painter.drawPixmap(popup.pos() - window.pos(), popup.grab())
    painter.end()
    path = OUT / f"search{suffix}.png"
    picture.save(str(path))
    print(path)
    popup.hide()


def events_schedule(window: MainWindow, suffix: str) -> None:
    """The demo B2B day scheduled: the grid of slots × tables, the figures against the greedy
    baseline and the requests that could not be placed, with why."""
    from enact_match.ui.events_page import EventsPage  # built on first show, like the page

    window.show_page("events")
    page = window.page("events")
    assert isinstance(page, EventsPage)
    wait_until(lambda: page.selected_event() is not None)
    page.tabs.setCurrentIndex(2)
    page.time_limit_spin.setValue(5)
    results: list[object] = []
    page.scheduled.connect(results.append)
    page.schedule()
    wait_until(lambda: bool(results) and page.grid_model.meetings() != [], timeout_ms=60000)
    save(window, "events", suffix)


# A partner's export as French Excel writes it: a title line above the header, cp1252, semicolons; one
# row repeats a demo company (same SIREN) and one has a mistyped SIREN.
PARTNER_CSV = """Export CRM du 12/03/2025;;;;
Raison sociale;Forme juridique;SIREN;Ville;Commentaire
Alumétal Rhin-Est;SAS;995874070;Haguenau;déjà suivie par POLARIS
Fonderie du Florival;SARL;732829320;Guebwiller;
Brasserie Kronenbach;SA;123456789;Obernai;SIREN à vérifier
Verrerie de Meisenthal;SAS;552100554;Meisenthal;
Lorraine Hydrogène;SAS;542107651;Nancy;salon Hydrogen Days
Textiles Vosgiens Réunis;SARL;443061841;Épinal;
"""


def import_wizard_preview(window: MainWindow, db: Database, folder: Path, suffix: str) -> None:
    """The import wizard's second page on a partner's CSV: how it was read, the mapping, the first
    rows with an invalid cell, and the existing company one row would update."""
    path = folder / "entreprises-partenaire.csv"
    path.write_bytes(PARTNER_CSV.replace("\n", "\r\n").encode("cp1252"))
    wizard = ImportWizard(AppContext(db, Settings()), path, window)
    wizard.file_page.set_kind("companies")
    wizard.resize(1100, 760)
    wizard.show()
    wizard.next()
    wait_until(lambda: wizard.preview_page.preview is not None and not wizard.preview_page.busy)
    save(wizard, "import_wizard", suffix)
    wizard.reject()


def duplicates_review(window: MainWindow, db: Database, suffix: str) -> None:
    """The duplicates review with two spellings of demo companies: the group list and the records
    side by side, one value ticked per field."""
    catalog.save_record(
        db,
        "companies",
        {"name": "ALUMETAL RHIN EST", "legal_form": "S.A.S.", "city": "Haguenau", "website": "alumetal.fr"},
    )
    catalog.save_record(
        db, "companies", {"name": "Aquaval", "siren": "998 383 640", "city": "Metz", "department": "57"}
    )
    dialog = window.open_duplicates()
    dialog.resize(1200, 620)
    wait_until(lambda: dialog.merge_button.isEnabled())
    save(dialog, "duplicates", suffix)
    dialog.close()


def quick_capture(window: MainWindow, suffix: str) -> None:
    """The quick capture of a visitor at a stand, just saved: the form and the top 5 teams."""
    from enact_match.services.capture import Visit  # the dialog itself is imported on first use

    dialog = window.open_quick_capture()
    dialog.source_edit.setText("Salon Industrie du Futur · Metz")
    dialog.load_visit(
        Visit(
            company_name="Alumétal Rhin-Est",
            company_city="Haguenau",
            contact_name="Claire Muller",
            contact_role="Responsable R&D",
            contact_email="c.muller@alumetal.example",
            contact_phone="03 88 12 34 56",
            gdpr_informed=True,
            need_title="Contrôle qualité des soudures par vision",
            need_description=(
                "Détecter automatiquement les défauts de soudure de pièces en aluminium à partir des "
                "images d'une caméra, directement sur la ligne de production."
            ),
            need_axes=(2,),
        )
    )
    results: list[object] = []
    dialog.visit_saved.connect(results.append)
    dialog.save()
    wait_until(lambda: bool(results), timeout_ms=60000)
    save(dialog, "quick_capture", suffix)
    dialog.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--language", choices=("en", "fr"), default="en")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.language == "en" else "_fr"
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ[HOME_ENV] = str(folder / "home")
        app = create_application(sys.argv[:1])
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "qsettings"))
        i18n.install_language(args.language)
        welcome_page(folder, suffix)
        db = open_database(str(folder / "demo.sqlite3"))
        load_demo(db)
        window = open_window(db)
        needs_with_detail(window, suffix, showcase_need(db))
        teams_page(window, suffix)
        search_popup(window, suffix)
        pipeline_board(window, suffix)
        dashboard_page(window, suffix)
        events_schedule(window, suffix)
        import_wizard_preview(window, db, folder, suffix)
        duplicates_review(window, db, suffix)
        quick_capture(window, suffix)
        window.close()
        wait_for_background_work()
        db.dispose()
        app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
