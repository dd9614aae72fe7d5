"""Global search: accents, case, legal forms and small typos do not hide a record; ranking is sensible."""

from __future__ import annotations

import uuid

from enact_match.services.catalog import save_record
from enact_match.services.database import Database
from enact_match.services.search import SearchIndex, SearchItem, search_words
from tests.support import GDPR_FACTS


def _item(kind: str, label: str, text: str | None = None) -> SearchItem:
    return SearchItem(kind, uuid.uuid4(), label, "", text or label)


def test_search_words_fold_case_accents_and_drop_legal_forms() -> None:
    assert search_words("Métallurgie de LORRAINE S.A.R.L") == [
        "metallurgie",
        "de",
        "lorraine",
        "s",
        "a",
        "r",
        "l",
    ]
    assert search_words("Élan Industries SAS") == ["elan", "industries"]
    assert search_words("Kraft GmbH") == ["kraft"]


def test_a_company_is_found_with_a_typo_without_accents_and_without_its_legal_form() -> None:
    target = _item("companies", "Métallurgie Lorraine SARL")
    index = SearchIndex([_item("companies", "Lorraine Logistique SAS"), target, _item("teams", "Métrologie")])
    hits = index.query("metalurgie loraine")
    assert hits[0].id == target.id
    assert index.query("METALLURGIE SARL")[0].id == target.id


def test_the_word_being_typed_matches_as_a_prefix() -> None:
    nancy = _item("units", "Centre de recherche de Nancy")
    index = SearchIndex([nancy, _item("units", "Laboratoire de Strasbourg")])
    assert [hit.id for hit in index.query("nan")] == [nancy.id]


def test_unrelated_words_find_nothing_and_empty_queries_return_nothing() -> None:
    index = SearchIndex([_item("companies", "Fonderie Valmorel")])
    assert index.query("xyzzy") == []
    assert index.query("  ") == []
    assert index.query("SAS") == []


def test_the_index_built_from_a_database_finds_every_kind_and_contacts_open_their_company(
    database: Database,
) -> None:
    company = save_record(database, "companies", {"name": "Fonderie Valmorel", "legal_form": "SAS"})
    unit = save_record(database, "units", {"name": "Laboratoire lorrain", "acronym": "LORIA"})
    team = save_record(database, "teams", {"name": "Synthèse de la parole", "unit": unit.ref})
    need = save_record(database, "needs", {"title": "Détection de défauts", "company": company.ref})
    contact = save_record(
        database, "contacts", {"name": "Nora Jourdain", "company": company.ref, **GDPR_FACTS}
    )
    index = SearchIndex.build(database)
    assert index.query("valmorel")[0].id == company.id
    assert index.query("loria")[0].id == unit.id
    assert index.query("synthese parole")[0].id == team.id
    assert index.query("detection defauts")[0].id == need.id
    hit = index.query("nora jourdin")[0]
    assert (hit.id, hit.opens) == (contact.id, ("companies", company.id))
