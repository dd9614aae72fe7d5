"""The `event` commands: list events, draw meeting requests, schedule a B2B day, write the agendas."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from enact_match.cli import EXIT_OK, UserError, _open, write_rows

EVENT_COLUMNS = (
    "ref",
    "name",
    "venue",
    "first_day",
    "last_day",
    "slots",
    "tables",
    "participants",
    "requests",
    "meetings",
)
REASON_TEXT = {
    "no_common_slot": "the company and the team are never available at the same time",
    "company_full": "the company has reached its maximum number of meetings",
    "team_full": "the team has reached its maximum number of meetings",
    "no_free_slot": "every common slot is taken by meetings worth more, or all tables are busy",
    "unknown_participant": "a side is not a participant of the event",
    "time_limit": "the optimiser found no plan within the time limit",
}
EVENT_TEXT = {
    "event": "no event with reference {detail!r} (see `enact-match event list`)",
    "company": "no company with reference {detail!r}",
    "team": "no team with reference {detail!r}",
    "not_participant": "{detail!r} does not take part in this event",
    "no_request": "no meeting request between {detail}",
    "no_meeting": "no scheduled meeting between {detail}",
    "declined_pair": "{detail} said they do not want to meet",
    "time_limit": "the time limit must be a positive number of seconds",
    "changed_meanwhile": "the event's requests changed while it was being scheduled; run the command again",
}
AGENDA_TEXT = {
    "lang": "unknown agenda language (use fr or en)",
    "folder": "cannot create the folder: {detail}",
    "unwritable": "cannot write the agendas: {detail}",
}


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError("a number of seconds is expected") from exc
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def _pair(text: str) -> tuple[str, str]:
    company, separator, team = text.partition(":")
    if not separator or not company or not team:
        raise argparse.ArgumentTypeError("COMPANY_REF:TEAM_REF is expected")
    return company, team


def register(commands: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add the `event` command and its actions; returns its handler."""
    event = commands.add_parser("event", help="trade fairs and B2B meeting days: schedules and agendas")
    actions = event.add_subparsers(dest="event_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="list the events")
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")

    requests = actions.add_parser(
        "requests", help="ask for a meeting for each accepted match between participants of the event"
    )
    requests.add_argument("event", metavar="EVENT_REF")
    requests.add_argument("--user", metavar="NAME", help="act as this user (confidential needs)")
    requests.add_argument("--structure", metavar="CODE", help="the user's structure code, e.g. POLARIS")

    schedule = actions.add_parser(
        "schedule", help="place the meeting requests in slots and at tables (unplaced ones on stderr)"
    )
    schedule.add_argument("event", metavar="EVENT_REF")
    schedule.add_argument(
        "--time-limit", type=_seconds, default=10.0, metavar="S", help="seconds for the optimiser (10)"
    )
    schedule.add_argument("--format", choices=("table", "csv", "json"), default="table")
    schedule.add_argument(
        "--replan",
        action="store_true",
        help="move confirmed meetings too (by default they stay where they are)",
    )

    confirm = actions.add_parser("confirm", help="confirm the proposed meetings (all, or the given pairs)")
    confirm.add_argument("event", metavar="EVENT_REF")
    confirm.add_argument("pairs", nargs="*", type=_pair, metavar="COMPANY_REF:TEAM_REF")

    cancel = actions.add_parser("cancel", help="cancel a meeting, or every meeting of a participant, late")
    cancel.add_argument("event", metavar="EVENT_REF")
    target = cancel.add_mutually_exclusive_group(required=True)
    target.add_argument("--meeting", type=_pair, metavar="COMPANY_REF:TEAM_REF")
    target.add_argument("--company", metavar="REF", help="the company withdraws")
    target.add_argument("--team", metavar="REF", help="the team withdraws")

    agendas = actions.add_parser(
        "agendas", help="write a PDF agenda and an .ics per participant, the table plan, CSV and XLSX"
    )
    agendas.add_argument("event", metavar="EVENT_REF")
    agendas.add_argument("folder", type=Path, metavar="DIR")
    agendas.add_argument(
        "--language", choices=("fr", "en"), default="fr", help="the documents' language (fr)"
    )
    agendas.add_argument(
        "--profile",
        choices=("excel-fr", "utf8"),
        default="excel-fr",
        help="CSV flavour: excel-fr (semicolons, UTF-8 with BOM; default) or utf8 (commas)",
    )
    return {"event": cmd_event}


def cmd_event(args: argparse.Namespace) -> int:
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "list": _list,
        "requests": _requests,
        "schedule": _schedule,
        "confirm": _confirm,
        "cancel": _cancel,
        "agendas": _agendas,
    }
    return handlers[args.event_command](args)


def _list(args: argparse.Namespace) -> int:
    from enact_match.services.events import list_events

    rows = [
        {
            "ref": row.ref,
            "name": row.name,
            "venue": row.venue,
            "first_day": row.first_day.isoformat(),
            "last_day": row.last_day.isoformat(),
            "slots": row.slot_count,
            "tables": len(row.tables),
            "participants": row.participant_count,
            "requests": row.request_count,
            "meetings": row.meeting_count,
        }
        for row in list_events(_open(args))
    ]
    write_rows(rows, EVENT_COLUMNS, args.format, sys.stdout)
    return EXIT_OK


def _requests(args: argparse.Namespace) -> int:
    from enact_match.services.catalog import Viewer
    from enact_match.services.events import request_meetings_from_matches
    from enact_match.services.suggestions import SuggestionService

    db = _open(args)
    viewer = Viewer(args.user or "", args.structure) if (args.user or args.structure) else None
    service = SuggestionService.with_shipped_resources(db)
    report = request_meetings_from_matches(db, args.event, service=service, viewer=viewer)
    print(f"{report.created} requests created, {report.updated} updated, {report.skipped} already there")
    return EXIT_OK


def _schedule(args: argparse.Namespace) -> int:
    from enact_match.services.agendas import MEETING_COLUMNS, schedule_rows
    from enact_match.services.events import schedule_event

    result = schedule_event(_open(args), args.event, args.time_limit, keep_confirmed=not args.replan)
    placed = schedule_rows(result.placed)
    unplaced = [{**asdict(row), "request_id": str(row.request_id)} for row in result.unplaced]
    figures: dict[str, Any] = {
        "event": result.event_ref,
        "method": result.method,
        "optimal": result.optimal,
        "seconds": round(result.seconds, 3),
        "objective": result.objective,
        "relevance_total": round(result.relevance_total, 1),
        "placed_count": len(result.placed),
        "unplaced_count": len(result.unplaced),
        "kept_confirmed": result.kept,
        "unpinned": result.unpinned,
        "greedy": {
            "objective": result.greedy_objective,
            "placed_count": result.greedy_placed,
            "relevance_total": round(result.greedy_relevance_total, 1),
        },
    }
    if args.format == "json":
        json.dump(
            {**figures, "placed": placed, "unplaced": unplaced}, sys.stdout, ensure_ascii=False, indent=2
        )
        sys.stdout.write("\n")
        return EXIT_OK
    write_rows(placed, MEETING_COLUMNS, args.format, sys.stdout)
    for row in result.unplaced:
        print(
            f"unplaced: {row.company_ref or row.company} × {row.team_ref or row.team} ({row.priority}): "
            f"{REASON_TEXT.get(row.reason, row.reason)}",
            file=sys.stderr,
        )
    quality = "optimal" if result.optimal else "best found"
    print(
        f"placed {len(result.placed)} of {len(result.placed) + len(result.unplaced)} requests in "
        f"{result.seconds:.1f} s ({result.method}, {quality}), total relevance {result.relevance_total:.1f}; "
        f"greedy baseline: {result.greedy_placed} placed, total relevance {result.greedy_relevance_total:.1f}"
        + (f"; {result.kept} confirmed meetings kept" if result.kept else ""),
        file=sys.stderr,
    )
    return EXIT_OK


def _confirm(args: argparse.Namespace) -> int:
    from enact_match.services.events import confirm_meetings

    count = confirm_meetings(_open(args), args.event, args.pairs or None)
    print(f"{count} meetings confirmed")
    return EXIT_OK


def _cancel(args: argparse.Namespace) -> int:
    from enact_match.services.events import cancel_meeting, cancel_participant

    db = _open(args)
    if args.meeting:
        cancel_meeting(db, args.event, *args.meeting)
        count = 1
    else:
        kind, ref = ("company", args.company) if args.company else ("team", args.team)
        count = cancel_participant(db, args.event, kind, ref)
    print(f"{count} meetings cancelled; run `enact-match event schedule {args.event}` to use the freed slots")
    return EXIT_OK


def _agendas(args: argparse.Namespace) -> int:
    from enact_match.services.agendas import write_agendas

    if args.folder.exists() and not args.folder.is_dir():
        raise UserError(f"{args.folder} is not a folder")
    report = write_agendas(_open(args), args.event, args.folder, args.language, args.profile)
    print(
        f"wrote {len(report.files)} files to {report.folder} "
        f"({report.participants} participants, {report.meetings} meetings)"
    )
    return EXIT_OK


def describe_error(exc: BaseException) -> str | None:
    """One line for the errors of events, agendas and the scheduler."""
    from enact_match.scheduling import ProblemError
    from enact_match.services.agendas import AgendaError
    from enact_match.services.events import EventError

    if isinstance(exc, EventError):
        text = EVENT_TEXT.get(exc.code)
        return text.format(detail=exc.detail) if text else f"event refused: {exc}"
    if isinstance(exc, AgendaError):
        return AGENDA_TEXT.get(exc.code, exc.code).format(detail=exc.detail)
    if isinstance(exc, ProblemError):
        return f"the stored meetings contradict each other ({exc}); re-plan with --replan"
    return None
