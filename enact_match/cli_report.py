"""The `report` command: the quarterly report for ENACT's governance, as PDF or XLSX (from the extension)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from enact_match.cli import EXIT_OK, UserError, _date, _open

REPORT_TEXT = {
    "format": "unsupported report file type (use .pdf or .xlsx)",
    "lang": "unknown report language (use fr or en)",
}


def register(commands: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add the `report` subcommand; returns its handler."""
    report = commands.add_parser(
        "report",
        help="the activity report of a period (figures, charts, competency gaps) as PDF or XLSX",
    )
    report.add_argument("--from", dest="start", type=_date, metavar="DATE", help="first day (YYYY-MM-DD)")
    report.add_argument("--to", dest="end", type=_date, metavar="DATE", help="last day, included")
    report.add_argument("file", type=Path, metavar="FILE", help="FILE.pdf or FILE.xlsx")
    report.add_argument("--language", choices=("fr", "en"), default="fr", help="the report's language (fr)")
    report.add_argument("--axis", type=int, choices=(1, 2, 3), help="only the needs of this axis")
    report.add_argument("--structure", metavar="CODE", help="only the needs of this structure, e.g. POLARIS")
    # --structure filters here, so the user's own structure (confidential needs) has its own option.
    report.add_argument("--user", metavar="NAME", help="act as this user (confidential needs)")
    report.add_argument("--user-structure", metavar="CODE", help="the user's structure code")
    return {"report": cmd_report}


def cmd_report(args: argparse.Namespace) -> int:
    from enact_match.services.catalog import Viewer
    from enact_match.services.dashboard import DashboardFilter
    from enact_match.services.report import report_format, write_report
    from enact_match.services.suggestions import SuggestionService

    if args.start and args.end and args.start > args.end:
        raise UserError("--from must not be after --to")
    report_format(args.file)  # refuse a wrong extension before the slow part
    db = _open(args)
    chosen = DashboardFilter(args.start, args.end, args.axis, args.structure)
    viewer = Viewer(args.user or "", args.user_structure) if args.user or args.user_structure else None
    service = SuggestionService.with_shipped_resources(db)
    result = write_report(db, service, args.file, chosen, args.language, viewer)
    pages = f", {result.pages} page{'s' if result.pages != 1 else ''}" if result.pages else ""
    print(f"wrote {result.path} ({result.format.upper()}{pages})")
    return EXIT_OK


def describe_error(exc: BaseException) -> str | None:
    """One line for the report's own errors."""
    from enact_match.services.report import ReportError

    if isinstance(exc, ReportError):
        return REPORT_TEXT.get(exc.code, exc.code)
    return None
