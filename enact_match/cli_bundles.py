"""`enact-match bundle ...`: export this laptop's changes, merge another laptop's bundle, settle conflicts."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from enact_match.cli import EXIT_OK, UserError, _date, _open, write_rows

BUNDLE_TEXT = {
    "unreadable": "the file cannot be read",
    "not_a_bundle": "not an ENACT Match bundle",
    "corrupt": "the bundle is damaged (incomplete copy?)",
    "too_large": "the bundle is too large",
    "format_version": "the bundle was made by an incompatible version of ENACT Match",
    "schema_newer": "the bundle was made by a newer version of ENACT Match: update this one first",
    "no_conflict": "no such conflict",
    "choice": "no such value: use a number listed by `enact-match bundle conflicts`",
}
ALIVE_TEXT = {True: "kept (edited)", False: "deleted"}


def register(commands: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add `bundle export|merge|conflicts|resolve`."""
    bundle = commands.add_parser("bundle", help="exchange changes with other laptops (bundle files)")
    actions = bundle.add_subparsers(dest="bundle_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write this database's changes to one bundle file")
    export.add_argument("file", type=Path, metavar="FILE")
    export.add_argument("--since", type=_date, metavar="DATE", help="only records changed from this date on")
    merge = actions.add_parser("merge", help="merge a bundle from another laptop (one transaction)")
    merge.add_argument("file", type=Path, metavar="FILE")
    merge.add_argument("--dry-run", action="store_true", help="report what would change, change nothing")
    merge.add_argument("--user", metavar="NAME", help="who merges (audit log)")
    conflicts = actions.add_parser("conflicts", help="list fields edited on two laptops at once")
    conflicts.add_argument("--format", choices=("table", "csv", "json"), default="table")
    resolve = actions.add_parser("resolve", help="settle a conflict by keeping one of its values")
    resolve.add_argument("record", metavar="RECORD_ID", help="the record id shown by `bundle conflicts`")
    resolve.add_argument("field", metavar="FIELD")
    resolve.add_argument("choice", type=int, metavar="N", help="the number of the value to keep")
    return {"bundle": cmd_bundle}


def describe_error(exc: BaseException) -> str | None:
    from enact_match.services.bundles import BundleError

    if isinstance(exc, BundleError):
        return f"{BUNDLE_TEXT.get(exc.code, exc.code)}: {exc.detail}".rstrip(": ")
    return None


def cmd_bundle(args: argparse.Namespace) -> int:
    handler = {"export": _export, "merge": _merge, "conflicts": _conflicts, "resolve": _resolve}
    return handler[args.bundle_command](args)


def _export(args: argparse.Namespace) -> int:
    from enact_match.services.bundles import export_bundle

    since = datetime.combine(args.since, time(), tzinfo=UTC) if args.since else None
    report = export_bundle(_open(args), args.file, since)
    per_table = ", ".join(f"{count} {table}" for table, count in report.tables) or "no records"
    print(
        f"wrote {report.path}: {report.records} records ({per_table}), {report.history} history entries, "
        f"{report.erasures} erasures"
    )
    return EXIT_OK


def _value_text(field: str, value: Any) -> str:
    if field == "_alive":
        return ALIVE_TEXT.get(value, str(value))
    return "(empty)" if value in (None, "", []) else json.dumps(value, ensure_ascii=False)


def _merge(args: argparse.Namespace) -> int:
    from enact_match.services.bundles import merge_bundle

    report = merge_bundle(_open(args), args.file, dry_run=args.dry_run, author=args.user)
    verb = "would merge" if report.dry_run else "merged"
    print(f"{verb} the bundle of laptop {report.source_replica[:8]} ({report.records_in_bundle} records)")
    for change in report.changes:
        waiting = f", {change.waiting} waiting for a missing parent" if change.waiting else ""
        print(
            f"  {change.table}: {change.inserted} added, {change.updated} updated, {change.deleted} deleted"
            f"{waiting}"
        )
    if not report.changed:
        print("  nothing new")
    if report.history_added or report.erasures_added or report.people_erased:
        print(
            f"  {report.history_added} history entries added, {report.erasures_added} erasures received, "
            f"{report.people_erased} persons erased here"
        )
    if report.conflicts:
        print(f"conflicts: {len(report.conflicts)} (settle them with `enact-match bundle resolve`)")
        for conflict in report.conflicts:
            values = " | ".join(_value_text(conflict.field, value) for value in conflict.values)
            print(f"  {conflict.table} {conflict.label!r} {conflict.field}: {values}")
    if report.duplicates:
        print(
            f"possible duplicates: {len(report.duplicates)} (review them with `enact-match dedup companies`)"
        )
        for proposal in report.duplicates:
            first, second = proposal.first, proposal.second
            print(f"  {proposal.rule}: {first.label} ({first.ref}) ~ {second.label} ({second.ref})")
    if report.dry_run:
        print("dry run: nothing was changed")
    elif report.backup is not None:
        print(f"backup made first: {report.backup}")
    return EXIT_OK


def _conflicts(args: argparse.Namespace) -> int:
    from enact_match.services.bundles import list_conflicts

    rows = [
        {
            "record": conflict.record_id.hex,
            "table": conflict.table,
            "label": conflict.label,
            "field": conflict.field,
            "choice": number,
            "value": _value_text(conflict.field, value),
        }
        for conflict in list_conflicts(_open(args))
        for number, value in enumerate(conflict.values, start=1)
    ]
    write_rows(rows, ("record", "table", "label", "field", "choice", "value"), args.format, sys.stdout)
    return EXIT_OK


def _resolve(args: argparse.Namespace) -> int:
    from enact_match.services.bundles import resolve_conflict

    try:
        record_id = uuid.UUID(args.record)
    except ValueError as exc:
        raise UserError(f"not a record id: {args.record!r}") from exc
    resolve_conflict(_open(args), record_id, args.field, args.choice - 1)
    print(f"kept value {args.choice} of {args.field}; it goes to the other laptops with the next bundle")
    return EXIT_OK
