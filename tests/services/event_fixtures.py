"""A small B2B day for the event, agenda and command-line tests: three companies, three teams."""

from __future__ import annotations

from datetime import date, time

from enact_match.services import catalog, events
from enact_match.services.database import Database
from enact_match.services.events import EventSpec

FAIR = EventSpec(
    ref="EV-TEST",
    name="Rencontres test",
    first_day=date(2027, 3, 18),
    day_start=time(9, 0),
    day_end=time(11, 0),
    venue="Metz",
    slot_minutes=20,
    breaks=((time(10, 0), time(10, 20)),),
    tables=("T1", "T2"),
    max_meetings=3,
)
COMPANIES = ("Aciérie Test", "Robotique Test", "Santé Test")
TEAMS = ("Vision", "Langage", "Imagerie")


def build_fair(database: Database) -> tuple[list[str], list[str]]:
    """The event FAIR with every company and team taking part; returns their references."""
    companies = [catalog.save_record(database, "companies", {"name": name}).ref for name in COMPANIES]
    teams = [
        catalog.save_record(database, "teams", {"name": name, "statement": f"{name} research"}).ref
        for name in TEAMS
    ]
    events.create_event(database, FAIR)
    for ref in companies:
        events.add_participant(database, FAIR.ref, "company", ref, attendees=f"Directeur R&D ({ref})")
    for ref in teams:
        events.add_participant(database, FAIR.ref, "team", ref)
    return companies, teams
