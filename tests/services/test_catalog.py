"""Saving, reading and deleting records; confidentiality of needs."""

from __future__ import annotations

import pytest

from enact_match.services import catalog
from enact_match.services.catalog import RecordInvalidError, StaleRecordError, Viewer
from enact_match.services.database import Database


def test_saving_a_new_need_gives_it_a_reference_and_checked_values(database: Database) -> None:
    company = catalog.save_record(
        database, "companies", {"name": "Fonderie Test SAS", "siren": "732 829 320"}
    )
    need = catalog.save_record(
        database,
        "needs",
        {"title": "Maintenance prédictive", "company": company.ref, "trl": "5", "axes": "2"},
    )
    assert need.ref == "N-0001"
    assert (need.company_name, need.trl, need.axes, need.status) == ("Fonderie Test SAS", 5, (2,), "open")
    assert company.siren == "732829320"


def test_an_invalid_save_reports_every_problem_and_writes_nothing(database: Database) -> None:
    with pytest.raises(RecordInvalidError) as caught:
        catalog.save_record(database, "companies", {"name": "", "siren": "123456789", "naf": "x"})
    codes = {(problem.field, problem.code) for problem in caught.value.problems}
    assert codes == {("name", "required"), ("siren", "siren_checksum"), ("naf", "naf")}
    assert catalog.list_companies(database) == []


def test_saving_over_a_newer_version_is_refused(database: Database) -> None:
    first = catalog.save_record(database, "companies", {"name": "Alpha"})
    catalog.save_record(database, "companies", {"city": "Metz"}, first.id, expected_version=first.version)
    with pytest.raises(StaleRecordError):
        catalog.save_record(
            database, "companies", {"city": "Nancy"}, first.id, expected_version=first.version
        )
    assert catalog.get_row(database, "companies", first.id).city == "Metz"


def test_a_team_saved_with_publications_lists_them(database: Database) -> None:
    team = catalog.save_record(
        database,
        "teams",
        {
            "name": "Équipe vision",
            "statement": "Computer vision",
            "publications": [{"title": "Deep inspection of steel surfaces", "year": 2024}],
        },
    )
    assert [publication.title for publication in team.publications] == ["Deep inspection of steel surfaces"]


def test_deleting_a_company_keeps_its_needs_as_anonymous(database: Database) -> None:
    company = catalog.save_record(database, "companies", {"name": "Alpha"})
    need = catalog.save_record(database, "needs", {"title": "Besoin", "company": company.ref})
    catalog.delete_record(database, "companies", company.id)
    assert catalog.get_row(database, "needs", need.id).company_id is None


def test_structure_only_needs_are_visible_only_inside_their_structure(database: Database) -> None:
    catalog.save_record(database, "needs", {"title": "Public", "confidentiality": "public"})
    catalog.save_record(
        database, "needs", {"title": "Secret Polaris", "confidentiality": "structure", "structure": "POLARIS"}
    )
    titles = lambda viewer: {need.title for need in catalog.list_needs(database, viewer)}  # noqa: E731
    assert titles(None) == {"Public", "Secret Polaris"}
    assert titles(Viewer("Camille", "POLARIS")) == {"Public", "Secret Polaris"}
    assert titles(Viewer("Jules", "SATT_SAYENS")) == {"Public"}


def test_counts_cover_every_kind(database: Database) -> None:
    catalog.save_record(database, "units", {"name": "Laboratoire", "institutions": "UL; CNRS; INRAE"})
    counts = catalog.count_records(database)
    assert counts["units"] == 1 and counts["needs"] == 0
    (unit,) = catalog.list_units(database)
    assert unit.institutions == ("UL", "CNRS", "OTHER") and unit.institutions_other == "INRAE"
