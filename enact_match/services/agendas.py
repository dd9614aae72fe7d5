"""Event outputs: a PDF agenda and an iCalendar file per participant, the table plan, CSV and XLSX.

PDFs are laid out like the match briefs (`briefs.py`: ReportLab Platypus, the embedded Vera font,
user text escaped, labels in French or English). The schedule's CSV and XLSX go through the
formula-safe writers of `exports.py`.

The .ics files are written here rather than with the `icalendar` package: they use a small, fixed
subset of RFC 5545 (one VCALENDAR of VEVENTs with UTC times, TEXT values), and the three rules that
matter — CRLF line ends, folding at 75 octets without splitting a UTF-8 character, escaping of
backslash, semicolon, comma and line breaks — take a few lines and are tested by reading the files
back. Each meeting keeps its UID (the meeting's id) and its version as SEQUENCE, so a calendar that
imports a new file moves or cancels the meetings it already has.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from enact_match.services.briefs import PdfLayout, build_pdf
from enact_match.services.events import EventSchedule, MeetingRow, ParticipantRow, read_schedule
from enact_match.services.exports import write_file
from enact_match.storage.database import Database

LANGS = ("fr", "en")
# The columns of `enact-match event schedule` (a stable interface), then who attends.
MEETING_COLUMNS = (
    "slot_start",
    "slot_end",
    "table",
    "company_ref",
    "company",
    "team_ref",
    "team",
    "relevance",
    "priority",
    "status",
)
SCHEDULE_COLUMNS = (*MEETING_COLUMNS, "company_attendees", "team_attendees")
LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "colon": " :",
        "agenda": "Agenda des rendez-vous",
        "plan": "Plan des tables",
        "time": "Horaire",
        "table": "Table",
        "meeting": "Rendez-vous",
        "attendees": "Participants",
        "company": "Entreprise",
        "team": "Équipe",
        "free": "libre",
        "break": "Pause",
        "meetings": "Rendez-vous",
        "no_meeting": "Aucun rendez-vous planifié.",
        "must": "incontournable",
        "wish": "souhaité",
        "proposed": "à confirmer",
        "with": "Rendez-vous avec",
        "priority": "Priorité",
        "normal": "normale",
        "empty_slot": "aucun rendez-vous",
    },
    "en": {
        "colon": ":",
        "agenda": "Meeting agenda",
        "plan": "Table plan",
        "time": "Time",
        "table": "Table",
        "meeting": "Meeting",
        "attendees": "Attendees",
        "company": "Company",
        "team": "Team",
        "free": "free",
        "break": "Break",
        "meetings": "Meetings",
        "no_meeting": "No meeting scheduled.",
        "must": "must meet",
        "wish": "would like",
        "proposed": "to be confirmed",
        "with": "Meeting with",
        "priority": "Priority",
        "normal": "normal",
        "empty_slot": "no meeting",
    },
}
_FILE_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class AgendaError(ValueError):
    """Agendas were refused: `lang` (unsupported language), `folder` (cannot be created) or
    `unwritable` (a file could not be written)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class AgendasReport:
    """What `write_agendas` wrote: every file, and how many participants and meetings they cover."""

    folder: Path
    files: tuple[Path, ...]
    participants: int
    meetings: int


# --------------------------------------------------------------------------- rows


def _minute(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def schedule_rows(meetings: Sequence[MeetingRow]) -> list[dict[str, Any]]:
    """The meetings as rows of SCHEDULE_COLUMNS (local times as "YYYY-MM-DD HH:MM" text)."""
    return [
        {
            "slot_start": _minute(meeting.slot_start),
            "slot_end": _minute(meeting.slot_end),
            "table": meeting.table,
            "company_ref": meeting.company_ref,
            "company": meeting.company,
            "team_ref": meeting.team_ref,
            "team": meeting.team,
            "relevance": None if meeting.relevance is None else round(meeting.relevance, 1),
            "priority": meeting.priority,
            "status": meeting.status,
            "company_attendees": meeting.company_attendees,
            "team_attendees": meeting.team_attendees,
        }
        for meeting in meetings
    ]


def _of(participant: ParticipantRow, meetings: Sequence[MeetingRow]) -> list[MeetingRow]:
    return [m for m in meetings if participant.id in (m.company_participant_id, m.team_participant_id)]


def _other_side(participant: ParticipantRow, meeting: MeetingRow) -> tuple[str, str | None]:
    """The name and the attendees of whom the participant meets."""
    if participant.id == meeting.company_participant_id:
        return meeting.team, meeting.team_attendees
    return meeting.company, meeting.company_attendees


# --------------------------------------------------------------------------- iCalendar


def ics_text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 §3.3.11 says (control characters other than tab dropped)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(char for char in value if char in "\n\t" or (ord(char) >= 32 and char != "\x7f"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold_line(line: str) -> str:
    """One content line folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character."""
    parts: list[str] = []
    current, size, limit = [], 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # a continuation line starts with a space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def participant_calendar(
    schedule: EventSchedule, participant: ParticipantRow, lang: str = "fr", now: datetime | None = None
) -> str:
    """The participant's meetings as an iCalendar document (cancelled meetings as CANCELLED)."""
    labels = _labels(lang)
    event = schedule.event
    stamp = _utc_stamp(now or datetime.now(UTC))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//ENACT Match//Events//" + lang.upper(),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + ics_text(f"{event.name} · {participant.name}"),
    ]
    for meeting in _of(participant, schedule.meetings):
        other, attendees = _other_side(participant, meeting)
        colon = labels["colon"]
        description = [f"{meeting.company} × {meeting.team}", f"{labels['table']}{colon} {meeting.table}"]
        if attendees:
            description.append(f"{labels['attendees']}{colon} {attendees}")
        description.append(f"{labels['priority']}{colon} {labels[meeting.priority]}")
        location = ", ".join(filter(None, (event.venue, f"{labels['table']} {meeting.table}")))
        status = {"confirmed": "CONFIRMED", "proposed": "TENTATIVE"}.get(meeting.status, "CANCELLED")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{meeting.id}@enact-match",
            f"SEQUENCE:{meeting.version}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc_stamp(meeting.slot_start)}",
            f"DTEND:{_utc_stamp(meeting.slot_end)}",
            "SUMMARY:" + ics_text(f"{labels['with']} {other} ({event.name})"),
            "LOCATION:" + ics_text(location),
            "DESCRIPTION:" + ics_text("\n".join(description)),
            f"STATUS:{status}",
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)


# --------------------------------------------------------------------------- PDF


def _labels(lang: str) -> dict[str, str]:
    if lang not in LANGS:
        raise AgendaError("lang", lang)
    return LABELS[lang]


def _layout(lang: str) -> PdfLayout:
    layout = PdfLayout(lang)
    layout.labels = {**layout.labels, **_labels(lang)}
    return layout


def _event_line(schedule: EventSchedule) -> str:
    event = schedule.event
    days = event.first_day.isoformat()
    if event.last_day != event.first_day:
        days += f" – {event.last_day.isoformat()}"
    return " · ".join(filter(None, (event.name, event.venue, days)))


def _grid(rows: list[list[Any]], widths: Sequence[float], shaded: Sequence[int] = ()) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=list(widths), repeatRows=1)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#3566a8")),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#cccccc")),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("BACKGROUND", (0, row), (-1, row), colors.HexColor("#eeeeee")) for row in shaded]
    table.setStyle(TableStyle(style))
    return table


def _hours(start: datetime, end: datetime) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def write_participant_agenda(
    path: Path, schedule: EventSchedule, participant: ParticipantRow, lang: str = "fr"
) -> int:
    """A participant's agenda: every slot of each day with the meeting, table and who attends.

    Free slots and breaks are shown too, so the page reads as the participant's day. Returns the
    number of pages.
    """
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    layout = _layout(lang)
    labels = layout.labels
    meetings = {m.slot_start: m for m in _of(participant, schedule.meetings) if m.status != "cancelled"}
    story: list[Any] = [
        layout.para(_event_line(schedule), layout.kicker),
        layout.para(f"{labels['agenda']} — {participant.name}", layout.title),
        Spacer(1, 2 * mm),
    ]
    if participant.attendees:
        story.append(layout.para(participant.attendees, bold_label=labels["attendees"] + labels["colon"]))
    story.append(layout.para(str(len(meetings)), bold_label=labels["meetings"] + labels["colon"]))
    if not meetings:
        story.append(layout.para(labels["no_meeting"]))
    days = sorted({slot.start.date() for slot in schedule.slots})
    for day in days if meetings else ():
        story.append(layout.para(day.isoformat(), layout.heading))
        header = [labels["time"], labels["table"], labels["meeting"], labels["attendees"]]
        rows: list[list[Any]] = [[layout.para(text, layout.small) for text in header]]
        shaded: list[int] = []
        previous_end: datetime | None = None
        for slot in (slot for slot in schedule.slots if slot.start.date() == day):
            if previous_end is not None and slot.start > previous_end:
                shaded.append(len(rows))
                rows.append(
                    [layout.para(_hours(previous_end, slot.start)), "", layout.para(labels["break"]), ""]
                )
            previous_end = slot.end
            meeting = meetings.get(slot.start)
            if meeting is None:
                rows.append(
                    [
                        layout.para(_hours(slot.start, slot.end)),
                        "",
                        layout.para(labels["free"], layout.small),
                        "",
                    ]
                )
                continue
            other, attendees = _other_side(participant, meeting)
            notes = [labels[meeting.priority]] if meeting.priority != "normal" else []
            if meeting.status == "proposed":
                notes.append(labels["proposed"])
            title = other + (f" ({', '.join(notes)})" if notes else "")
            rows.append(
                [
                    layout.para(_hours(slot.start, slot.end)),
                    layout.para(meeting.table),
                    layout.para(title),
                    layout.para(attendees or "", layout.small),
                ]
            )
        story.append(_grid(rows, (27 * mm, 15 * mm, 72 * mm, 56 * mm), shaded))
    return build_pdf(path, story, layout, labels["agenda"])


def write_table_plan(path: Path, schedule: EventSchedule, lang: str = "fr") -> int:
    """For each slot, which company meets which team at which table. Returns the number of pages."""
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

    layout = _layout(lang)
    labels = layout.labels
    story: list[Any] = [
        layout.para(_event_line(schedule), layout.kicker),
        layout.para(labels["plan"], layout.title),
        Spacer(1, 2 * mm),
    ]
    order = {name: index for index, name in enumerate(schedule.event.tables)}
    live = [m for m in schedule.meetings if m.status != "cancelled"]
    for slot in schedule.slots:
        at_slot = sorted(
            (m for m in live if m.slot_start == slot.start), key=lambda m: order.get(m.table, len(order))
        )
        heading = layout.para(
            f"{slot.start.date().isoformat()} {_hours(slot.start, slot.end)}", layout.heading
        )
        if not at_slot:
            story.extend([heading, layout.para(labels["empty_slot"], layout.small)])
            continue
        header = [labels["table"], labels["company"], labels["team"]]
        rows: list[list[Any]] = [[layout.para(text, layout.small) for text in header]]
        rows += [[layout.para(m.table), layout.para(m.company), layout.para(m.team)] for m in at_slot]
        story.append(CondPageBreak(40 * mm))
        story.append(KeepTogether([heading, _grid(rows, (22 * mm, 74 * mm, 74 * mm))]))
    return build_pdf(path, story, layout, labels["plan"])


# --------------------------------------------------------------------------- everything


def file_stem(participant: ParticipantRow) -> str:
    """A file name for a participant's files: its reference (or id) with only safe characters."""
    stem = _FILE_NAME_UNSAFE.sub("_", participant.ref or "").strip("._")
    return f"agenda-{stem or participant.id}"


def write_agendas(
    db: Database, event_ref: str, folder: Path, lang: str = "fr", profile: str = "excel-fr"
) -> AgendasReport:
    """Write, into `folder`, one PDF agenda and one .ics per participant, the table plan (PDF) and
    the schedule as CSV (with a profile of exports.PROFILES) and XLSX.

    Raises:
        AgendaError: `lang`, `folder` or `unwritable`.
        EventError: `event` for an unknown reference.
        ExportError: a file could not be written.
    """
    _labels(lang)
    schedule = read_schedule(db, event_ref)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AgendaError("folder", str(exc)) from exc
    files: list[Path] = []
    now = datetime.now(UTC)
    plan = folder / "table-plan.pdf"
    try:
        used: set[str] = set()
        for participant in schedule.participants:
            stem = file_stem(participant)
            if stem.casefold() in used:  # a company and a team may share a reference
                stem = f"{stem}-{participant.id}"
            used.add(stem.casefold())
            pdf = folder / f"{stem}.pdf"
            write_participant_agenda(pdf, schedule, participant, lang)
            ics = folder / f"{stem}.ics"
            ics.write_bytes(participant_calendar(schedule, participant, lang, now).encode("utf-8"))
            files += [pdf, ics]
        write_table_plan(plan, schedule, lang)
    except OSError as exc:
        raise AgendaError("unwritable", str(exc)) from exc
    live = [m for m in schedule.meetings if m.status != "cancelled"]
    rows = [[row[column] for column in SCHEDULE_COLUMNS] for row in schedule_rows(live)]
    title = "schedule"
    for name in ("schedule.csv", "schedule.xlsx"):
        write_file(folder / name, SCHEDULE_COLUMNS, rows, profile, title)
        files.append(folder / name)
    return AgendasReport(folder, (*files, plan), len(schedule.participants), len(live))
