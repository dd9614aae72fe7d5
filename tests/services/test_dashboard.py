"""The dashboard's figures equal independent counts of the database, for every filter and viewer."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from enact_match.services import catalog, pipeline
from enact_match.services.catalog import Viewer
from enact_match.services.dashboard import FUNNEL_STAGES, Count, DashboardFilter, compute_dashboard
from enact_match.services.database import Database
from enact_match.services.demo import load_demo
from enact_match.services.pipeline import StageChange
from enact_match.storage.models import Match, MatchEvent, Need, ResearchUnit, Team

RANK = {stage: rank for rank, stage in enumerate(FUNNEL_STAGES)}
INTRODUCED = ("introduced", "meeting_held", "collaboration_started")


def _utc(stamp: datetime) -> datetime:
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def _in_period(day: date, chosen: DashboardFilter) -> bool:
    return (chosen.start is None or day >= chosen.start) and (chosen.end is None or day <= chosen.end)


def expected_figures(db: Database, chosen: DashboardFilter, viewer: Viewer | None) -> dict[str, object]:
    """The figures counted one record at a time in Python, from the ORM objects (no GROUP BY)."""
    with db.reading() as session:
        needs = session.scalars(select(Need).options(selectinload(Need.structure))).all()
        matches = session.scalars(
            select(Match).options(
                selectinload(Match.events), selectinload(Match.team).selectinload(Team.unit)
            )
        ).all()
        units = session.scalars(select(ResearchUnit)).all()

        def passes(need: Need) -> bool:
            code = need.structure.code if need.structure else None
            visible = viewer is None or need.confidentiality != "structure" or code == viewer.structure_code
            return (
                visible
                and (chosen.axis is None or chosen.axis in (need.axes or []))
                and (chosen.structure is None or code == chosen.structure)
            )

        def need_day(need: Need) -> date:
            return need.opened_on or _utc(need.created_at).date()

        filtered = {need.id: need for need in needs if passes(need)}
        in_period = [need for need in filtered.values() if _in_period(need_day(need), chosen)]
        axes: Counter[str] = Counter()
        for need in in_period:
            for axis in need.axes or ["none"]:
                axes[str(axis)] += 1
        structures = Counter(need.structure.code if need.structure else "none" for need in in_period)
        months = Counter(need_day(need).strftime("%Y-%m") for need in in_period)

        ranks: dict[object, int] = {}
        declined = 0
        unit_best: dict[object, int] = {}
        for match in matches:
            if match.need_id not in filtered or not _in_period(_utc(match.created_at).date(), chosen):
                continue
            steps = [
                event
                for event in match.events
                if event.to_status is not None and (chosen.end is None or _utc(event.at).date() <= chosen.end)
            ]
            if steps:
                rank = max([RANK.get(event.to_status, 0) for event in steps])
            else:
                rank = RANK.get(match.status, 0)
            ranks[match.id] = rank
            declined += any(event.to_status == "declined" for event in steps)
            if match.team.unit_id is not None:
                unit_best[match.team.unit_id] = max(unit_best.get(match.team.unit_id, -1), rank)
        types: Counter[str] = Counter()
        for match in matches:
            if match.need_id not in filtered:
                continue
            started = [
                event.collaboration_type or match.collaboration_type or "other"
                for event in match.events
                if event.to_status == "collaboration_started" and _in_period(_utc(event.at).date(), chosen)
            ]
            for kind in set(started):
                types[kind] += 1

        days = []
        for need in in_period:
            stamps = [
                _utc(event.at)
                for match in matches
                if match.need_id == need.id
                for event in match.events
                if event.to_status in INTRODUCED
            ]
            if stamps:
                days.append(max((min(stamps).date() - need_day(need)).days, 0))
        covered = [unit for unit in units if unit.id in unit_best]
        return {
            "needs_total": len(in_period),
            "axes": {key: count for key, count in axes.items() if count},
            "structures": dict(structures),
            "months": {key: count for key, count in months.items() if count},
            "funnel": {stage: sum(rank >= RANK[stage] for rank in ranks.values()) for stage in FUNNEL_STAGES},
            "declined": declined,
            "types": dict(types),
            "introduced_needs": len(days),
            "pending": len(in_period) - len(days),
            "median": statistics.median(days) if days else None,
            "units": (
                len(units),
                len(covered),
                sum(unit_best[unit.id] >= RANK["introduced"] for unit in covered),
                sum(unit_best[unit.id] >= RANK["collaboration_started"] for unit in covered),
            ),
        }


def figures_of(db: Database, chosen: DashboardFilter, viewer: Viewer | None) -> dict[str, object]:
    found = compute_dashboard(db, chosen, viewer)
    coverage = found.coverage
    return {
        "needs_total": found.needs_total,
        "axes": {item.key: item.count for item in found.needs_by_axis if item.count},
        "structures": {item.key: item.count for item in found.needs_by_structure},
        "months": {item.key: item.count for item in found.needs_by_month if item.count},
        "funnel": {item.key: item.count for item in found.funnel},
        "declined": found.declined,
        "types": {item.key: item.count for item in found.collaborations_by_type},
        "introduced_needs": found.time_to_introduction.count,
        "pending": found.time_to_introduction.pending,
        "median": found.time_to_introduction.median,
        "units": (coverage.units, coverage.suggested, coverage.introduced, coverage.collaborating),
    }


@pytest.fixture
def demo(database: Database) -> Database:
    load_demo(database)
    return database


FILTERS = [
    DashboardFilter(),
    DashboardFilter(date(2025, 1, 1), date(2025, 3, 31)),
    DashboardFilter(date(2025, 4, 1), date(2025, 12, 31), axis=2),
    DashboardFilter(end=date(2025, 6, 30), axis=3, structure="GRAND_E_NOV"),
]


@pytest.mark.parametrize("chosen", FILTERS, ids=lambda chosen: repr(chosen))
def test_every_figure_equals_an_independent_count_of_the_demo_data(
    demo: Database, chosen: DashboardFilter
) -> None:
    assert figures_of(demo, chosen, None) == expected_figures(demo, chosen, None)


def test_the_demo_figures_are_not_trivially_empty(demo: Database) -> None:
    found = compute_dashboard(demo, DashboardFilter())
    assert found.needs_total == 97
    assert [item.key for item in found.funnel] == list(FUNNEL_STAGES)
    counts = [item.count for item in found.funnel]
    assert counts == sorted(counts, reverse=True) and counts[-1] > 0
    assert found.collaborations_by_type and found.time_to_introduction.count > 0
    assert [item.key for item in found.needs_by_axis] == ["1", "2", "3", "none"]


def test_a_structure_only_need_counts_only_for_users_of_its_structure(demo: Database) -> None:
    with demo.reading() as session:
        need = session.scalars(select(Need).where(Need.ref == "N-001")).one()
        owner = need.structure.code if need.structure else None
        shared = need.confidentiality != "structure"
    assert owner is not None and shared
    other = "SEMIA" if owner != "SEMIA" else "POLARIS"
    viewers = {code: Viewer("Julie", code) for code in (owner, other)}
    before = {
        code: compute_dashboard(demo, DashboardFilter(), viewer).needs_total
        for code, viewer in viewers.items()
    }
    with demo.writing() as session:
        session.scalars(select(Need).where(Need.ref == "N-001")).one().confidentiality = "structure"
    for code, viewer in viewers.items():
        found = figures_of(demo, DashboardFilter(), viewer)
        assert found == expected_figures(demo, DashboardFilter(), viewer)
        assert found["needs_total"] == before[code] - (code == other)


def test_month_trend_lists_every_month_of_the_period_with_zeros(demo: Database) -> None:
    found = compute_dashboard(demo, DashboardFilter(date(2024, 11, 15), date(2025, 2, 3)))
    assert [item.key for item in found.needs_by_month] == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert found.count_of("needs_by_month", "2024-11") == 0


def test_a_stage_reached_after_the_period_does_not_count_in_it(database: Database) -> None:
    need = catalog.save_record(database, "needs", {"title": "Jumeau numérique", "opened_on": "2025-01-10"})
    team = catalog.save_record(database, "teams", {"name": "Simulation"})
    match = pipeline.record_decision(database, need.id, team.id, StageChange("shortlisted"), "Camille")
    pipeline.change_stage(database, match.id, StageChange("introduced"), "Camille")
    proposed, introduced = datetime(2025, 2, 1, 9, tzinfo=UTC), datetime(2025, 4, 15, 9, tzinfo=UTC)
    with database.writing() as session:
        stored = session.get(Match, match.id)
        assert stored is not None
        stored.created_at = proposed
        for event in stored.events:
            event.at = introduced if event.to_status == "introduced" else proposed
    first_quarter = compute_dashboard(database, DashboardFilter(date(2025, 1, 1), date(2025, 3, 31)))
    half_year = compute_dashboard(database, DashboardFilter(date(2025, 1, 1), date(2025, 6, 30)))
    assert [item.count for item in first_quarter.funnel] == [1, 1, 0, 0, 0]
    assert [item.count for item in half_year.funnel] == [1, 1, 1, 0, 0]
    assert half_year.time_to_introduction.median == (date(2025, 4, 15) - date(2025, 1, 10)).days


def test_time_to_first_introduction_gives_median_quartiles_and_pending(database: Database) -> None:
    team = catalog.save_record(database, "teams", {"name": "Vision"})
    opened = date(2025, 3, 1)
    for number, delay in enumerate((10, 20, 30, 40, None)):
        need = catalog.save_record(
            database, "needs", {"title": f"Besoin {number}", "opened_on": opened.isoformat()}
        )
        if delay is None:
            continue
        match = pipeline.record_decision(database, need.id, team.id, StageChange("introduced"), "Camille")
        with database.writing() as session:
            for event in session.scalars(select(MatchEvent).where(MatchEvent.match_id == match.id)):
                event.at = datetime.combine(opened + timedelta(days=delay), datetime.min.time(), tzinfo=UTC)
    delay = compute_dashboard(database, DashboardFilter()).time_to_introduction
    assert (delay.count, delay.pending) == (4, 1)
    assert (delay.first_quartile, delay.median, delay.third_quartile) == (17.5, 25.0, 32.5)


def test_a_need_without_an_opening_day_is_dated_by_the_day_it_was_recorded(database: Database) -> None:
    need = catalog.save_record(database, "needs", {"title": "Capteurs de vibrations"})
    assert need.opened_on is None
    recorded = _utc(need.created_at).date()
    same_day = compute_dashboard(database, DashboardFilter(recorded, recorded))
    assert same_day.needs_total == 1
    assert same_day.needs_by_month == (Count(recorded.strftime("%Y-%m"), 1),)
    assert compute_dashboard(database, DashboardFilter(end=recorded - timedelta(days=1))).needs_total == 0
