"""Suggestions from the database: ranking through the engine, freshness after edits, business rules."""

from __future__ import annotations

import pytest

from enact_match.services import catalog, pipeline
from enact_match.services.catalog import Viewer
from enact_match.services.database import Database
from enact_match.services.pipeline import StageChange
from enact_match.services.suggestions import SuggestionService, explanation_summary


@pytest.fixture
def records(database: Database) -> dict[str, object]:
    save = catalog.save_record
    company = save(database, "companies", {"name": "Laminoirs de Lorraine SAS"})
    rival = save(database, "companies", {"name": "Autre Aciérie"})
    return {
        "company": company,
        "rival": rival,
        "speech": save(
            database,
            "teams",
            {
                "ref": "T-SPEECH",
                "name": "Speech team",
                "statement": "Automatic speech recognition, speech synthesis and spoken dialogue systems.",
                "axes": "1",
            },
        ),
        "maintenance": save(
            database,
            "teams",
            {
                "ref": "T-PDM",
                "name": "Industrial AI team",
                "statement": "Predictive maintenance of rolling mills from sensor time series.",
                "axes": "2",
            },
        ),
        "imaging": save(
            database,
            "teams",
            {
                "ref": "T-MRI",
                "name": "Medical imaging team",
                "statement": "Deep learning for MRI segmentation and image-guided surgery.",
                "axes": "3",
            },
        ),
        "need": save(
            database,
            "needs",
            {
                "ref": "N-1",
                "title": "Maintenance prédictive de nos laminoirs",
                "description": "Anticiper les pannes grâce aux séries temporelles des capteurs.",
                "company": company.ref,
            },
        ),
        "secret": save(
            database,
            "needs",
            {
                "ref": "N-2",
                "title": "Détection d'anomalies sur capteurs de laminoir",
                "description": "Séries temporelles, maintenance prédictive.",
                "confidentiality": "structure",
                "structure": "POLARIS",
                "company": rival.ref,
            },
        ),
    }


@pytest.fixture
def service(database: Database, records: dict[str, object]) -> SuggestionService:
    return SuggestionService.with_shipped_resources(database)


def refs(rows: list) -> list[str]:
    return [row.team_ref for row in rows]


def test_a_french_need_finds_the_team_described_in_english_first(
    service: SuggestionService, records: dict
) -> None:
    found = service.teams_for_need(records["need"].id, top=3)
    assert refs(found)[0] == "T-PDM"
    assert found[0].rank == 1 and 0 < found[0].score <= 100
    summary = explanation_summary(found[0].explanation).lower()
    assert "maintenance prédictive ↔ predictive maintenance" in summary


def test_an_edited_team_is_ranked_on_its_new_text_without_any_action(
    database: Database, service: SuggestionService, records: dict
) -> None:
    assert refs(service.teams_for_need(records["need"].id))[0] == "T-PDM"
    speech = records["speech"]
    catalog.save_record(
        database,
        "teams",
        {"statement": "Predictive maintenance of rolling mills: time series of sensors."},
        speech.id,
    )
    catalog.delete_record(database, "teams", records["maintenance"].id)
    assert refs(service.teams_for_need(records["need"].id))[0] == "T-SPEECH"


def test_suggestions_carry_the_records_ids_and_each_team_its_own_publications(
    database: Database, service: SuggestionService, records: dict
) -> None:
    # the ids are read as text (no UUID object per row): they must come back as the records' ids, and
    # each publication must count for its own team
    imaging_team = catalog.save_record(
        database,
        "teams",
        {
            "publications": [
                {"title": "Laminoirs : détection d'anomalies par séries temporelles", "year": 2024}
            ]
        },
        records["imaging"].id,
    )
    found = service.teams_for_need(records["secret"].id, top=3)
    assert found[0].need_id == records["secret"].id
    ids = {
        "T-PDM": records["maintenance"].id,
        "T-MRI": records["imaging"].id,
        "T-SPEECH": records["speech"].id,
    }
    assert {row.team_ref for row in found} >= {"T-PDM", "T-MRI"}
    assert [row.team_id for row in found] == [ids[row.team_ref] for row in found]
    publications = {
        row.team_ref: [item for item in row.explanation.evidence if item.kind == "publication"]
        for row in found
    }
    assert [(item.key, item.title) for item in publications["T-MRI"]] == [
        (str(imaging_team.publications[0].id), "Laminoirs : détection d'anomalies par séries temporelles")
    ]
    assert publications["T-PDM"] == []


def test_a_new_need_gets_suggestions_at_once(database: Database, service: SuggestionService) -> None:
    service.sync()
    need = catalog.save_record(database, "needs", {"title": "Segmentation IRM par apprentissage profond"})
    assert refs(service.teams_for_need(need.id))[0] == "T-MRI"


def test_declined_or_existing_matches_are_not_proposed_again(
    database: Database, service: SuggestionService, records: dict
) -> None:
    need, team = records["need"], records["maintenance"]
    pipeline.record_decision(
        database, need.id, team.id, StageChange("declined", decline_reason="too_early"), "A"
    )
    assert "T-PDM" not in refs(service.teams_for_need(need.id))
    assert all(row.team_ref != "T-PDM" or row.need_ref != "N-1" for row in service.best_pairs(top=3))


def test_already_partners_excludes_the_team_for_every_need_of_the_company(
    database: Database, service: SuggestionService, records: dict
) -> None:
    company = records["company"]
    other = catalog.save_record(
        database, "needs", {"title": "Maintenance prédictive des cages", "company": company.ref}
    )
    pipeline.record_decision(
        database,
        records["need"].id,
        records["maintenance"].id,
        StageChange("declined", decline_reason="already_partners"),
        "A",
    )
    assert "T-PDM" not in refs(service.teams_for_need(other.id))
    assert other.ref not in [row.need_ref for row in service.needs_for_team(records["maintenance"].id)]


def test_structure_only_needs_are_suggested_only_to_their_structure(
    service: SuggestionService, records: dict
) -> None:
    team = records["maintenance"].id
    polaris = [row.need_ref for row in service.needs_for_team(team, viewer=Viewer("Camille", "POLARIS"))]
    sayens = [row.need_ref for row in service.needs_for_team(team, viewer=Viewer("Jules", "SATT_SAYENS"))]
    assert "N-2" in polaris and "N-2" not in sayens
    pairs = service.best_pairs(top=3, viewer=Viewer("Jules", "SATT_SAYENS"))
    assert {row.need_ref for row in pairs} == {"N-1"}


def test_the_axis_filter_keeps_only_teams_of_that_axis(service: SuggestionService, records: dict) -> None:
    found = service.teams_for_need(records["need"].id, axis=3)
    assert refs(found) == ["T-MRI"] or refs(found) == []
    assert all(row.team_ref == "T-MRI" for row in found)


def test_a_full_rebuild_reports_progress(service: SuggestionService) -> None:
    ticks: list[tuple[int, int]] = []
    service.rebuild(progress=lambda done, total: ticks.append((done, total)))
    assert ticks and ticks[-1][0] == ticks[-1][1]


def test_the_pair_table_holds_the_rows_of_best_pairs_for_every_viewer(
    service: SuggestionService, records: dict
) -> None:
    for viewer in (None, Viewer("Camille", "POLARIS"), Viewer("Jules", "SATT_SAYENS")):
        table = service.best_pair_table(top=2, viewer=viewer)
        rows = service.best_pairs(top=2, viewer=viewer)
        assert len(table) == len(rows) > 0
        assert (table.need_refs, table.team_refs, table.scores, table.ranks) == (
            [row.need_ref for row in rows],
            [row.team_ref for row in rows],
            [row.score for row in rows],
            [row.rank for row in rows],
        )
    assert "N-2" not in service.best_pair_table(top=2, viewer=Viewer("Jules", "SATT_SAYENS")).need_refs


def test_the_pair_table_leaves_out_declined_matches_and_ranks_from_one(
    database: Database, service: SuggestionService, records: dict
) -> None:
    before = service.best_pair_table(top=3)
    assert ("N-1", "T-PDM") in set(zip(before.need_refs, before.team_refs, strict=True))
    pipeline.record_decision(
        database,
        records["need"].id,
        records["maintenance"].id,
        StageChange("declined", decline_reason="too_early"),
        "A",
    )
    table = service.best_pair_table(top=3)
    assert ("N-1", "T-PDM") not in set(zip(table.need_refs, table.team_refs, strict=True))
    for ref in set(table.need_refs):
        ranks = [rank for need, rank in zip(table.need_refs, table.ranks, strict=True) if need == ref]
        assert ranks == list(range(1, len(ranks) + 1))
