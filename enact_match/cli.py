"""The `enact-match` command line; with no subcommand it opens the desktop application.

Exit codes: 0 success, 1 user error (one line on stderr, never a traceback), 2 usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gc
import io
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from enact_match import __version__
from enact_match.config import resolve_database

if TYPE_CHECKING:  # the services are imported by the commands that use them (a quick start)
    from enact_match.services.suggestions import SuggestionTable

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2
LIST_KINDS = ("teams", "needs", "companies", "units", "contacts", "matches")
IMPORT_KINDS = ("teams", "needs", "companies", "units", "contacts")
EXPORT_KINDS = ("needs", "teams", "companies", "matches", "pipeline")
DEDUP_KINDS = ("companies", "units", "teams", "contacts")
SINGULAR = {"companies": "company", "units": "unit", "teams": "team", "contacts": "contact", "needs": "need"}
RULE_TEXT = {
    "siren": "same SIREN",
    "name": "same name and city",
    "name_fuzzy": "nearly the same name, same city",
    "rnsr": "same RNSR id",
    "unit_code": "same unit code",
    "name_in_unit": "same name in the same unit",
    "email": "same e-mail",
    "name_organisation": "same name and organisation",
}

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
AUDIT_KINDS = ("needs", "matches", "contacts", "teams", "companies", "units", "database")
LOCATION_WARNING = {
    "cloud": "the database file is in a cloud-synchronised folder, where SQLite files get corrupted; "
    "move it to a local folder",
    "network": "the database file is on a network share, where SQLite files get corrupted; "
    "move it to a local disk or use a PostgreSQL server",
}


# Command groups kept in their own modules. Each has `register(commands) -> {name: handler}` that adds
# its subparsers, and may have `describe_error(exc) -> str | None` for its own errors.
COMMAND_MODULES: tuple[str, ...] = (
    "enact_match.cli_report",
    "enact_match.cli_events",
    "enact_match.cli_crypto",
    "enact_match.cli_bundles",
)


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit code 1."""


def _command_modules() -> list[Any]:
    import importlib

    return [importlib.import_module(name) for name in COMMAND_MODULES]


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

    imp = commands.add_parser(
        "import", help="import records from a CSV, XLSX or ODS file, or publications from BibTeX or HAL CSV"
    )
    imp.add_argument("kind", choices=(*IMPORT_KINDS, "publications"))
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="check the file and report, change nothing")
    imp.add_argument(
        "--mode",
        choices=("all-or-nothing", "valid-rows"),
        default="all-or-nothing",
        help="reject the file on any invalid row (default), or import the valid rows only",
    )
    imp.add_argument("--rejected", type=Path, metavar="FILE", help="write the rejected rows and why (CSV)")
    imp.add_argument(
        "--header-row", type=_positive_int, metavar="N", help="the header's row (found if omitted)"
    )
    imp.add_argument("--team", metavar="REF", help="the team that receives the publications")
    imp.add_argument(
        "--no-link", action="store_true", help="create every new row, even one that duplicates a record"
    )

    exp = commands.add_parser("export", help="export records to CSV or XLSX (format from the extension)")
    exp.add_argument("kind", choices=EXPORT_KINDS)
    exp.add_argument("file", type=Path)
    exp.add_argument(
        "--profile",
        choices=("excel-fr", "utf8"),
        default="excel-fr",
        help="CSV flavour: excel-fr (semicolons, UTF-8 with BOM; default) or utf8 (commas)",
    )
    _add_viewer_options(exp)

    brief = commands.add_parser(
        "brief", help="a one-page PDF brief for a need (several needs: a shortlist report)"
    )
    brief.add_argument("need", nargs="+", metavar="NEED_REF")
    brief.add_argument("file", type=Path, metavar="FILE.pdf")
    brief.add_argument("--lang", choices=("fr", "en"), default="fr")
    brief.add_argument("--top", type=_positive_int, default=5, metavar="K", help="teams per need (5)")
    _add_viewer_options(brief)

    dedup = commands.add_parser("dedup", help="list likely duplicates, or merge two records")
    dedup.add_argument("kind", choices=DEDUP_KINDS)
    dedup.add_argument("--format", choices=("table", "json"), default="table")
    dedup.add_argument(
        "--merge", nargs=2, metavar=("KEEP_REF", "OTHER_REF"), help="merge OTHER into KEEP, moving every link"
    )
    dedup.add_argument(
        "--take",
        default="",
        metavar="FIELDS",
        help="with --merge: fields to take from OTHER (comma-separated)",
    )

    lst = commands.add_parser("list", help="list records")
    lst.add_argument("kind", choices=LIST_KINDS)
    lst.add_argument("--format", choices=("table", "csv", "json"), default="table")
    _add_viewer_options(lst)

    match = commands.add_parser("match", help="suggest teams for needs (or needs for a team)")
    target = match.add_mutually_exclusive_group(required=True)
    target.add_argument("--need", metavar="REF", help="teams for this need")
    target.add_argument("--team", metavar="REF", help="needs for this team")
    target.add_argument("--all", action="store_true", help="the best teams for every need")
    match.add_argument("--top", type=_positive_int, default=10, metavar="K", help="suggestions per need (10)")
    match.add_argument("--axis", type=int, choices=(1, 2, 3), help="only teams (or needs) of this axis")
    match.add_argument("--explain", action="store_true", help="add the explanation of each suggestion")
    match.add_argument("--format", choices=("table", "csv", "json"), default="table")
    match.add_argument(
        "--processes",
        type=_positive_int,
        metavar="N",
        help="processes sharing the work of --all (default: the CPUs available, at most 4; Linux only)",
    )
    _add_viewer_options(match)

    commands.add_parser("backup", help="back the SQLite database up now (verified copy)")
    restore = commands.add_parser(
        "restore", help="restore a backup (a safety backup is made first); lists the backups without BACKUP"
    )
    restore.add_argument("backup", nargs="?", metavar="BACKUP", help="a backup file, or its name")
    commands.add_parser("check", help="full integrity check of the database (exit code 1 when it fails)")

    gdpr = commands.add_parser("gdpr", help="a person's rights: access, erasure; the retention review")
    gdpr_commands = gdpr.add_subparsers(dest="gdpr_command", metavar="ACTION", required=True)
    gdpr_export = gdpr_commands.add_parser("export", help="write everything held about a contact (JSON, CSV)")
    gdpr_export.add_argument("contact", metavar="CONTACT_REF", help="the contact's reference or e-mail")
    gdpr_export.add_argument("folder", type=Path, metavar="DIR")
    gdpr_erase = gdpr_commands.add_parser("erase", help="erase a contact everywhere, for good")
    gdpr_erase.add_argument("contact", metavar="CONTACT_REF", help="the contact's reference or e-mail")
    gdpr_erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    gdpr_erase.add_argument("--user", metavar="NAME", help="who erases (audit log)")
    review = gdpr_commands.add_parser("review", help="contacts not in touch for years (retention review)")
    review.add_argument(
        "--years", type=_positive_int, default=3, metavar="N", help="years without contact (3)"
    )
    review.add_argument("--format", choices=("table", "csv", "json"), default="table")

    audit = commands.add_parser("audit", help="who changed what and when")
    audit.add_argument("--kind", choices=AUDIT_KINDS)
    audit.add_argument("--since", type=_date, metavar="DATE", help="from this date on (YYYY-MM-DD)")
    audit.add_argument("--format", choices=("table", "csv", "json"), default="table")

    for module in _command_modules():
        COMMANDS.update(module.register(commands))
    gui = commands.add_parser("gui", help="open the desktop application")
    gui.set_defaults(command="gui")
    return parser


def _add_viewer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", metavar="NAME", help="act as this user (confidential needs)")
    parser.add_argument("--structure", metavar="CODE", help="the user's structure code, e.g. POLARIS")


def _viewer(args: argparse.Namespace) -> Any:
    from enact_match.services.catalog import Viewer

    return Viewer(args.user or "", args.structure) if (args.user or args.structure) else None


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError("a date is expected as YYYY-MM-DD") from exc


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


def _open(args: argparse.Namespace, key_for: Callable[[Path], str | None] | None = None) -> Any:
    """The database of `--db` (or the configured one); an encrypted file's key comes from `key_for`,
    by default $ENACT_MATCH_KEY, the OS keyring or the terminal (cli_crypto.key_for_command)."""
    from enact_match.cli_crypto import key_for_command
    from enact_match.services.database import open_database
    from enact_match.services.safety import database_location_risk

    db = open_database(resolve_database(args.db), key_for=key_for or key_for_command)
    risk = database_location_risk(db)
    if risk is not None:
        print(f"enact-match: warning: {LOCATION_WARNING[risk]}", file=sys.stderr)
    return db


def cmd_init(args: argparse.Namespace) -> int:
    from enact_match.services.demo import load_demo
    from enact_match.services.suggestions import SuggestionService

    db = _open(args)
    print(f"database ready: {db.display_location}")
    if args.demo:
        report = load_demo(db)
        SuggestionService.with_shipped_resources(db).score_missing_matches()
        print(
            f"demo data loaded: {report.units} units, {report.teams} teams, {report.companies} companies, "
            f"{report.contacts} contacts, {report.needs} needs, {report.matches} matches"
        )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from enact_match.services.importing import import_file, write_rejected

    if args.kind == "publications":
        return _import_publications(args)
    if args.team:
        raise UserError("--team is only for importing publications")
    db = _open(args)
    report = import_file(
        db,
        args.kind,
        args.file,
        dry_run=args.dry_run,
        mode=args.mode,
        header_line=args.header_row,
        link_duplicates=not args.no_link,
    )
    verb = "would import" if report.dry_run else "imported"
    imported = report.rows - len(report.rejected)
    print(f"{verb} {imported} {args.kind}: {report.created} new, {report.updated} updated")
    for link in report.links:
        rule = RULE_TEXT.get(link.rule, link.rule)
        print(f"row {link.row}: matched existing {SINGULAR[args.kind]} {link.ref} ({rule})")
    if report.gdpr_defaults:
        print(
            f"{report.gdpr_defaults} contacts without a source or legal basis: recorded as "
            f"source 'import: {args.file.name}', legal basis 'legitimate_interest'",
            file=sys.stderr,
        )
    for line in report.erased_skipped:
        print(f"row {line}: skipped, this person was erased at their request (GDPR)", file=sys.stderr)
    if report.ignored_columns:
        print(f"ignored columns: {', '.join(report.ignored_columns)}", file=sys.stderr)
    if report.rejected:
        print(f"rejected {len(report.rejected)} rows", file=sys.stderr)
        if args.rejected:
            write_rejected(args.rejected, report.header, report.rejected, _problem_line)
            print(f"rejected rows and reasons written to {args.rejected}", file=sys.stderr)
        else:
            for item in report.rejected[:10]:
                print(
                    f"  row {item.row}: {'; '.join(_problem_line(p) for p in item.problems)}", file=sys.stderr
                )
    return EXIT_OK


def _problem_line(problem: Any) -> str:
    value = f" {problem.value!r}" if problem.value else ""
    return f"{problem.column}{value}: {PROBLEM_TEXT.get(problem.code, problem.code)}"


def _import_publications(args: argparse.Namespace) -> int:
    from enact_match.services.publications import import_publications

    if not args.team:
        raise UserError("importing publications needs --team REF")
    report = import_publications(_open(args), args.file, args.team, dry_run=args.dry_run)
    verb = "would add" if report.dry_run else "added"
    print(
        f"{verb} {report.added} publications to team {report.team_ref} "
        f"({report.already_known} already known, {report.skipped} unreadable entries skipped)"
    )
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from enact_match.services.exports import export_file

    report = export_file(_open(args), args.kind, args.file, args.profile, _viewer(args))
    flavour = f" ({report.profile})" if report.profile else ""
    print(f"exported {report.rows} {args.kind} to {report.path} as {report.format.upper()}{flavour}")
    return EXIT_OK


def cmd_brief(args: argparse.Namespace) -> int:
    from enact_match.services.briefs import write_need_brief, write_shortlist
    from enact_match.services.suggestions import SuggestionService

    db = _open(args)
    service = SuggestionService.with_shipped_resources(db)
    viewer = _viewer(args)
    if len(args.need) == 1:
        report = write_need_brief(db, service, args.need[0], args.file, args.lang, args.top, viewer)
    else:
        report = write_shortlist(db, service, args.need, args.file, args.lang, args.top, viewer)
    pages = f"{report.pages} page{'s' if report.pages > 1 else ''}"
    print(f"wrote {report.path} ({pages}, {len(report.needs)} needs)")
    return EXIT_OK


def cmd_dedup(args: argparse.Namespace) -> int:
    from enact_match.services.dedup import find_duplicates, merge_records
    from enact_match.services.records import find_by_ref

    db = _open(args)
    if args.merge:
        with db.reading() as session:
            found = [find_by_ref(session, args.kind, ref) for ref in args.merge]
            ids = [record.id if record is not None else None for record in found]
        for ref, record_id in zip(args.merge, ids, strict=True):
            if record_id is None:
                raise UserError(f"no {SINGULAR[args.kind]} with reference {ref!r}")
        take = [name.strip() for name in args.take.split(",") if name.strip()]
        report = merge_records(db, args.kind, ids[0], ids[1], take)
        print(
            f"merged {args.merge[1]} into {args.merge[0]}: {report.links_moved} links moved, "
            f"fields taken: {', '.join(report.fields_taken) or 'none'}"
        )
        return EXIT_OK
    groups = find_duplicates(db, args.kind)
    if args.format == "json":
        payload = [
            {
                "rule": group.rule,
                "records": [{"ref": m.ref, "name": m.label, "detail": m.detail} for m in group.members],
            }
            for group in groups
        ]
        write_rows(payload, (), "json", sys.stdout)
        return EXIT_OK
    rows = [
        {
            "group": number,
            "ref": member.ref,
            "name": member.label,
            "detail": member.detail,
            "rule": group.rule,
        }
        for number, group in enumerate(groups, start=1)
        for member in group.members
    ]
    write_rows(rows, ("group", "ref", "name", "detail", "rule"), "table", sys.stdout)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from enact_match.services import catalog
    from enact_match.services.views import as_plain_dict

    db = _open(args)
    viewer = _viewer(args)
    listers: dict[str, Callable[[Any], list[Any]]] = {
        "teams": catalog.list_teams,
        "needs": lambda db: catalog.list_needs(db, viewer),
        "companies": catalog.list_companies,
        "units": catalog.list_units,
        "contacts": catalog.list_contacts,
        "matches": lambda db: catalog.list_matches(db, viewer),
    }
    rows = [as_plain_dict(row) for row in listers[args.kind](db)]
    if args.kind == "teams":
        for row in rows:
            row["publication_count"] = len(row["publications"])
    columns = LIST_COLUMNS[args.kind]
    write_rows(rows, columns, args.format, sys.stdout)
    return EXIT_OK


# `match --all` shares its work with at most this many processes by default: each forked child keeps
# its own working memory, and only 2 cores were measured
_DEFAULT_PROCESSES_CAP = 4


# blocks of `match --all` ten times the app's: no window waits for the lock the native calls hold, and a
# block's fixed costs (a few Python-level array calls) weigh less (10k needs × 20k teams, one process:
# 8.6 → 7.0 s in top_teams; docs/benchmarks.md, "Seventh round")
_COMMAND_BLOCK_WORK = 6_000_000


def _default_processes() -> int:
    """The CPUs this process may run on (its affinity where the system tells it), at most 4."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cpus, _DEFAULT_PROCESSES_CAP))


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused (then restored as it was) while a batch command works.

    Reading and analysing texts allocate millions of tuples, lists and dicts that stay alive: the
    collector's passes over them found nothing to free and cost a sixth of `match --all` at 10k × 2k
    (docs/benchmarks.md). Forked children inherit the pause, so no pass touches (and copies) the pages
    they share with their parent. Memory is still freed by reference counting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cmd_match(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        with _without_cycle_collection():
            return _match(args, db)
    finally:
        db.dispose()  # closed here, not left to the end of the process (see console_main)


def _match(args: argparse.Namespace, db: Any) -> int:
    from enact_match.matching import EngineOptions
    from enact_match.services.records import find_by_ref
    from enact_match.services.suggestions import (
        SuggestionService,
        explanation_summary,
        suggestion_as_dict,
    )

    service = SuggestionService.with_shipped_resources(
        db, EngineOptions(processes=args.processes or _default_processes(), block_work=_COMMAND_BLOCK_WORK)
    )
    viewer = _viewer(args)
    explain = args.explain or args.format == "json"
    scripted = args.format == "csv" and not args.explain
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
    elif scripted:
        # `match --all` prints a row per need and suggestion: columns, no object per pair
        # (each process that ranks a share of the needs turns it into lines: that work is shared too)
        parts = service.best_pair_parts(_match_csv_text, args.top, args.axis, viewer)
        sys.stdout.write(_MATCH_CSV_HEADER)
        for text in parts:
            sys.stdout.write(text)
        return EXIT_OK
    else:
        found = service.best_pairs(args.top, args.axis, viewer, explain=args.explain)
    if args.format == "json":
        write_rows([suggestion_as_dict(row) for row in found], (), "json", sys.stdout)
        return EXIT_OK
    if scripted:
        _write_match_csv(
            [row.need_ref for row in found],
            [row.team_ref for row in found],
            [row.score for row in found],
            [row.rank for row in found],
            sys.stdout,
        )
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


_MATCH_CSV_BATCH = 65_536
_MATCH_CSV_HEADER = "need_ref,team_ref,score,rank\n"


def _write_match_csv(
    need_refs: Sequence[str | None],
    team_refs: Sequence[str | None],
    scores: Sequence[float],
    ranks: Sequence[int],
    out: io.TextIOBase | Any,
) -> None:
    """The stable, scripted output of `match` (`need_ref,team_ref,score,rank`), formula-safe, exactly as
    csv.writer writes it."""
    out.write(_MATCH_CSV_HEADER)
    for lines in _match_csv_batches(need_refs, team_refs, scores, ranks):
        out.write(lines)


def _match_csv_text(table: SuggestionTable) -> str:
    """The lines of `match` (without the header) for a SuggestionTable."""
    return "".join(_match_csv_batches(table.need_refs, table.team_refs, table.scores, table.ranks))


def _match_csv_batches(
    need_refs: Sequence[str | None],
    team_refs: Sequence[str | None],
    scores: Sequence[float],
    ranks: Sequence[int],
) -> Iterator[str]:
    """The lines of `match`, in batches. `match --all` prints 10 million rows for 1 million needs: each
    distinct reference is turned into a cell once, and the lines are joined in batches."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    cells: dict[str | None, str] = {}
    for ref in {*need_refs, *team_refs}:
        writer.writerow((safe_cell(ref), ""))
        cells[ref] = buffer.getvalue()[:-2]  # without the "," and "\n" of the empty second cell
        buffer.seek(0)
        buffer.truncate()
    for start in range(0, len(need_refs), _MATCH_CSV_BATCH):
        end = start + _MATCH_CSV_BATCH
        batch = zip(
            need_refs[start:end], team_refs[start:end], scores[start:end], ranks[start:end], strict=True
        )
        yield "".join(
            [f"{cells[need]},{cells[team]},{score:.3f},{rank}\n" for need, team, score, rank in batch]
        )


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} kB"


def cmd_backup(args: argparse.Namespace) -> int:
    from enact_match.services.backup import create_backup

    started = time.perf_counter()
    info = create_backup(_open(args), "manual")
    elapsed = time.perf_counter() - started
    print(f"backup written and verified: {info.path} ({_size(info.size)}, {elapsed:.1f} s)")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from enact_match.services.backup import backup_folder, list_backups, restore_backup

    db = _open(args)
    if not args.backup:
        rows = [
            {
                "created": info.created_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
                "reason": info.reason,
                "size": _size(info.size),
                "name": info.path.name,
            }
            for info in list_backups(db)
        ]
        write_rows(rows, ("created", "reason", "size", "name"), "table", sys.stdout)
        return EXIT_OK
    path = Path(args.backup)
    if not path.exists():
        path = backup_folder(db) / args.backup
    report = restore_backup(db, path)
    print(f"restored {report.restored.name}; the previous content is in {report.safety_backup.path}")
    if report.erased_again:
        print(f"{report.erased_again} people erased at their request were erased again")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from enact_match.services.backup import check_database

    problems = check_database(_open(args))
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        print(f"enact-match: error: integrity check failed: {problems[0]}{more}", file=sys.stderr)
        return EXIT_USER_ERROR
    print("integrity check: ok")
    return EXIT_OK


def cmd_gdpr(args: argparse.Namespace) -> int:
    from enact_match.services import gdpr

    db = _open(args)
    if args.gdpr_command == "export":
        report = gdpr.export_contact(db, args.contact, args.folder)
        print(f"wrote {report.json_path} and {report.csv_path} ({report.mentions} mentions in notes)")
        return EXIT_OK
    if args.gdpr_command == "erase":
        if not args.yes:
            if not sys.stdin.isatty():
                raise UserError("erasing a person cannot be undone: confirm with --yes")
            answer = input(f"Erase {args.contact} everywhere? This cannot be undone. [y/N] ")
            if answer.strip().casefold() not in ("y", "yes", "o", "oui"):
                print("nothing erased")
                return EXIT_OK
        erased = gdpr.erase_contact(db, args.contact, args.user)
        print(
            f"erased {erased.ref}: record deleted, {erased.texts_rewritten} texts rewritten, tombstone kept"
        )
        return EXIT_OK
    rows = [
        {
            "ref": row.ref,
            "name": row.name,
            "organisation": row.organisation,
            "last_contact_on": row.last_contact_on,
            "created_on": row.created_on,
            "source": row.source,
            "legal_basis": row.legal_basis,
        }
        for row in gdpr.retention_review(db, args.years)
    ]
    columns = ("ref", "name", "organisation", "last_contact_on", "created_on", "source", "legal_basis")
    write_rows(rows, columns, args.format, sys.stdout)
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from enact_match.services.audit import list_events

    since = datetime.combine(args.since, datetime.min.time(), UTC) if args.since else None
    rows = [
        {
            "at": event.at.strftime("%Y-%m-%d %H:%M:%S"),
            "author": event.author,
            "kind": event.kind,
            "record": event.record_id,
            "action": event.action,
            "fields": list(event.fields),
        }
        for event in list_events(_open(args), args.kind, since)
    ]
    write_rows(rows, ("at", "author", "kind", "record", "action", "fields"), args.format, sys.stdout)
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from enact_match.ui.app import run

    return run(sys.argv[:1], args.db)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init,
    "import": cmd_import,
    "list": cmd_list,
    "match": cmd_match,
    "export": cmd_export,
    "brief": cmd_brief,
    "dedup": cmd_dedup,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "check": cmd_check,
    "gdpr": cmd_gdpr,
    "audit": cmd_audit,
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
    "format": "unsupported file type (use .csv, .xlsx or .ods; .bib for publications)",
    "unreadable": "the file cannot be read",
    "xlsx_invalid": "the file is not a readable XLSX workbook",
    "xlsx_ratio": "the XLSX file is compressed suspiciously well and was refused",
    "xlsx_unsafe": "XLSX import needs the defusedxml package",
    "kind": "unknown kind of record",
    "too_many_cells": "the file has too many cells",
    "header_row": "there is no header on the given row (rows are counted from 1, blank rows included)",
    "ods_invalid": "the file is not a readable ODS spreadsheet",
    "ods_ratio": "the ODS file is compressed suspiciously well and was refused",
    "unsafe_xml": "the file's XML declares entities or a DTD and was refused",
    "mode": "unknown import mode",
    "mapping_length": "the column mapping does not match the file's columns",
    "mapping_field": "the column mapping names an unknown or repeated field",
    "missing_title_column": "the publication file has no title column",
    "profile": "unknown export profile",
    "unwritable": "the file cannot be written",
}


BACKUP_TEXT = {
    "not_sqlite": "backups are for SQLite databases (a PostgreSQL server is backed up by its administrator)",
    "corrupt_copy": "the backup copy failed its integrity check and was removed",
    "corrupt_backup": "this backup fails its integrity check and was not restored",
    "unknown_backup": "no such backup (run `enact-match restore` to list them)",
}


def describe_error(exc: BaseException) -> str | None:
    """One line for an error the user can act on; None for a bug."""
    from sqlalchemy.exc import SQLAlchemyError

    from enact_match.matching import MatchingCancelledError
    from enact_match.services.backup import BackupError
    from enact_match.services.briefs import BriefError
    from enact_match.services.catalog import RecordInvalidError, StaleRecordError
    from enact_match.services.database import DatabaseUrlError
    from enact_match.services.dedup import MergeError
    from enact_match.services.demo import DemoDataError
    from enact_match.services.exports import ExportError
    from enact_match.services.gdpr import GdprError
    from enact_match.services.importing import ImportFileError, ImportRejectedError
    from enact_match.services.publications import PublicationFileError
    from enact_match.services.records import FieldError

    if isinstance(exc, UserError | DemoDataError):
        return str(exc)
    for module in _command_modules():
        message = getattr(module, "describe_error", lambda _exc: None)(exc)
        if message is not None:
            return message
    if isinstance(exc, PublicationFileError):
        return f"file rejected: {FILE_TEXT.get(exc.code, exc.code)}"
    if isinstance(exc, ExportError):
        if exc.code == "format":
            return "unsupported export file type (use .csv or .xlsx)"
        return f"export failed: {FILE_TEXT.get(exc.code, exc.code)}"
    if isinstance(exc, BriefError):
        return f"no need with reference {exc.detail!r}" if exc.code == "need" else f"brief refused: {exc}"
    if isinstance(exc, MergeError):
        texts = {"same_record": "a record cannot be merged with itself", "unknown_field": "unknown field"}
        return f"merge refused: {texts.get(exc.code, exc.code)} {exc.detail}".rstrip()
    if isinstance(exc, FieldError):
        return f"{exc.field} {exc.value!r}: {PROBLEM_TEXT.get(exc.code, exc.code)}"
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
    if isinstance(exc, BackupError):
        return f"{BACKUP_TEXT.get(exc.code, exc.code)}: {exc.detail}".rstrip(": ")
    if isinstance(exc, GdprError):
        return f"no contact with reference or e-mail {exc.detail!r}"
    if isinstance(exc, StaleRecordError):
        return (
            f"not saved: someone else saved this record meanwhile (you edited version {exc.expected}, "
            f"the database has version {exc.current_version})"
        )
    if isinstance(exc, SQLAlchemyError):
        detail = getattr(exc, "orig", None) or exc
        return f"database error: {str(detail).splitlines()[0]}"
    return None


# commands after which `enact-match` leaves without tearing its heap down (see console_main)
_QUICK_EXIT_COMMANDS = frozenset({"match"})


def console_main() -> NoReturn:
    """Entry point of `enact-match` and `python -m enact_match`: :func:`main`, then the exit.

    After `match`, a read-only batch that closed its database, the process leaves as soon as its output
    and logs are flushed: tearing down the millions of objects of its texts, vocabulary and results one
    by one took longer than writing the results (0.2–0.3 s at 10k × 2k; docs/benchmarks.md) and frees
    nothing the system does not free anyway.
    """
    code, command = _run(sys.argv[1:])
    if command not in _QUICK_EXIT_COMMANDS:
        sys.exit(code)
    with contextlib.suppress(BrokenPipeError):  # the reader went away: as in main, a quiet exit
        sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """`enact-match` with these arguments (by default the command line's); the exit code."""
    return _run(argv)[0]


def _run(argv: Sequence[str] | None) -> tuple[int, str]:
    """The exit code of the command ``argv`` asks for, and that command's name."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "gui"
    return _command(command, args), command


def _command(command: str, args: argparse.Namespace) -> int:
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
