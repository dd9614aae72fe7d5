"""GDPR: a person's data exported with the notes about them, erased for good, the retention review."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from enact_match.services import backup, catalog, gdpr
from enact_match.services.database import Database, open_database
from enact_match.services.importing import import_file
from enact_match.services.pipeline import StageChange, add_note, match_history, record_decision
from enact_match.storage.models import Contact, MeetingRequest
from tests.support import GDPR_FACTS


def _person_with_notes(db: Database) -> tuple[object, object]:
    company = catalog.save_record(db, "companies", {"ref": "C1", "name": "Fonderie Valmorel"})
    need = catalog.save_record(
        db,
        "needs",
        {"title": "Contrôle des pièces", "company": "C1", "description": "Demandé par Zoé Durand."},
    )
    team = catalog.save_record(db, "teams", {"name": "Vision", "leader": "Paul Nguyen"})
    contact = catalog.save_record(
        db,
        "contacts",
        {
            "name": "Zoé Durand",
            "email": "zoe@fonderie.example",
            "company": company.ref,
            "last_contact_on": "2026-01-15",
            **GDPR_FACTS,
        },
    )
    match = record_decision(db, need.id, team.id, StageChange("shortlisted"), "Officer")
    add_note(db, match.id, "Appel avec Zoé Durand (ZOE@fonderie.example) : intéressée.", "Officer")
    return contact, match


def test_export_holds_the_record_its_legal_facts_and_every_note_mentioning_the_person(
    database: Database, tmp_path: Path
) -> None:
    contact, _match = _person_with_notes(database)
    report = gdpr.export_contact(database, contact.ref, tmp_path / "out")
    content = json.loads(report.json_path.read_text(encoding="utf-8"))
    assert content["contact"]["email"] == "zoe@fonderie.example"
    assert content["contact"]["source"] == GDPR_FACTS["source"]
    assert content["contact"]["legal_basis"] == "legitimate_interest"
    assert content["contact"]["company"] == "Fonderie Valmorel"
    texts = [mention["text"] for mention in content["mentions"]]
    assert any("Appel avec Zoé Durand" in text for text in texts)
    assert any("Demandé par Zoé Durand" in text for text in texts)
    assert [change["action"] for change in content["changes"]] == ["create"]
    with report.csv_path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert ["contact", "email", "zoe@fonderie.example"] in rows
    assert any(row[0].startswith("mention") and "Appel avec" in row[2] for row in rows)


def test_export_finds_a_person_by_email_and_refuses_an_unknown_one(
    database: Database, tmp_path: Path
) -> None:
    _person_with_notes(database)
    assert gdpr.export_contact(database, "ZOE@fonderie.example", tmp_path).ref is not None
    with pytest.raises(gdpr.GdprError) as raised:
        gdpr.export_contact(database, "P-9999", tmp_path)
    assert raised.value.code == "unknown_contact"


def test_erasure_removes_the_record_and_every_mention_and_keeps_only_hashes(database: Database) -> None:
    contact, match = _person_with_notes(database)
    report = gdpr.erase_contact(database, contact.ref, "DPO")
    assert report.texts_rewritten == 2
    assert catalog.list_contacts(database) == []
    history = " ".join(event.note or "" for event in match_history(database, match.id))
    need = catalog.list_needs(database)[0]
    assert "Zoé" not in history and "zoe@" not in history.casefold() and gdpr.ERASED_TEXT in history
    assert "Zoé" not in need.description
    (tombstone,) = gdpr.read_tombstones(database)
    assert "zoe" not in repr(tombstone).casefold() and tombstone.identity_hash
    assert tombstone.email_hash == gdpr.email_hash("Zoe@Fonderie.example ")


def test_an_import_skips_an_erased_person_and_reports_it(database: Database, tmp_path: Path) -> None:
    contact, _ = _person_with_notes(database)
    gdpr.erase_contact(database, contact.ref)
    path = tmp_path / "contacts.csv"
    path.write_text(
        "nom;courriel;organisme\n"
        "Zoé Durand;zoe@fonderie.example;Fonderie Valmorel\n"
        "Zoe DURAND;;Fonderie Valmorel\n"
        "Marc Petit;marc@example.org;Acme\n",
        encoding="utf-8",
    )
    report = import_file(database, "contacts", path)
    assert report.erased_skipped == (2, 3)
    assert report.created == 1
    assert [row.name for row in catalog.list_contacts(database)] == ["Marc Petit"]


def test_imported_contacts_without_source_or_legal_basis_get_defaults_that_are_reported(
    database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "salon.csv"
    path.write_text("nom;origine\nAnne Martin;\nBruno Keller;carte de visite\n", encoding="utf-8")
    report = import_file(database, "contacts", path)
    assert report.gdpr_defaults == 2
    rows = {row.name: row for row in catalog.list_contacts(database)}
    assert rows["Anne Martin"].source == "import: salon.csv"
    assert rows["Bruno Keller"].source == "carte de visite"
    assert {row.legal_basis for row in rows.values()} == {"legitimate_interest"}


def test_a_contact_created_by_hand_needs_its_source_and_legal_basis(database: Database) -> None:
    with pytest.raises(catalog.RecordInvalidError) as raised:
        catalog.save_record(database, "contacts", {"name": "Anne Martin"})
    assert {(problem.field, problem.code) for problem in raised.value.problems} == {
        ("source", "required"),
        ("legal_basis", "required"),
    }
    assert catalog.list_contacts(database) == []
    saved = catalog.save_record(database, "contacts", {"name": "Anne Martin", **GDPR_FACTS})
    # Records created before the rule, or imported, can still be edited without them.
    with database.writing() as session:
        session.execute(update(Contact).values(source=None, legal_basis=None))
    assert catalog.save_record(database, "contacts", {"role": "CTO"}, saved.id).role == "CTO"


def test_restoring_a_backup_erases_again_a_person_erased_after_it(tmp_path: Path) -> None:
    db = open_database(str(tmp_path / "enact.sqlite3"))
    contact, _ = _person_with_notes(db)
    before = backup.create_backup(db, "manual")
    gdpr.erase_contact(db, contact.ref)
    report = backup.restore_backup(db, before.path)
    assert report.erased_again == 1
    assert catalog.list_contacts(db) == []
    assert len(gdpr.read_tombstones(db)) == 1
    history = catalog.list_needs(db)[0].description
    assert "Zoé" not in history
    db.dispose()


def test_retention_review_lists_contacts_out_of_touch_for_3_years(database: Database) -> None:
    today = date(2026, 12, 1)
    catalog.save_record(
        database, "contacts", {"name": "Recent", "last_contact_on": "2025-06-01", **GDPR_FACTS}
    )
    catalog.save_record(database, "contacts", {"name": "Old", "last_contact_on": "2023-06-01", **GDPR_FACTS})
    never = catalog.save_record(database, "contacts", {"name": "Never", **GDPR_FACTS})
    assert [row.name for row in gdpr.retention_review(database, today=today)] == ["Old"]
    with database.writing() as session:
        created = today - timedelta(days=4 * 365)
        session.execute(update(Contact).where(Contact.id == never.id).values(created_at=created))
    assert [row.name for row in gdpr.retention_review(database, today=today)] == ["Never", "Old"]
    assert [row.name for row in gdpr.retention_review(database, years=5, today=today)] == []


def test_events_attendee_lists_and_request_notes_are_exported_and_erased(
    database: Database, tmp_path: Path
) -> None:
    from datetime import time

    from enact_match.services import events

    contact, _match = _person_with_notes(database)
    catalog.save_record(database, "teams", {"ref": "T-V", "name": "Vision industrielle"})
    events.create_event(
        database,
        events.EventSpec(
            "EV-1",
            "Rencontres",
            date(2027, 3, 9),
            time(9),
            time(12),
            tables=("A",),
            notes="Organisé avec zoe@fonderie.example",
        ),
    )
    events.add_participant(
        database, "EV-1", "company", "C1", attendees="Zoé Durand, directrice R&D", contact_ref=contact.ref
    )
    events.add_participant(database, "EV-1", "team", "T-V")
    events.add_request(database, "EV-1", "C1", "T-V", note="Zoé Durand veut voir le banc de mesure")

    report = gdpr.export_contact(database, contact.ref, tmp_path / "out")
    content = json.loads(report.json_path.read_text(encoding="utf-8"))
    assert [item["event"] for item in content["events"]] == ["EV-1"]
    assert content["events"][0]["attendees"] == "Zoé Durand, directrice R&D"
    where = {mention["where"]: mention for mention in content["mentions"]}
    assert where["event_participants.attendees"]["event"] == "EV-1"
    assert where["meeting_requests.note"]["event"] == "EV-1"
    assert "events.notes" in where

    gdpr.erase_contact(database, contact.ref, "DPO")
    (participant, _) = events.list_participants(database, "EV-1")
    assert "Zoé" not in (participant.attendees or "") and gdpr.ERASED_TEXT in (participant.attendees or "")
    with database.reading() as session:
        (note,) = session.scalars(select(MeetingRequest.note))
    assert "Zoé" not in note and gdpr.ERASED_TEXT in note
    assert "zoe@" not in (events.get_event(database, "EV-1").notes or "")
