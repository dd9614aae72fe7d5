"""Quick capture at a stand: company, contact and need in one transaction, then the best teams."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from enact_match.services import audit, catalog
from enact_match.services.capture import CaptureInvalidError, Visit, capture_visit
from enact_match.services.catalog import Viewer
from enact_match.services.database import Database
from enact_match.services.suggestions import SuggestionService
from enact_match.storage.models import Contact, Need

FAIR_DAY = date(2026, 3, 12)
OFFICER = Viewer("Julie Martin", "POLARIS")
VISIT = Visit(
    company_name="Fonderie Valmorel SAS",
    company_city="Thionville",
    contact_name="Marc Weber",
    contact_role="Directeur technique",
    contact_email="m.weber@valmorel.example",
    contact_phone="03 82 00 00 00",
    gdpr_informed=True,
    source="Salon Industrie du Futur Metz",
    need_title="Détection de défauts sur pièces de fonderie",
    need_description="Inspection par caméra et apprentissage profond des défauts de surface.",
    need_axes=(2,),
)
TEAMS = [
    ("Vision industrielle", "Détection de défauts de surface par caméra et apprentissage profond."),
    ("Fonderie et métallurgie", "Procédés de fonderie, solidification et défauts des pièces moulées."),
    ("Contrôle non destructif", "Inspection ultrasons et caméra thermique des pièces industrielles."),
    ("Apprentissage profond", "Réseaux de neurones profonds pour l'image et la détection."),
    ("Qualité de production", "Maîtrise statistique des procédés et contrôle qualité en usine."),
    ("Robotique", "Robots manipulateurs et préhension de pièces."),
    ("Linguistique", "Analyse du discours et corpus oraux."),
]


@pytest.fixture
def suggestions(database: Database) -> SuggestionService:
    for name, statement in TEAMS:
        catalog.save_record(database, "teams", {"name": name, "statement": statement})
    return SuggestionService.with_shipped_resources(database)


def _contact(database: Database, contact_id: object) -> Contact:
    with database.reading() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        session.expunge(contact)
        return contact


def test_capture_creates_company_contact_and_need_linked_with_gdpr_facts(
    database: Database, suggestions: SuggestionService
) -> None:
    result = capture_visit(database, VISIT, OFFICER, suggestions, today=FAIR_DAY)

    assert (result.company_ref, result.contact_ref, result.need_ref) == ("C-0001", "P-0001", "N-0001")
    assert result.company_created and result.contact_created
    need = catalog.get_row(database, "needs", result.need_id)
    assert (need.title, need.company_name, need.axes, need.status) == (
        "Détection de défauts sur pièces de fonderie",
        "Fonderie Valmorel SAS",
        (2,),
        "open",
    )
    assert (need.opened_on, need.owner, need.structure_code) == (FAIR_DAY, "Julie Martin", "POLARIS")
    contact = _contact(database, result.contact_id)
    assert contact.company_id == result.company_id
    assert (contact.source, contact.legal_basis, contact.informed_on, contact.captured_by) == (
        "Salon Industrie du Futur Metz",
        "legitimate_interest",
        FAIR_DAY,
        "Julie Martin",
    )
    assert (contact.role, contact.email, contact.last_contact_on) == (
        "Directeur technique",
        "m.weber@valmorel.example",
        FAIR_DAY,
    )
    logged = {(event.kind, event.action, event.author) for event in audit.list_events(database)}
    assert {
        ("companies", "create", "Julie Martin"),
        ("contacts", "create", "Julie Martin"),
        ("needs", "create", "Julie Martin"),
    } <= logged


def test_capture_defaults_the_source_to_salon_and_keeps_a_chosen_consent(database: Database) -> None:
    visit = replace(VISIT, source="", legal_basis="consent", captured_by="Paul Durand")
    result = capture_visit(database, visit, None, today=FAIR_DAY)
    contact = _contact(database, result.contact_id)
    assert (contact.source, contact.legal_basis, contact.captured_by) == ("salon", "consent", "Paul Durand")
    assert result.teams == ()  # no suggestion service given: saved without ranking


def test_capture_reuses_the_company_with_the_same_siren(database: Database) -> None:
    existing = catalog.save_record(
        database, "companies", {"name": "Valmorel Fonderies", "siren": "732829320"}
    )
    visit = replace(VISIT, company_name="Fonderie Valmorel (Thionville)", company_siren="732 829 320")
    result = capture_visit(database, visit, OFFICER)
    assert (result.company_id, result.company_created) == (existing.id, False)
    company = catalog.get_row(database, "companies", existing.id)
    assert (company.name, company.city) == ("Valmorel Fonderies", "Thionville")  # the missing city filled
    assert len(catalog.list_companies(database)) == 1


def test_capture_reuses_the_company_with_the_same_normalised_name_in_the_same_city(
    database: Database,
) -> None:
    existing = catalog.save_record(database, "companies", {"name": "FONDERIE VALMOREL", "city": "Thionville"})
    result = capture_visit(database, VISIT, OFFICER)
    assert (result.company_id, result.company_created, result.company_ref) == (
        existing.id,
        False,
        existing.ref,
    )
    assert catalog.get_row(database, "companies", existing.id).version == existing.version  # left untouched


def test_capture_creates_a_new_company_for_the_same_name_in_another_city(database: Database) -> None:
    existing = catalog.save_record(database, "companies", {"name": "Fonderie Valmorel", "city": "Nancy"})
    result = capture_visit(database, VISIT, OFFICER)
    assert result.company_created and result.company_id != existing.id


def test_capture_uses_the_company_chosen_from_the_completion(database: Database) -> None:
    chosen = catalog.save_record(database, "companies", {"name": "Aciéries de Lorraine", "city": "Hayange"})
    result = capture_visit(database, replace(VISIT, company_id=chosen.id), OFFICER)
    assert (result.company_id, result.company_name, result.company_created) == (
        chosen.id,
        "Aciéries de Lorraine",
        False,
    )


def test_capture_without_the_gdpr_information_is_refused_and_saves_nothing(database: Database) -> None:
    before = catalog.count_records(database)
    with pytest.raises(CaptureInvalidError) as caught:
        capture_visit(database, replace(VISIT, gdpr_informed=False), OFFICER)
    assert [(p.part, p.field, p.code) for p in caught.value.problems] == [
        ("contact", "gdpr_informed", "gdpr_not_informed")
    ]
    assert catalog.count_records(database) == before
    assert audit.list_events(database) == []


def test_capture_reports_every_refused_value_by_part_and_writes_nothing(database: Database) -> None:
    visit = Visit(
        company_name="Alpha",
        company_siren="123456789",
        contact_email="not an address",
        gdpr_informed=True,
        need_title="",
    )
    with pytest.raises(CaptureInvalidError) as caught:
        capture_visit(database, visit, None)
    assert {(p.part, p.field, p.code) for p in caught.value.problems} == {
        ("company", "siren", "siren_checksum"),
        ("contact", "name", "required"),
        ("contact", "email", "email"),
        ("contact", "captured_by", "required"),  # no current user and nobody named
        ("need", "title", "required"),
    }
    assert not any(catalog.count_records(database).values())


def test_capture_without_a_contact_saves_the_company_and_the_need(database: Database) -> None:
    visit = Visit(company_name="Beta Industrie", need_title="Jumeau numérique d'une ligne")
    result = capture_visit(database, visit, None)
    assert (result.contact_id, result.contact_ref) == (None, None)
    assert catalog.count_records(database)["contacts"] == 0
    assert catalog.get_row(database, "needs", result.need_id).company_name == "Beta Industrie"


def test_capture_of_a_known_e_mail_updates_that_contact_instead_of_a_twin(database: Database) -> None:
    first = capture_visit(database, VISIT, OFFICER, today=date(2025, 3, 10))
    visit = replace(VISIT, contact_email="M.Weber@Valmorel.example", source="Salon Hydrogen Days")
    second = capture_visit(database, visit, Viewer("Paul Durand", None), today=FAIR_DAY)
    assert (second.contact_id, second.contact_created) == (first.contact_id, False)
    contact = _contact(database, first.contact_id)
    assert (contact.source, contact.informed_on, contact.captured_by, contact.last_contact_on) == (
        "Salon Hydrogen Days",
        FAIR_DAY,
        "Paul Durand",
        FAIR_DAY,
    )
    assert catalog.count_records(database)["contacts"] == 1
    assert catalog.count_records(database)["needs"] == 2


def test_a_structure_only_capture_belongs_to_the_officers_structure(database: Database) -> None:
    visit = replace(VISIT, confidentiality="structure")
    with pytest.raises(CaptureInvalidError) as caught:
        capture_visit(database, visit, Viewer("Anonyme", None))
    assert [(p.part, p.code) for p in caught.value.problems] == [("need", "required")]
    result = capture_visit(database, visit, OFFICER)
    with database.reading() as session:
        need = session.get(Need, result.need_id)
        assert need is not None and need.structure is not None
        assert need.structure.code == "POLARIS"


def test_capture_returns_the_top_five_teams_best_first(
    database: Database, suggestions: SuggestionService
) -> None:
    result = capture_visit(database, VISIT, OFFICER, suggestions)
    assert len(result.teams) == 5
    scores = [row.score for row in result.teams]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]
    assert [row.rank for row in result.teams] == [1, 2, 3, 4, 5]
    assert {row.need_id for row in result.teams} == {result.need_id}
    names = [row.team_name for row in result.teams]
    assert names[0] == "Vision industrielle"
    assert "Linguistique" not in names
