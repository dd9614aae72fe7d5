"""Event outputs: PDF agendas and table plan, iCalendar files read back, CSV and XLSX of the schedule."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from enact_match.services import agendas, catalog, events
from enact_match.services.agendas import AgendaError
from enact_match.services.database import Database
from tests.services.event_fixtures import FAIR, build_fair
from tests.services.test_dedup_exports_briefs import pdf_text


def _scheduled(database: Database) -> tuple[list[str], list[str]]:
    companies, teams = build_fair(database)
    for company, team in zip(companies, teams, strict=True):
        events.add_request(database, FAIR.ref, company, team, priority="must", relevance=70)
    events.add_request(database, FAIR.ref, companies[0], teams[1], relevance=40)
    events.schedule_event(database, FAIR.ref, time_limit=5)
    return companies, teams


def unfold(text: str) -> list[str]:
    """The content lines of an iCalendar document (RFC 5545 §3.1 unfolding)."""
    assert "\n" not in text.replace("\r\n", "")
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append("\n" if following in "nN" else following)
        else:
            out.append(char)
    return "".join(out)


def events_of(text: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    for line in unfold(text):
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            found.append({})
        elif found and line != "END:VEVENT" and line != "END:VCALENDAR":
            found[-1][name] = value
    return found


def test_ics_text_escapes_backslash_semicolon_comma_and_line_breaks() -> None:
    assert agendas.ics_text("a\\b;c,d\r\ne") == "a\\\\b\\;c\\,d\\ne"
    assert unescape(agendas.ics_text("Dupont, Durand; R&D\nTable 3\\4")) == "Dupont, Durand; R&D\nTable 3\\4"


def test_long_lines_are_folded_at_75_octets_without_splitting_a_character() -> None:
    line = "SUMMARY:" + "é" * 100
    folded = agendas.fold_line(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == line


def test_each_participant_calendar_lists_its_meetings_in_utc_with_stable_uids(database: Database) -> None:
    companies, _teams = _scheduled(database)
    schedule = events.read_schedule(database, FAIR.ref)
    company = next(p for p in schedule.participants if p.ref == companies[0])
    now = datetime(2027, 3, 1, 12, tzinfo=UTC)
    text = agendas.participant_calendar(schedule, company, "fr", now)
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    found = events_of(text)
    mine = [m for m in schedule.meetings if company.id == m.company_participant_id]
    assert len(found) == len(mine) == 2
    by_uid = {item["UID"]: item for item in found}
    for meeting in mine:
        item = by_uid[f"{meeting.id}@enact-match"]
        assert item["DTSTART"] == meeting.slot_start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        assert item["DTEND"] == meeting.slot_end.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        assert item["DTSTAMP"] == "20270301T120000Z"
        assert item["STATUS"] == "TENTATIVE"
        assert unescape(item["SUMMARY"]) == f"Rendez-vous avec {meeting.team} (Rencontres test)"
        assert f"Table : {meeting.table}" in unescape(item["DESCRIPTION"])
    assert agendas.participant_calendar(schedule, company, "fr", now) == text


def test_a_cancelled_meeting_stays_in_the_calendar_as_cancelled_with_a_higher_sequence(
    database: Database,
) -> None:
    companies, teams = _scheduled(database)
    before = events.read_schedule(database, FAIR.ref)
    meeting = next(m for m in before.meetings if (m.company_ref, m.team_ref) == (companies[0], teams[0]))
    events.cancel_meeting(database, FAIR.ref, companies[0], teams[0])
    after = events.read_schedule(database, FAIR.ref)
    company = next(p for p in after.participants if p.ref == companies[0])
    item = next(
        e
        for e in events_of(agendas.participant_calendar(after, company))
        if e["UID"].startswith(str(meeting.id))
    )
    assert item["STATUS"] == "CANCELLED"
    assert int(item["SEQUENCE"]) > meeting.version


def test_user_text_with_commas_and_semicolons_survives_the_calendar(database: Database) -> None:
    companies, teams = _scheduled(database)
    events.add_participant(database, FAIR.ref, "team", teams[0], attendees="Dr A; Dr B, and\nthe lab")
    schedule = events.read_schedule(database, FAIR.ref)
    company = next(p for p in schedule.participants if p.ref == companies[0])
    descriptions = [
        unescape(e["DESCRIPTION"]) for e in events_of(agendas.participant_calendar(schedule, company))
    ]
    assert any("Participants : Dr A; Dr B, and\nthe lab" in text for text in descriptions)


def test_write_agendas_writes_a_pdf_and_an_ics_per_participant_and_the_plan(
    database: Database, tmp_path: Path
) -> None:
    companies, _teams = _scheduled(database)
    catalog_name = "Aciérie <b>Test</b>"
    company = next(row for row in catalog.list_companies(database) if row.ref == companies[0])
    catalog.save_record(database, "companies", {"name": catalog_name}, company.id, company.version)
    report = agendas.write_agendas(database, FAIR.ref, tmp_path / "out", "fr")
    names = sorted(path.name for path in report.files)
    assert (report.participants, report.meetings) == (6, 4)
    assert len([name for name in names if name.endswith(".pdf")]) == 7
    assert len([name for name in names if name.endswith(".ics")]) == 6
    assert {"schedule.csv", "schedule.xlsx", "table-plan.pdf"} <= set(names)
    agenda = pdf_text(tmp_path / "out" / f"agenda-{companies[0]}.pdf")
    assert "Agenda des rendez-vous" in agenda and catalog_name in agenda
    assert "Vision" in agenda and "Langage" in agenda and "Pause" in agenda and "libre" in agenda
    plan = pdf_text(tmp_path / "out" / "table-plan.pdf")
    assert "Plan des tables" in plan and "Imagerie" in plan and "Santé Test" in plan


def test_the_schedule_spreadsheets_hold_every_meeting_and_no_formula(
    database: Database, tmp_path: Path
) -> None:
    companies, _teams = _scheduled(database)
    company = next(row for row in catalog.list_companies(database) if row.ref == companies[1])
    catalog.save_record(database, "companies", {"name": "=HYPERLINK(1)"}, company.id, company.version)
    agendas.write_agendas(database, FAIR.ref, tmp_path, "en", profile="utf8")
    with (tmp_path / "schedule.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 4
    assert tuple(rows[0]) == agendas.SCHEDULE_COLUMNS
    assert "'=HYPERLINK(1)" in {row["company"] for row in rows}
    assert rows[0]["slot_start"].startswith("2027-03-18 ")
    sheet = openpyxl.load_workbook(tmp_path / "schedule.xlsx").active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value == "=HYPERLINK(1)"]
    assert cells and all(cell.data_type == "s" for cell in cells)


def test_the_english_agenda_uses_english_labels(database: Database, tmp_path: Path) -> None:
    companies, _teams = _scheduled(database)
    schedule = events.read_schedule(database, FAIR.ref)
    company = next(p for p in schedule.participants if p.ref == companies[0])
    pages = agendas.write_participant_agenda(tmp_path / "a.pdf", schedule, company, "en")
    text = pdf_text(tmp_path / "a.pdf")
    assert pages == 1 and "Meeting agenda" in text and "Break" in text


def test_an_unsupported_language_is_refused_before_anything_is_written(
    database: Database, tmp_path: Path
) -> None:
    _scheduled(database)
    with pytest.raises(AgendaError) as caught:
        agendas.write_agendas(database, FAIR.ref, tmp_path / "out", "de")
    assert caught.value.code == "lang"
    assert not (tmp_path / "out").exists()
