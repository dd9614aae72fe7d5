"""Needs confidential to a structure stay within it: lists, exports, briefs, search and introductions."""

from __future__ import annotations

from pathlib import Path

import pytest

from enact_match.services import catalog
from enact_match.services.briefs import BriefError, read_brief
from enact_match.services.catalog import Viewer
from enact_match.services.database import Database
from enact_match.services.exports import export_table
from enact_match.services.introductions import compose_introduction
from enact_match.services.pipeline import StageChange, record_decision
from enact_match.services.records import RecordNotFoundError
from enact_match.services.search import SearchIndex
from enact_match.services.suggestions import SuggestionService

INSIDER = Viewer("Ana", "POLARIS")
OUTSIDER = Viewer("Bea", "SATT_CONECTUS")


@pytest.fixture
def secret(database: Database) -> catalog.NeedRow:
    catalog.save_record(database, "needs", {"ref": "N-OPEN", "title": "Capteurs ouverts"})
    need = catalog.save_record(
        database,
        "needs",
        {
            "ref": "N-SECRET",
            "title": "Alliage confidentiel",
            "confidentiality": "structure",
            "structure": "POLARIS",
        },
    )
    team = catalog.save_record(
        database, "teams", {"ref": "T-1", "name": "Métallurgie", "statement": "alliages"}
    )
    record_decision(database, need.id, team.id, StageChange("shortlisted"), "Ana")
    return need


def _refs(rows: list[list[object]], column: int = 0) -> set[object]:
    return {row[column] for row in rows}


def test_exports_leave_out_needs_and_matches_of_other_structures(database: Database, secret: object) -> None:
    _header, needs = export_table("needs", database, OUTSIDER)
    assert _refs(needs) == {"N-OPEN"}
    assert export_table("matches", database, OUTSIDER)[1] == []
    assert export_table("pipeline", database, OUTSIDER)[1] == []
    assert _refs(export_table("needs", database, INSIDER)[1]) == {"N-OPEN", "N-SECRET"}
    assert len(export_table("matches", database, INSIDER)[1]) == 1
    assert _refs(export_table("needs", database)[1]) == {"N-OPEN", "N-SECRET"}  # no viewer set


def test_lists_and_search_leave_out_needs_of_other_structures(
    database: Database, secret: catalog.NeedRow
) -> None:
    assert [row.ref for row in catalog.list_needs(database, OUTSIDER)] == ["N-OPEN"]
    assert catalog.list_matches(database, OUTSIDER) == []
    outsider_hits = SearchIndex.build(database, OUTSIDER).query("alliage confidentiel")
    insider_hits = SearchIndex.build(database, INSIDER).query("alliage confidentiel")
    assert secret.id not in {hit.id for hit in outsider_hits}
    assert secret.id in {hit.id for hit in insider_hits}


def test_briefs_and_introductions_refuse_a_need_of_another_structure(
    database: Database, secret: catalog.NeedRow, tmp_path: Path
) -> None:
    service = SuggestionService.with_shipped_resources(database)
    with pytest.raises(BriefError) as raised:
        read_brief(database, service, "N-SECRET", viewer=OUTSIDER)
    assert raised.value.code == "need"
    assert read_brief(database, service, "N-SECRET", viewer=INSIDER).ref == "N-SECRET"
    team_id = catalog.list_teams(database)[0].id
    with pytest.raises(RecordNotFoundError):
        compose_introduction(database, secret.id, team_id, "fr", viewer=OUTSIDER)
    assert (
        "Alliage confidentiel"
        in compose_introduction(database, secret.id, team_id, "fr", viewer=INSIDER).body
    )
