"""Following a match through the pipeline: decisions, allowed stage changes, notes, history."""

from __future__ import annotations

import pytest

from enact_match.services import catalog, pipeline
from enact_match.services.database import Database
from enact_match.services.pipeline import PipelineError, StageChange
from enact_match.services.views import NeedRow, TeamRow


@pytest.fixture
def pair(database: Database) -> tuple[NeedRow, TeamRow]:
    company = catalog.save_record(database, "companies", {"name": "Aciérie Test"})
    need = catalog.save_record(database, "needs", {"title": "Détection de défauts", "company": company.ref})
    team = catalog.save_record(database, "teams", {"name": "Vision", "statement": "Computer vision"})
    return need, team


def test_shortlisting_a_suggestion_creates_the_match_with_its_history(
    database: Database, pair: tuple[NeedRow, TeamRow]
) -> None:
    need, team = pair
    match = pipeline.record_decision(
        database,
        need.id,
        team.id,
        StageChange("shortlisted"),
        "Camille",
        score=72.5,
        explanation={"terms": []},
    )
    history = pipeline.match_history(database, match.id)
    assert (match.status, match.score) == ("shortlisted", 72.5)
    assert [(event.from_status, event.to_status, event.author) for event in history] == [
        (None, "suggested", "Camille"),
        ("suggested", "shortlisted", "Camille"),
    ]


def test_a_match_moves_to_collaboration_with_its_type(
    database: Database, pair: tuple[NeedRow, TeamRow]
) -> None:
    need, team = pair
    match = pipeline.record_decision(database, need.id, team.id, StageChange("introduced"), "Camille")
    match = pipeline.change_stage(database, match.id, StageChange("meeting_held"), "Camille")
    match = pipeline.change_stage(
        database, match.id, StageChange("collaboration_started", collaboration_type="cifre"), "Léa"
    )
    assert (match.status, match.collaboration_type) == ("collaboration_started", "cifre")
    assert pipeline.match_history(database, match.id)[-1].collaboration_type == "cifre"


def test_starting_a_collaboration_needs_its_type(database: Database, pair: tuple[NeedRow, TeamRow]) -> None:
    need, team = pair
    match = pipeline.record_decision(database, need.id, team.id, StageChange("introduced"), None)
    pipeline.change_stage(database, match.id, StageChange("meeting_held"), None)
    with pytest.raises(PipelineError) as caught:
        pipeline.change_stage(database, match.id, StageChange("collaboration_started"), None)
    assert caught.value.code == "collaboration_type_required"


def test_declining_needs_a_reason(database: Database, pair: tuple[NeedRow, TeamRow]) -> None:
    need, team = pair
    with pytest.raises(PipelineError) as caught:
        pipeline.record_decision(database, need.id, team.id, StageChange("declined"), None)
    assert caught.value.code == "reason_required"
    assert catalog.list_matches(database) == []


def test_a_stage_cannot_be_skipped(database: Database, pair: tuple[NeedRow, TeamRow]) -> None:
    need, team = pair
    match = pipeline.record_decision(database, need.id, team.id, StageChange("shortlisted"), None)
    with pytest.raises(PipelineError) as caught:
        pipeline.change_stage(
            database, match.id, StageChange("collaboration_started", collaboration_type="cifre"), None
        )
    assert caught.value.code == "transition"


def test_declining_as_already_partners_excludes_the_company_and_team(
    database: Database, pair: tuple[NeedRow, TeamRow]
) -> None:
    from sqlalchemy import select

    from enact_match.storage.models import Exclusion

    need, team = pair
    pipeline.record_decision(
        database, need.id, team.id, StageChange("declined", decline_reason="already_partners"), "Camille"
    )
    with database.reading() as session:
        exclusions = session.execute(select(Exclusion.team_id, Exclusion.reason)).all()
    assert [tuple(row) for row in exclusions] == [(team.id, "already_partners")]


def test_notes_are_dated_and_kept_in_the_history(database: Database, pair: tuple[NeedRow, TeamRow]) -> None:
    need, team = pair
    match = pipeline.record_decision(database, need.id, team.id, StageChange("shortlisted"), "Camille")
    pipeline.add_note(database, match.id, "Appel prévu jeudi", "Camille")
    last = pipeline.match_history(database, match.id)[-1]
    assert (last.note, last.author, last.to_status) == ("Appel prévu jeudi", "Camille", None)
    assert last.at is not None
