"""Laptop bundles: round trips, conflicts surfaced not overwritten, tombstones, erasures, refusals."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from enact_match.services import backup, bundles, catalog, gdpr
from enact_match.services.database import Database, open_database
from enact_match.services.pipeline import StageChange, add_note, match_history, record_decision
from enact_match.storage.models import SyncState, utc_now
from tests.services.bundle_support import bundle_path, canonical_dump, exchange
from tests.support import GDPR_FACTS


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Database]:
    """A second database (SQLite), the other laptop of the `database` fixture."""
    db = open_database(str(tmp_path / "laptop-b.sqlite3"))
    yield db
    db.dispose()


def _company(db: Database, name: str = "Fonderie Valmorel", **values: str) -> catalog.CompanyRow:
    return catalog.save_record(db, "companies", {"name": name, "city": "Metz", **values})


def _shared_company(db: Database, other: Database, folder: Path) -> catalog.CompanyRow:
    """A company created on `db` and sent to `other`."""
    company = _company(db)
    exchange(db, other, folder, "first")
    return company


def _edit(db: Database, kind: str, record_id: object, **values: str) -> None:
    current = catalog.get_row(db, kind, record_id)  # type: ignore[arg-type]
    catalog.save_record(db, kind, {"name": current.name, **values}, record_id=record_id)  # type: ignore[arg-type]


def test_export_then_merge_copies_records_with_their_ids_and_links(
    database: Database, laptop: Database, tmp_path: Path
) -> None:
    company = _company(database, siren="552100554")
    need = catalog.save_record(database, "needs", {"title": "Contrôle des soudures", "company": company.ref})
    catalog.save_record(database, "contacts", {"name": "Anne Martin", "company": company.ref, **GDPR_FACTS})

    report = exchange(database, laptop, tmp_path)

    assert {change.table: change.inserted for change in report.changes} == {
        "companies": 1,
        "needs": 1,
        "contacts": 1,
    }
    copied = catalog.get_row(laptop, "needs", need.id)
    assert copied.company_name == "Fonderie Valmorel" and copied.title == "Contrôle des soudures"
    assert canonical_dump(laptop)["rows"] == canonical_dump(database)["rows"]


def test_an_edit_made_after_seeing_the_other_laptops_value_replaces_it_without_conflict(
    database: Database, laptop: Database, tmp_path: Path
) -> None:
    company = _shared_company(database, laptop, tmp_path)
    _edit(laptop, "companies", company.id, city="Nancy")

    report = exchange(laptop, database, tmp_path, "second")

    assert report.conflicts == ()
    assert catalog.get_row(database, "companies", company.id).city == "Nancy"


def test_concurrent_edits_of_one_field_are_a_conflict_with_both_values_and_the_same_value_shown_everywhere(
    database: Database, laptop: Database, tmp_path: Path
) -> None:
    company = _shared_company(database, laptop, tmp_path)
    _edit(database, "companies", company.id, city="Nancy")
    _edit(laptop, "companies", company.id, city="Thionville", website="https://valmorel.example")

    into_a = exchange(laptop, database, tmp_path, "b")
    exchange(database, laptop, tmp_path, "a")

    (conflict,) = into_a.conflicts
    assert (conflict.field, set(conflict.values)) == ("city", {"Nancy", "Thionville"})
    assert bundles.list_conflicts(database) == bundles.list_conflicts(laptop) == [conflict]
    shown_a = catalog.get_row(database, "companies", company.id)
    shown_b = catalog.get_row(laptop, "companies", company.id)
    assert shown_a.city == shown_b.city == conflict.values[0]
    # The field edited on one side only is simply taken.
    assert shown_a.website == shown_b.website == "https://valmorel.example"


def test_resolving_a_conflict_is_an_edit_that_wins_on_every_laptop(
    database: Database, laptop: Database, tmp_path: Path
) -> None:
    company = _shared_company(database, laptop, tmp_path)
    _edit(database, "companies", company.id, city="Nancy")
    _edit(laptop, "companies", company.id, city="Thionville")
    exchange(laptop, database, tmp_path, "b")
    (conflict,) = bundles.list_conflicts(database)
    chosen = conflict.values.index("Thionville")

    bundles.resolve_conflict(database, company.id, "city", chosen)
    exchange(database, laptop, tmp_path, "a")

    assert bundles.list_conflicts(database) == bundles.list_conflicts(laptop) == []
    assert catalog.get_row(database, "companies", company.id).city == "Thionville"
    assert catalog.get_row(laptop, "companies", company.id).city == "Thionville"


def test_resolving_refuses_a_field_not_in_conflict(database: Database) -> None:
    company = _company(database)
    with pytest.raises(bundles.BundleError) as raised:
        bundles.resolve_conflict(database, company.id, "city", 0)
    assert raised.value.code == "no_conflict"


def test_a_deletion_travels_as_a_tombstone_and_an_older_bundle_does_not_bring_the_record_back(
    database: Database, laptop: Database, tmp_path: Path
) -> None:
    company = _company(database)
    exchange(database, laptop, tmp_path, "old")
    catalog.delete_record(database, "companies", company.id)

    report = exchange(database, laptop, tmp_path, "deleted")
    again = bundles.merge_bundle(database, bundle_path(tmp_path, "old"))

    assert [(change.table, change.deleted) for change in report.changes] == [("companies", 1)]
    assert catalog.list_companies(laptop) == catalog.list_companies(database) == []
    assert not again.changed


def test_an_edit_concurrent_with_a_deletion_keeps_the_record_and_reports_it(
    database: Database, laptop: Database, tmp_path: Path
) -> None:
    company = _shared_company(database, laptop, tmp_path)
    catalog.delete_record(database, "companies", company.id)
    _edit(laptop, "companies", company.id, city="Nancy")

    report = exchange(laptop, database, tmp_path, "b")

    assert catalog.get_row(database, "companies", company.id).city == "Nancy"
    assert [(conflict.field, set(conflict.values)) for conflict in report.conflicts] == [
        ("_alive", {True, False})
    ]
    # Settling it as "deleted" removes the record everywhere.
    bundles.resolve_conflict(database, company.id, "_alive", report.conflicts[0].values.index(False))
    exchange(database, laptop, tmp_path, "a")
    assert catalog.list_companies(database) == catalog.list_companies(laptop) == []


def test_merging_the_same_bundle_twice_changes_nothing(
    database: Database, laptop: Database, tmp_path: Path
) -> None:
    company = _company(database)
    catalog.save_record(database, "needs", {"title": "Capteurs", "company": company.ref})
    exchange(database, laptop, tmp_path, "a")
    before = canonical_dump(laptop)

    again = bundles.merge_bundle(laptop, bundle_path(tmp_path, "a"))

    assert not again.changed and again.conflicts == ()
    assert canonical_dump(laptop) == before


def test_a_dry_run_reports_the_changes_and_changes_nothing(
    database: Database, laptop: Database, tmp_path: Path
) -> None:
    _company(database, siren="552100554")
    _company(laptop, name="FONDERIE VALMOREL SAS", siren="552100554")
    path = tmp_path / "a.enact-bundle"
    bundles.export_bundle(database, path)
    before = canonical_dump(laptop)

    report = bundles.merge_bundle(laptop, path, dry_run=True)

    assert report.dry_run and report.backup is None
    assert [(change.table, change.inserted) for change in report.changes] == [("companies", 1)]
    assert [proposal.rule for proposal in report.duplicates] == ["siren"]
    assert canonical_dump(laptop) == before
    assert backup.list_backups(laptop) == []


def test_the_same_company_captured_on_two_laptops_is_proposed_for_merging(
    database: Database, laptop: Database, tmp_path: Path
) -> None:
    _company(database, name="Aciéries de Lorraine", siren="552100554")
    _company(laptop, name="Acieries Lorraine SA", siren="552100554")
    _company(laptop, name="Boulangerie Martin", city="Nancy")

    report = exchange(database, laptop, tmp_path)

    (proposal,) = report.duplicates
    assert proposal.rule == "siren"
    assert {proposal.first.label, proposal.second.label} == {"Aciéries de Lorraine", "Acieries Lorraine SA"}
    assert len(catalog.list_companies(laptop)) == 3  # proposed, not merged: that is the user's call


def test_two_records_given_the_same_reference_on_two_laptops_are_both_kept(
    database: Database, laptop: Database, tmp_path: Path
) -> None:
    first = _company(database, name="Alpha")
    second = _company(laptop, name="Beta")
    assert first.ref == second.ref

    exchange(database, laptop, tmp_path, "a")
    exchange(laptop, database, tmp_path, "b")

    refs_a = {row.name: row.ref for row in catalog.list_companies(database)}
    refs_b = {row.name: row.ref for row in catalog.list_companies(laptop)}
    assert refs_a == refs_b and len(set(refs_a.values())) == 2
    assert first.ref in refs_a.values()


def test_a_reference_made_unique_by_a_merge_does_not_bring_back_a_record_deleted_meanwhile(
    database: Database, laptop: Database, tmp_path: Path
) -> None:
    first = _company(database, name="Alpha")
    second = _company(laptop, name="Beta")
    renamed = max(first.id, second.id)  # the greater id gives the reference up
    owner, other = (laptop, database) if renamed == second.id else (database, laptop)
    exchange(owner, other, tmp_path, "a")  # the other laptop renames the record's reference
    catalog.delete_record(owner, "companies", renamed)  # and its own laptop deletes it meanwhile

    exchange(other, owner, tmp_path, "b")
    exchange(owner, other, tmp_path, "c")

    for db in (database, laptop):
        assert [row.id for row in catalog.list_companies(db)] == [min(first.id, second.id)]
        assert bundles.list_conflicts(db) == []


def test_match_history_is_merged_entry_by_entry(database: Database, laptop: Database, tmp_path: Path) -> None:
    need = catalog.save_record(database, "needs", {"title": "Vision industrielle"})
    team = catalog.save_record(database, "teams", {"name": "Vision"})
    match = record_decision(database, need.id, team.id, StageChange("shortlisted"), "Anne")
    exchange(database, laptop, tmp_path, "first")
    add_note(database, match.id, "Rendez-vous fixé", "Anne")
    add_note(laptop, match.id, "Devis envoyé", "Bruno")

    exchange(laptop, database, tmp_path, "b")
    exchange(database, laptop, tmp_path, "a")

    notes_a = sorted(event.note or "" for event in match_history(database, match.id))
    notes_b = sorted(event.note or "" for event in match_history(laptop, match.id))
    assert notes_a == notes_b
    assert {"Rendez-vous fixé", "Devis envoyé"} <= set(notes_a)


def _erasable_person(db: Database) -> catalog.ContactRow:
    company = _company(db)
    catalog.save_record(
        db, "needs", {"title": "Contrôle", "company": company.ref, "description": "Vu avec Zoé Durand"}
    )
    return catalog.save_record(
        db,
        "contacts",
        {"name": "Zoé Durand", "email": "zoe@valmorel.example", "company": company.ref, **GDPR_FACTS},
    )


def test_an_erased_person_never_comes_back_through_a_merge(
    database: Database, laptop: Database, tmp_path: Path
) -> None:
    contact = _erasable_person(database)
    exchange(database, laptop, tmp_path, "older")
    _edit(laptop, "contacts", contact.id, phone="+33 3 87 00 00 00")  # edited meanwhile on the other laptop
    gdpr.erase_contact(database, contact.ref)

    bundles.merge_bundle(database, bundle_path(tmp_path, "older"))
    exchange(laptop, database, tmp_path, "b")
    report = exchange(database, laptop, tmp_path, "a")

    assert catalog.list_contacts(database) == catalog.list_contacts(laptop) == []
    assert report.erasures_added == 1 and report.people_erased == 1
    assert "Zoé" not in catalog.list_needs(laptop)[0].description
    assert "Zoé" not in json.dumps(canonical_dump(laptop), ensure_ascii=False)
    assert len(gdpr.read_tombstones(laptop)) == 1
    for db in (database, laptop):  # nor in what the laptops keep to merge later bundles
        with db.reading() as session:
            kept = " ".join(session.scalars(select(SyncState.state)))
        assert "Zoé" not in kept and "zoe@" not in kept and "87 00 00 00" not in kept
        assert bundles.list_conflicts(db) == []


def test_a_text_rewritten_for_an_erasure_during_a_merge_does_not_bring_back_a_record_deleted_meanwhile(
    database: Database, laptop: Database, tmp_path: Path
) -> None:
    contact = _erasable_person(database)
    exchange(database, laptop, tmp_path, "a")
    need = catalog.list_needs(database)[0]
    gdpr.erase_contact(database, contact.ref)  # the need mentions her: rewritten here...
    catalog.delete_record(database, "needs", need.id)  # ...then deleted

    exchange(database, laptop, tmp_path, "b")  # the laptop rewrites its copy of the need as it merges
    exchange(laptop, database, tmp_path, "c")

    for db in (database, laptop):
        assert catalog.list_needs(db) == []
        assert bundles.list_conflicts(db) == []


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"PK\x03\x04 a zip file, not a bundle", "not_a_bundle"),
        (gzip.compress(b"{not json"), "corrupt"),
        (gzip.compress(b'{"hello": 1}'), "not_a_bundle"),
        (gzip.compress(b"x" * 2000)[:40], "corrupt"),
        (
            gzip.compress(json.dumps({"format": bundles.FORMAT, "format_version": 99}).encode()),
            "format_version",
        ),
    ],
)
def test_a_corrupt_or_foreign_file_is_refused_and_nothing_changes(
    database: Database, tmp_path: Path, content: bytes, code: str
) -> None:
    _company(database)
    before = canonical_dump(database)
    path = tmp_path / "bad.enact-bundle"
    path.write_bytes(content)

    with pytest.raises(bundles.BundleError) as raised:
        bundles.merge_bundle(database, path)

    assert raised.value.code == code
    assert canonical_dump(database) == before


def _rewritten_bundle(source: Path, target: Path, change: dict[str, object]) -> None:
    content = json.loads(gzip.decompress(source.read_bytes()))
    content.update(change)
    target.write_bytes(gzip.compress(json.dumps(content).encode()))


def test_a_bundle_of_a_newer_schema_or_with_a_broken_state_is_refused(
    database: Database, laptop: Database, tmp_path: Path
) -> None:
    company = _company(database)
    good = tmp_path / "good.enact-bundle"
    bundles.export_bundle(database, good)
    newer, broken = tmp_path / "newer.enact-bundle", tmp_path / "broken.enact-bundle"
    _rewritten_bundle(good, newer, {"schema": "9999"})
    _rewritten_bundle(
        good, broken, {"records": {"companies": {company.id.hex: {"c": {}, "f": {"name": [["x", 1, "A"]]}}}}}
    )

    codes = []
    for path in (newer, broken):
        with pytest.raises(bundles.BundleError) as raised:
            bundles.merge_bundle(laptop, path)
        codes.append(raised.value.code)

    assert codes == ["schema_newer", "corrupt"]
    assert catalog.list_companies(laptop) == []


def test_since_exports_only_the_records_changed_from_that_time(database: Database, tmp_path: Path) -> None:
    _company(database, name="Ancienne")
    bundles.export_bundle(database, tmp_path / "all.enact-bundle")
    cutoff = utc_now()
    _company(database, name="Nouvelle")

    recent = bundles.export_bundle(database, tmp_path / "recent.enact-bundle", since=cutoff)
    everything = bundles.export_bundle(
        database, tmp_path / "all.enact-bundle", since=cutoff - timedelta(days=1)
    )

    assert recent.tables == (("companies", 1),)
    assert everything.tables == (("companies", 2),)


def test_a_form_opened_before_a_merge_refuses_to_overwrite_what_the_merge_brought(
    database: Database, laptop: Database, tmp_path: Path
) -> None:
    company = _shared_company(database, laptop, tmp_path)
    opened = catalog.get_row(laptop, "companies", company.id)
    _edit(database, "companies", company.id, city="Nancy")
    exchange(database, laptop, tmp_path, "second")

    with pytest.raises(catalog.StaleRecordError):
        catalog.save_record(
            laptop,
            "companies",
            {"name": opened.name, "city": "Épinal"},
            company.id,
            expected_version=opened.version,
        )


def test_a_laptop_restored_from_a_backup_does_not_have_its_new_edits_dropped(
    laptop: Database, tmp_path: Path
) -> None:
    restored = open_database(str(tmp_path / "restored.sqlite3"))
    company = _company(restored)
    exchange(restored, laptop, tmp_path, "first")
    before = backup.create_backup(restored, "manual")
    _edit(restored, "companies", company.id, city="Nancy")
    exchange(restored, laptop, tmp_path, "sent")  # stamps sent, then lost by the restore
    backup.restore_backup(restored, before.path)

    _edit(restored, "companies", company.id, website="https://valmorel.example")
    exchange(restored, laptop, tmp_path, "after")

    row = catalog.get_row(laptop, "companies", company.id)
    assert (row.city, row.website) == ("Nancy", "https://valmorel.example")
    restored.dispose()


def test_a_record_whose_parent_comes_in_a_later_bundle_waits_for_it(
    database: Database, laptop: Database, tmp_path: Path
) -> None:
    company = _company(database)
    bundles.export_bundle(database, tmp_path / "unsent.enact-bundle")  # the company is stamped before
    cutoff = utc_now()
    need = catalog.save_record(database, "needs", {"title": "Capteurs", "company": company.ref})
    recent = tmp_path / "recent.enact-bundle"
    bundles.export_bundle(database, recent, since=cutoff)

    waiting = bundles.merge_bundle(laptop, recent)
    assert [(change.table, change.waiting) for change in waiting.changes] == [("needs", 1)]
    assert catalog.list_needs(laptop) == []
    exchange(database, laptop, tmp_path, "everything")

    assert catalog.get_row(laptop, "needs", need.id).company_name == "Fonderie Valmorel"


def test_deleting_a_company_clears_the_link_of_its_needs_on_every_laptop(
    database: Database, laptop: Database, tmp_path: Path
) -> None:
    company = _company(database)
    need = catalog.save_record(database, "needs", {"title": "Capteurs", "company": company.ref})
    exchange(database, laptop, tmp_path, "first")
    catalog.delete_record(database, "companies", company.id)

    exchange(database, laptop, tmp_path, "deleted")

    assert catalog.get_row(laptop, "needs", need.id).company_name is None
    assert canonical_dump(laptop)["rows"] == canonical_dump(database)["rows"]
