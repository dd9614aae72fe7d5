"""The `enact-match` command line; with no subcommand it opens the desktop application.

Exit codes: 0 success, 1 user error (one line on stderr, never a traceback), 2 usage error.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from enact_match import __version__
from enact_match.config import resolve_database

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2
LIST_KINDS = ("teams", "needs", "companies", "units", "contacts", "matches")
IMPORT_KINDS = ("teams", "needs", "companies", "units", "contacts")

# Columns of `list --format table|csv`, per kind (JSON gives every field).
LIST_COLUMNS: dict[str, tuple[str, ...]] = {
    "teams": (
        "ref",
        "acronym",
        "name",
        "unit_acronym",
        "axes",
        "keywords",
        "cifre_open",
        "publication_count",
    ),
    "needs": (
        "ref",
        "title",
        "company_name",
        "axes",
        "trl",
        "status",
        "confidentiality",
        "structure_code",
        "owner",
    ),
    "companies": (
        "ref",
        "name",
        "legal_form",
        "siren",
        "naf",
        "size_class",
        "city",
        "department",
        "need_count",
    ),
    "units": ("ref", "acronym", "name", "unit_code", "rnsr_id", "institutions", "city", "team_count"),
    "contacts": ("ref", "name", "role", "email", "phone", "organisation", "source", "last_contact_on"),
    "matches": (
        "need_ref",
        "team_ref",
        "need_title",
        "team_name",
        "score",
        "status",
        "collaboration_type",
        "owner",
    ),
}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit code 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="enact-match",
        description="ENACT Match: company R&D needs ↔ Grand Est research teams. "
        "With no command, opens the desktop application.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database file path or SQLAlchemy URL (default: $ENACT_MATCH_DB, the settings, "
        "or a file in the user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", help="create or upgrade the database")
    init.add_argument("--demo", action="store_true", help="load the demo data set")

    imp = commands.add_parser("import", help="import records from a CSV or XLSX file (all or nothing)")
    imp.add_argument("kind", choices=IMPORT_KINDS)
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="check the file and report, change nothing")

    lst = commands.add_parser("list", help="list records")
    lst.add_argument("kind", choices=LIST_KINDS)
    lst.add_argument("--format", choices=("table", "csv", "json"), default="table")

    match = commands.add_parser("match", help="suggest teams for needs (or needs for a team)")
    target = match.add_mutually_exclusive_group(required=True)
    target.add_argument("--need", metavar="REF", help="teams for this need")
    target.add_argument("--team", metavar="REF", help="needs for this team")
    target.add_argument("--all", action="store_true", help="the best teams for every need")
    match.add_argument("--top", type=_positive_int, default=10, metavar="K", help="suggestions per need (10)")
    match.add_argument("--axis", type=int, choices=(1, 2, 3), help="only teams (or needs) of this axis")
    match.add_argument("--explain", action="store_true", help="add the explanation of each suggestion")
    match.add_argument("--format", choices=("table", "csv", "json"), default="table")
    match.add_argument("--user", metavar="NAME", help="act as this user (confidential needs)")
    match.add_argument("--structure", metavar="CODE", help="the user's structure code, e.g. POLARIS")

    gui = commands.add_parser("gui", help="open the desktop application")
    gui.set_defaults(command="gui")
    return parser


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


# --------------------------------------------------------------------------- output


def safe_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet evaluates as a formula (OWASP); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell_text(value: Any, decimals: int = 1) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell_text(item, decimals) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.{decimals}f}"
    return str(value)


def write_rows(
    rows: list[dict[str, Any]], columns: Sequence[str], fmt: str, out: io.TextIOBase | Any
) -> None:
    """Print rows as an aligned table, CSV (formula-safe) or JSON."""
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            # Scores keep 3 decimals in CSV: scripts compare them across needs, and rounding makes ties.
            writer.writerow([safe_cell(_cell_text(row.get(column), 3)) for column in columns])
        return
    cells = [[_cell_text(row.get(column)).replace("\n", " ") for column in columns] for row in rows]
    widths = [
        min(48, max([len(column), *(len(line[i]) for line in cells)])) for i, column in enumerate(columns)
    ]

    def clip(text: str, width: int) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    out.write("  ".join(column.ljust(widths[i]) for i, column in enumerate(columns)).rstrip() + "\n")
    for line in cells:
        out.write(
            "  ".join(clip(text, widths[i]).ljust(widths[i]) for i, text in enumerate(line)).rstrip() + "\n"
        )
    out.write(f"({len(rows)} rows)\n")


# --------------------------------------------------------------------------- commands


def _open(args: argparse.Namespace) -> Any:
    from enact_match.services.database import open_database

    return open_database(resolve_database(args.db))


def cmd_init(args: argparse.Namespace) -> int:
    from enact_match.services.demo import load_demo

    db = _open(args)
    print(f"database ready: {db.display_location}")
    if args.demo:
        report = load_demo(db)
        print(
            f"demo data loaded: {report.units} units, {report.teams} teams, {report.companies} companies, "
            f"{report.contacts} contacts, {report.needs} needs, {report.matches} matches"
        )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from enact_match.services.importing import import_file

    db = _open(args)
    report = import_file(db, args.kind, args.file, dry_run=args.dry_run)
    verb = "would import" if report.dry_run else "imported"
    print(f"{verb} {report.rows} {args.kind}: {report.created} new, {report.updated} updated")
    if report.ignored_columns:
        print(f"ignored columns: {', '.join(report.ignored_columns)}", file=sys.stderr)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from enact_match.services import catalog
    from enact_match.services.views import as_plain_dict

    db = _open(args)
    listers: dict[str, Callable[[Any], list[Any]]] = {
        "teams": catalog.list_teams,
        "needs": catalog.list_needs,
        "companies": catalog.list_companies,
        "units": catalog.list_units,
        "contacts": catalog.list_contacts,
        "matches": catalog.list_matches,
    }
    rows = [as_plain_dict(row) for row in listers[args.kind](db)]
    if args.kind == "teams":
        for row in rows:
            row["publication_count"] = len(row["publications"])
    columns = LIST_COLUMNS[args.kind]
    write_rows(rows, columns, args.format, sys.stdout)
    return EXIT_OK


def cmd_match(args: argparse.Namespace) -> int:
    from enact_match.services.catalog import Viewer
    from enact_match.services.records import find_by_ref
    from enact_match.services.suggestions import (
        SuggestionService,
        explanation_summary,
        suggestion_as_dict,
    )

    db = _open(args)
    service = SuggestionService.with_shipped_resources(db)
    viewer = Viewer(args.user or "", args.structure) if (args.user or args.structure) else None
    explain = args.explain or args.format == "json"
    if args.need or args.team:
        kind, ref = ("needs", args.need) if args.need else ("teams", args.team)
        with db.reading() as session:
            record = find_by_ref(session, kind, ref)
            record_id = record.id if record is not None else None
        if record_id is None:
            raise UserError(f"no {kind[:-1]} with reference {ref!r}")
        if args.need:
            found = service.teams_for_need(record_id, args.top, args.axis, explain=explain)
        else:
            found = service.needs_for_team(record_id, args.top, args.axis, viewer, explain=explain)
    else:
        found = service.best_pairs(args.top, args.axis, viewer, explain=args.explain)
    if args.format == "json":
        write_rows([suggestion_as_dict(row) for row in found], (), "json", sys.stdout)
        return EXIT_OK
    columns: tuple[str, ...] = ("need_ref", "team_ref", "score", "rank")
    if args.format == "table":
        columns = ("rank", "need_ref", "team_ref", "score", "need_title", "team_name")
    rows = []
    for row in found:
        item = {
            "need_ref": row.need_ref,
            "team_ref": row.team_ref,
            "score": row.score,
            "rank": row.rank,
            "need_title": row.need_title,
            "team_name": row.team_name,
        }
        if args.explain and row.explanation is not None:
            item["explanation"] = explanation_summary(row.explanation)
        rows.append(item)
    if args.explain:
        columns = (*columns, "explanation")
    write_rows(rows, columns, args.format, sys.stdout)
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from enact_match.ui.app import run

    return run(sys.argv[:1], args.db)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init,
    "import": cmd_import,
    "list": cmd_list,
    "match": cmd_match,
    "gui": cmd_gui,
}


PROBLEM_TEXT = {
    "required": "a value is required",
    "missing_column": "the file has no column for this required field",
    "duplicate_ref": "this reference appears twice in the file",
    "unknown_reference": "no such record in the database",
    "too_long": "the text is too long",
    "siren_format": "a SIREN has 9 digits (or a SIRET 14)",
    "siren_checksum": "the SIREN checksum is wrong (mistyped digit?)",
    "siret_checksum": "the SIRET checksum is wrong (mistyped digit?)",
    "email": "not a valid e-mail address",
    "naf": "a NAF/APE code looks like 2410Z",
    "axes": "axes are 1, 2 or 3 (e.g. 1;3)",
    "integer": "a whole number is expected",
    "range": "the number is out of range (TRL: 1 to 9)",
    "boolean": "yes or no is expected",
    "date": "a date is expected (2025-03-31 or 31/03/2025)",
    "choice": "not one of the accepted values",
}
FILE_TEXT = {
    "encoding": "the file's text encoding is not recognised (save it as UTF-8 or Windows-1252)",
    "too_large": "the file is too large",
    "too_many_rows": "the file has too many rows",
    "too_many_columns": "the file has too many columns",
    "empty": "the file is empty",
    "csv": "the file is not a readable CSV",
    "format": "unsupported file type (use .csv or .xlsx)",
    "unreadable": "the file cannot be read",
    "xlsx_invalid": "the file is not a readable XLSX workbook",
    "xlsx_ratio": "the XLSX file is compressed suspiciously well and was refused",
    "xlsx_unsafe": "XLSX import needs the defusedxml package",
    "kind": "unknown kind of record",
}


def describe_error(exc: BaseException) -> str | None:
    """One line for an error the user can act on; None for a bug."""
    from sqlalchemy.exc import SQLAlchemyError

    from enact_match.matching import MatchingCancelledError
    from enact_match.services.catalog import RecordInvalidError
    from enact_match.services.database import DatabaseUrlError
    from enact_match.services.demo import DemoDataError
    from enact_match.services.importing import ImportFileError, ImportRejectedError

    if isinstance(exc, UserError | DemoDataError):
        return str(exc)
    if isinstance(exc, ImportRejectedError):
        first = exc.problems[0]
        more = f" (and {len(exc.problems) - 1} more problems)" if len(exc.problems) > 1 else ""
        value = f" {first.value!r}:" if first.value else ":"
        return (
            f"file rejected, nothing imported: row {first.row}, column {first.column!r}{value} "
            f"{PROBLEM_TEXT.get(first.code, first.code)}{more}"
        )
    if isinstance(exc, ImportFileError):
        return f"file rejected: {FILE_TEXT.get(exc.code, exc.code)}"
    if isinstance(exc, RecordInvalidError):
        return "; ".join(f"{p.field}: {PROBLEM_TEXT.get(p.code, p.code)}" for p in exc.problems)
    if isinstance(exc, DatabaseUrlError):
        return f"invalid database location: {exc}"
    if isinstance(exc, MatchingCancelledError):
        return "cancelled"
    if isinstance(exc, SQLAlchemyError):
        detail = getattr(exc, "orig", None) or exc
        return f"database error: {str(detail).splitlines()[0]}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `enact-match`."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "gui"
    try:
        return COMMANDS[command](args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        # The reader (e.g. `head`) went away: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # the last line of defence: never a traceback for the user
        try:
            message = describe_error(exc)
        except Exception:  # a broken installation must still give one line
            message = None
        if message is None:
            logging.getLogger("enact_match").debug("unexpected error", exc_info=True)
            message = f"unexpected error ({type(exc).__name__}): {exc}".splitlines()[0]
        print(f"enact-match: error: {message}", file=sys.stderr)
        return EXIT_USER_ERROR


def gui_main() -> int:
    """Entry point of `enact-match-gui` (no console window on Windows); accepts only `--db URL`."""
    return main([*sys.argv[1:], "gui"])
