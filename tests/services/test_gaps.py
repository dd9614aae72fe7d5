"""Competency gaps: needs no team answers well, grouped by theme and named in French and English."""

from __future__ import annotations

import pytest

from enact_match.services import catalog, pipeline
from enact_match.services.dashboard import DashboardFilter
from enact_match.services.database import Database
from enact_match.services.gaps import GAP_THRESHOLD, find_gaps
from enact_match.services.pipeline import StageChange
from enact_match.services.suggestions import SuggestionService
from enact_match.services.views import NeedRow

TEAMS = [
    (
        "Vision industrielle",
        "Vision par ordinateur pour la détection de défauts sur les images de pièces, inspection visuelle "
        "automatisée et contrôle qualité par apprentissage profond.",
    ),
    (
        "Hydrogène",
        "Stockage de l'hydrogène dans des réservoirs composites haute pression, sécurité des réservoirs.",
    ),
]
NEEDS = {
    "vision": (
        "Détection de défauts par vision",
        "Inspection visuelle automatisée des pièces : détection de défauts sur images, contrôle qualité.",
    ),
    "textile_1": (
        "Traitement plasma des textiles techniques",
        "Rendre nos textiles techniques hydrophobes par un traitement plasma froid.",
    ),
    "textile_2": (
        "Fonctionnalisation plasma de textiles",
        "Greffer des fonctions antibactériennes sur des textiles techniques par plasma.",
    ),
    "beer": ("Fermentation de bière artisanale", "Stabiliser la fermentation de nos levures de brasserie."),
}


@pytest.fixture
def needs(database: Database) -> dict[str, NeedRow]:
    for name, statement in TEAMS:
        catalog.save_record(database, "teams", {"name": name, "statement": statement})
    return {
        key: catalog.save_record(database, "needs", {"title": title, "description": description})
        for key, (title, description) in NEEDS.items()
    }


def test_needs_no_team_answers_are_grouped_by_theme_and_named_in_both_languages(
    database: Database, needs: dict[str, NeedRow]
) -> None:
    service = SuggestionService.with_shipped_resources(database)
    gaps = find_gaps(database, service, DashboardFilter())
    groups = [{need.id for need in gap.needs} for gap in gaps]
    ids = {key: need.id for key, need in needs.items()}
    assert groups == [{ids["textile_1"], ids["textile_2"]}, {ids["beer"]}]
    textile = gaps[0]
    assert textile.best_score is None  # no team shares a single term with them
    vision_score = max(row.score for row in service.teams_for_need(needs["vision"].id, top=1))
    assert vision_score >= GAP_THRESHOLD
    assert any("textile" in term for term in textile.terms_fr)
    assert any("textile" in term for term in textile.terms_en)
    assert "plasma" in textile.terms_fr


def test_a_need_well_answered_or_already_introduced_is_never_a_gap(
    database: Database, needs: dict[str, NeedRow]
) -> None:
    service = SuggestionService.with_shipped_resources(database)
    team = catalog.list_teams(database)[0]
    pipeline.record_decision(database, needs["beer"].id, team.id, StageChange("introduced"), "Camille")
    gaps = find_gaps(database, service, DashboardFilter())
    listed = {need.id for gap in gaps for need in gap.needs}
    assert needs["vision"].id not in listed and needs["beer"].id not in listed
    assert {needs["textile_1"].id, needs["textile_2"].id} == listed


def test_gaps_follow_the_filter_and_are_the_same_every_time(
    database: Database, needs: dict[str, NeedRow]
) -> None:
    service = SuggestionService.with_shipped_resources(database)
    assert find_gaps(database, service, DashboardFilter()) == find_gaps(database, service, DashboardFilter())
    assert find_gaps(database, service, DashboardFilter(axis=1)) == ()
    assert find_gaps(database, service, DashboardFilter(), threshold=0.0) == ()
