"""The figures of the dashboard and the quarterly report: needs, matching funnel, collaborations, coverage.

Every figure is counted by the database (GROUP BY queries that run alike on SQLite and PostgreSQL)
for one filter: a period, an axis, a structure, and the viewer (structure-only needs are counted
only for users of their structure, as everywhere else). Results are numbers and codes; `ui/` and
the report turn them into words.

What the period selects:
- needs: those whose date falls in it; a need's date is the day it was opened (`opened_on`), or the
  day it was recorded when no opening day was given;
- matches (funnel, coverage): those proposed in it (`created_at`, the first step of their history),
  on needs passing the axis, structure and viewer filters; how far they went is read from their
  history up to the end of the period, so a past quarter's report does not change afterwards;
- collaborations: the moves to "collaboration started" made in the period.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import String, case, cast, distinct, exists, func, literal, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from enact_match.services import codes
from enact_match.services.catalog import Viewer, need_visibility
from enact_match.storage.database import Database
from enact_match.storage.models import Match, MatchEvent, Need, ResearchUnit, Structure, Team

# The stages of the funnel, in the order a match goes through them (declining leaves the funnel).
FUNNEL_STAGES = ("suggested", "shortlisted", "introduced", "meeting_held", "collaboration_started")
_RANK = {stage: rank for rank, stage in enumerate(FUNNEL_STAGES)}
INTRODUCED = _RANK["introduced"]
COLLABORATING = _RANK["collaboration_started"]
# Key of the needs without an axis, and of the needs without a structure.
NONE_KEY = "none"


@dataclass(frozen=True)
class DashboardFilter:
    """What the figures cover: a period (both days included; None: unbounded), an axis, a structure code."""

    start: date | None = None
    end: date | None = None
    axis: int | None = None
    structure: str | None = None


@dataclass(frozen=True)
class Count:
    """One bar: a code (axis number as text, structure code, `YYYY-MM` month, stage, type) and a count."""

    key: str
    count: int


@dataclass(frozen=True)
class Durations:
    """Days from a need's date to its first introduction, over the needs introduced (None: none was).

    `pending` counts the needs of the period that no team has been introduced to yet.
    """

    count: int
    median: float | None
    first_quartile: float | None
    third_quartile: float | None
    pending: int


@dataclass(frozen=True)
class CoverageRow:
    """Research units (all of them, or of one institution) and how many took part in the matches.

    `suggested`: units with at least one team proposed for a need; `introduced`: at least one team
    introduced (or further); `collaborating`: at least one collaboration started.
    """

    key: str
    units: int
    suggested: int
    introduced: int
    collaborating: int


@dataclass(frozen=True)
class Dashboard:
    """Every figure for one filter."""

    filter: DashboardFilter
    needs_total: int
    needs_by_axis: tuple[Count, ...]  # axes 1, 2, 3 then `none`; a need with two axes counts in both
    needs_by_structure: tuple[Count, ...]  # most needs first, `none` last
    needs_by_month: tuple[Count, ...]  # every month of the period (or of the data), oldest first
    funnel: tuple[Count, ...]  # FUNNEL_STAGES order: matches that reached at least that stage
    declined: int  # matches of the period declined at some point (they count where they reached)
    collaborations_by_type: tuple[Count, ...]  # codes.COLLABORATION_TYPES order, zeros left out
    time_to_introduction: Durations
    coverage: CoverageRow  # key `all`
    coverage_by_institution: tuple[CoverageRow, ...]  # codes.INSTITUTIONS order, institutions with units

    def count_of(self, figure: str, key: str) -> int:
        """The count of `key` in a figure (`needs_by_axis`, `funnel`...), 0 when absent."""
        return next((item.count for item in getattr(self, figure) if item.key == key), 0)


# --------------------------------------------------------------------------- SQL pieces


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _has_axis(session: Session, axis: int) -> Any:
    """SQL condition: the need lists this axis (JSON lists are searched with each backend's functions)."""
    if _dialect(session) == "postgresql":
        return cast(Need.axes, JSONB).contains([axis])
    items = func.json_each(Need.axes).table_valued("value")
    return exists(select(literal(1)).select_from(items).where(items.c.value == axis))


def _month(session: Session, column: Any) -> Any:
    """SQL expression: `YYYY-MM` of a date or time stamp."""
    if _dialect(session) == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def _need_day() -> Any:
    return func.coalesce(Need.opened_on, Need.created_at)


def _stamp(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _need_conditions(session: Session, chosen: DashboardFilter, viewer: Viewer | None) -> list[Any]:
    """Conditions on needs: axis, structure and viewer (not the period)."""
    conditions = [need_visibility(viewer)]
    if chosen.axis is not None:
        conditions.append(_has_axis(session, chosen.axis))
    if chosen.structure is not None:
        own = select(Structure.id).where(Structure.code == chosen.structure).scalar_subquery()
        conditions.append(Need.structure_id == own)
    return conditions


def filtered_needs(session: Session, chosen: DashboardFilter, viewer: Viewer | None) -> list[Any]:
    """SQL conditions selecting the needs of a filter: period (need's date), axis, structure, viewer."""
    return [*_need_conditions(session, chosen, viewer), *_period(_need_day(), chosen)]


def _period(column: Any, chosen: DashboardFilter) -> list[Any]:
    """Conditions putting a date or time stamp column in the period (end day included)."""
    conditions = []
    if chosen.start is not None:
        conditions.append(column >= chosen.start)
    if chosen.end is not None:
        conditions.append(column < chosen.end + timedelta(days=1))
    return conditions


def _stamp_period(column: Any, chosen: DashboardFilter) -> list[Any]:
    conditions = []
    if chosen.start is not None:
        conditions.append(column >= _stamp(chosen.start))
    if chosen.end is not None:
        conditions.append(column < _stamp(chosen.end + timedelta(days=1)))
    return conditions


# --------------------------------------------------------------------------- figures


def _needs_by_axis(session: Session, needs: list[Any]) -> tuple[Count, ...]:
    # Few distinct axis lists exist ([1], [1, 3]...): group by the stored list, then split it.
    text = cast(Need.axes, String)
    counts: Counter[str] = Counter()
    for stored, count in session.execute(select(text, func.count()).where(*needs).group_by(text)):
        axes = json.loads(stored) if stored else []
        for axis in axes or [NONE_KEY]:
            counts[str(axis)] += count
    keys = [str(axis) for axis in codes.AXES] + [NONE_KEY]
    return tuple(Count(key, counts[key]) for key in keys if counts[key] or key != NONE_KEY)


def _needs_by_structure(session: Session, needs: list[Any]) -> tuple[Count, ...]:
    query = (
        select(Structure.code, func.count(Need.id))
        .select_from(Need)
        .outerjoin(Structure, Need.structure_id == Structure.id)
        .where(*needs)
        .group_by(Structure.code)
    )
    rows = [Count(code or NONE_KEY, count) for code, count in session.execute(query)]
    return tuple(sorted(rows, key=lambda item: (item.key == NONE_KEY, -item.count, item.key)))


def _months(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    found = []
    while f"{year:04d}-{month:02d}" <= last:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _needs_by_month(session: Session, needs: list[Any], chosen: DashboardFilter) -> tuple[Count, ...]:
    month = _month(session, _need_day())
    counts = dict(session.execute(select(month, func.count()).where(*needs).group_by(month)).all())
    if not counts and (chosen.start is None or chosen.end is None):
        return ()
    first = chosen.start.strftime("%Y-%m") if chosen.start else min(counts)
    last = chosen.end.strftime("%Y-%m") if chosen.end else max(counts)
    return tuple(Count(key, counts.get(key, 0)) for key in _months(first, last))


def _ranked_matches(session: Session, needs: list[Any], chosen: DashboardFilter) -> Any:
    """Subquery of the matches proposed in the period: the furthest stage each reached (its rank), its
    team's unit, and whether it was declined; all counted by the database, one row per match."""
    reached = case(_RANK, value=MatchEvent.to_status, else_=-1)
    until = [MatchEvent.at < _stamp(chosen.end + timedelta(days=1))] if chosen.end else []
    history = (
        select(
            MatchEvent.match_id.label("match_id"),
            func.max(reached).label("furthest"),
            func.max(case((MatchEvent.to_status == "declined", 1), else_=0)).label("declined"),
        )
        .where(*until, MatchEvent.to_status.is_not(None))
        .group_by(MatchEvent.match_id)
        .subquery()
    )
    # Matches recorded without a history (imports) keep the stage they are at.
    current = case(_RANK, value=Match.status, else_=0)
    rank = case(
        (history.c.furthest.is_(None), current), (history.c.furthest < 0, 0), else_=history.c.furthest
    )
    return (
        select(
            rank.label("rank"),
            Team.unit_id.label("unit_id"),
            func.coalesce(history.c.declined, 0).label("declined"),
        )
        .select_from(Match)
        .join(Need, Match.need_id == Need.id)
        .join(Team, Match.team_id == Team.id)
        .outerjoin(history, history.c.match_id == Match.id)
        .where(*needs, *_stamp_period(Match.created_at, chosen))
        .subquery()
    )


def _funnel(session: Session, ranked: Any) -> tuple[tuple[Count, ...], int]:
    """Matches that reached at least each stage, and how many were declined."""
    counts = dict(session.execute(select(ranked.c.rank, func.count()).group_by(ranked.c.rank)).all())
    declined = session.scalar(select(func.coalesce(func.sum(ranked.c.declined), 0))) or 0
    funnel = tuple(
        Count(stage, sum(count for rank, count in counts.items() if rank >= _RANK[stage]))
        for stage in FUNNEL_STAGES
    )
    return funnel, int(declined)


def _collaborations(session: Session, needs: list[Any], chosen: DashboardFilter) -> tuple[Count, ...]:
    kind = func.coalesce(MatchEvent.collaboration_type, Match.collaboration_type, "other")
    query = (
        select(kind, func.count(distinct(MatchEvent.match_id)))
        .join(Match, MatchEvent.match_id == Match.id)
        .join(Need, Match.need_id == Need.id)
        .where(*needs, MatchEvent.to_status == "collaboration_started", *_stamp_period(MatchEvent.at, chosen))
        .group_by(kind)
    )
    counts = dict(session.execute(query).all())
    return tuple(Count(code, counts[code]) for code in codes.COLLABORATION_TYPES if counts.get(code))


def _time_to_introduction(session: Session, needs: list[Any], chosen: DashboardFilter) -> Durations:
    introduced = ("introduced", "meeting_held", "collaboration_started")
    first = (
        select(Match.need_id.label("need_id"), func.min(MatchEvent.at).label("first_at"))
        .join(MatchEvent, MatchEvent.match_id == Match.id)
        .where(MatchEvent.to_status.in_(introduced))
        .group_by(Match.need_id)
        .subquery()
    )
    query = (
        select(Need.opened_on, Need.created_at, first.c.first_at)
        .outerjoin(first, first.c.need_id == Need.id)
        .where(*needs, *_period(_need_day(), chosen))
    )
    days: list[float] = []
    pending = 0
    for opened_on, created_at, first_at in session.execute(query):
        if first_at is None:
            pending += 1
            continue
        start = opened_on or _as_utc(created_at).date()
        days.append(float(max((_as_utc(first_at).date() - start).days, 0)))
    if not days:
        return Durations(0, None, None, None, pending)
    low, middle, high = statistics.quantiles(days, n=4, method="inclusive") if len(days) > 1 else days * 3
    return Durations(len(days), middle, low, high, pending)


def _as_utc(stamp: datetime) -> datetime:
    # SQLite gives naive time stamps back (stored in UTC); PostgreSQL gives aware ones.
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def _coverage(session: Session, ranked: Any) -> tuple[CoverageRow, tuple[CoverageRow, ...]]:
    best_query = (
        select(ranked.c.unit_id, func.max(ranked.c.rank))
        .where(ranked.c.unit_id.is_not(None))
        .group_by(ranked.c.unit_id)
    )
    best = dict(session.execute(best_query).all())
    institutions: dict[str, list[Any]] = {}
    all_units = []
    for unit_id, listed in session.execute(select(ResearchUnit.id, ResearchUnit.institutions)):
        all_units.append(unit_id)
        for code in listed or ():
            institutions.setdefault(code, []).append(unit_id)

    def row(key: str, units: list[Any]) -> CoverageRow:
        reached = [best[unit] for unit in units if unit in best]
        return CoverageRow(
            key,
            len(units),
            len(reached),
            sum(1 for rank in reached if rank >= INTRODUCED),
            sum(1 for rank in reached if rank >= COLLABORATING),
        )

    order = [code for code in codes.INSTITUTIONS if code in institutions]
    order += sorted(set(institutions) - set(order))
    return row("all", all_units), tuple(row(code, institutions[code]) for code in order)


def compute_dashboard(db: Database, chosen: DashboardFilter, viewer: Viewer | None = None) -> Dashboard:
    """Every figure of the dashboard for a filter (see the module's docstring for what the period selects).

    Args:
        chosen: the period (days included), axis and structure code; None fields do not filter.
        viewer: the current user; structure-only needs of other structures are not counted.

    Returns:
        A Dashboard of counts and codes, read in one unit of work.
    """
    with db.reading() as session:
        filtered = _need_conditions(session, chosen, viewer)
        needs = filtered_needs(session, chosen, viewer)
        needs_total = session.scalar(select(func.count()).select_from(Need).where(*needs)) or 0
        ranked = _ranked_matches(session, filtered, chosen)
        funnel, declined = _funnel(session, ranked)
        coverage, by_institution = _coverage(session, ranked)
        return Dashboard(
            chosen,
            needs_total,
            _needs_by_axis(session, needs),
            _needs_by_structure(session, needs),
            _needs_by_month(session, needs, chosen),
            funnel,
            declined,
            _collaborations(session, filtered, chosen),
            _time_to_introduction(session, filtered, chosen),
            coverage,
            by_institution,
        )
