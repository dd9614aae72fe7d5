"""Exports from the desktop app: tables as CSV or XLSX, a need's brief and a shortlist report as PDF.

The file dialog's filter chooses the format (CSV for French Excel, plain UTF-8 CSV, XLSX) or the
language of a PDF (the interface language by default). The files are written in the background
behind a progress dialog; a PDF is then offered to be opened.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from enact_match.services.exports import EXPORT_KINDS, ExportReport, export_file
from enact_match.ui import i18n, prompts, text
from enact_match.ui.context import AppContext
from enact_match.ui.long_operations import progress_dialog
from enact_match.ui.workers import BackgroundTask, run_in_background

translate = QCoreApplication.translate


def _export_filters() -> list[tuple[str, str, str]]:
    """(filter, profile, suffix) of each export format, French Excel's first."""
    return [
        (translate("Exports", "CSV for French Excel (*.csv)"), "excel-fr", ".csv"),
        (translate("Exports", "CSV, UTF-8 with commas (*.csv)"), "utf8", ".csv"),
        (translate("Exports", "Excel workbook (*.xlsx)"), "xlsx", ".xlsx"),
    ]


def _pdf_filters() -> list[tuple[str, str, str]]:
    return [
        (translate("Exports", "PDF in French (*.pdf)"), "fr", ".pdf"),
        (translate("Exports", "PDF in English (*.pdf)"), "en", ".pdf"),
    ]


def ask_save_path(
    parent: QWidget | None, title: str, suggested: Path, filters: list[tuple[str, str, str]], preferred: str
) -> tuple[Path, str] | None:
    """A save dialog whose filter tells the format: the path, with its suffix, and the filter's code."""
    selected = next((words for words, code, _suffix in filters if code == preferred), filters[0][0])
    name, chosen_filter = QFileDialog.getSaveFileName(
        parent, title, str(suggested), ";;".join(words for words, _code, _suffix in filters), selected
    )
    if not name:
        return None
    _words, code, suffix = next((item for item in filters if item[0] == chosen_filter), filters[0])
    path = Path(name)
    return (path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)), code


def choose_export_file(parent: QWidget | None, kind: str) -> tuple[Path, str] | None:
    """Ask where to export `kind`; returns the path and the profile (`excel-fr`, `utf8` or `xlsx`)."""
    return ask_save_path(
        parent,
        translate("Exports", "Export %1").replace("%1", text.export_kind_label(kind)),
        Path.home() / f"{kind}.csv",
        _export_filters(),
        "excel-fr",
    )


def choose_pdf_file(parent: QWidget | None, title: str, suggested: str) -> tuple[Path, str] | None:
    """Ask where to write a PDF and in which language; returns the path and `fr` or `en`."""
    return ask_save_path(parent, title, Path.home() / suggested, _pdf_filters(), i18n.current_language())


def open_document(path: Path) -> None:
    """Open a written file with the system's viewer."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _one_line(error: BaseException) -> str:
    code = getattr(error, "code", None)
    if isinstance(code, str):
        words = text.problem_label(code)
        if words != code:
            return words
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def run_writing(
    parent: QWidget,
    label: str,
    work: Callable[[], Any],
    on_written: Callable[[Any], None],
    failure_title: str,
) -> BackgroundTask:
    """Write a file in the background behind a progress dialog (the services give no progress)."""
    dialog = progress_dialog(parent, label, cancellable=False)

    def on_done(result: Any) -> None:
        dialog.close()
        on_written(result)

    def on_error(error: BaseException) -> None:
        dialog.close()
        prompts.show_error(parent, failure_title, _one_line(error))

    return run_in_background(work, on_done, on_error)


def start_export(parent: QWidget, context: AppContext) -> BackgroundTask | None:
    """Ask what to export and where (the filter chooses CSV or XLSX), then export in the background."""
    kind = prompts.ask_choice(
        parent,
        translate("Exports", "Export"),
        translate("Exports", "What do you want to export?"),
        [(kind, text.export_kind_label(kind)) for kind in EXPORT_KINDS],
    )
    if kind is None:
        return None
    chosen = choose_export_file(parent, kind)
    if chosen is None:
        return None
    path, profile = chosen
    db = context.db

    def work() -> ExportReport:
        return export_file(db, kind, path, "excel-fr" if profile == "xlsx" else profile, context.viewer)

    def on_written(report: ExportReport) -> None:
        prompts.show_info(
            parent,
            translate("Exports", "Export finished"),
            translate("Exports", "%1 rows written to %2.")
            .replace("%1", str(report.rows))
            .replace("%2", str(report.path)),
        )

    return run_writing(
        parent,
        translate("Exports", "Exporting to %1…").replace("%1", path.name),
        work,
        on_written,
        translate("Exports", "Cannot export"),
    )


def offer_to_open(parent: QWidget, path: Path) -> None:
    """Ask whether to open a file or folder just written, and open it with the system's application."""
    if prompts.confirm(
        parent,
        translate("Exports", "PDF written"),
        translate("Exports", "%1 is written. Open it now?").replace("%1", str(path)),
    ):
        open_document(path)


def start_brief(parent: QWidget, context: AppContext, need_ref: str) -> BackgroundTask | None:
    """Write the one-page brief of a need as PDF (French or English), then offer to open it."""
    chosen = choose_pdf_file(
        parent, translate("Exports", "Brief of %1").replace("%1", need_ref), f"{need_ref}.pdf"
    )
    if chosen is None:
        return None
    path, language = chosen
    db = context.db

    def work() -> Path:
        from enact_match.services.briefs import write_need_brief  # loads the matching engine

        write_need_brief(db, context.suggestions, need_ref, path, language, viewer=context.viewer)
        return path

    return run_writing(
        parent,
        translate("Exports", "Writing the brief…"),
        work,
        lambda written: offer_to_open(parent, written),
        translate("Exports", "Cannot write the brief"),
    )


def start_shortlist(parent: QWidget, context: AppContext, need_refs: Sequence[str]) -> BackgroundTask | None:
    """Write the shortlist report of several needs as PDF, then offer to open it."""
    if not need_refs:
        prompts.show_info(
            parent,
            translate("Exports", "Shortlist report"),
            translate("Exports", "No need is listed: clear the filters of the Needs page."),
        )
        return None
    chosen = choose_pdf_file(parent, translate("Exports", "Shortlist report"), "shortlist.pdf")
    if chosen is None:
        return None
    path, language = chosen
    db, refs = context.db, list(need_refs)

    def work() -> Path:
        from enact_match.services.briefs import write_shortlist  # loads the matching engine

        write_shortlist(db, context.suggestions, refs, path, language, viewer=context.viewer)
        return path

    return run_writing(
        parent,
        translate("Exports", "Writing the shortlist report…"),
        work,
        lambda written: offer_to_open(parent, written),
        translate("Exports", "Cannot write the shortlist report"),
    )
