"""Meeting scheduler: CP-SAT optimum, greedy baseline, priorities, pins, reasons and invariants."""

from __future__ import annotations

import itertools
import random
import time
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enact_match.scheduling import (
    Participant,
    Placement,
    Priority,
    Problem,
    ProblemError,
    Request,
    Schedule,
    SolveCancelledError,
    Unplaced,
    request_weights,
    solve,
    solve_greedy,
)

MUST, WISH, NORMAL = Priority.MUST, Priority.WISH, Priority.NORMAL


def people(
    *keys: str, available: set[int] | None = None, max_meetings: int | None = None
) -> tuple[Participant, ...]:
    slots = None if available is None else frozenset(available)
    return tuple(Participant(key, slots, max_meetings) for key in keys)


def slots_of(schedule: Schedule) -> dict[str, int]:
    return {placement.request: placement.slot for placement in schedule.placements}


def broken_rules(problem: Problem, placements: tuple[Placement, ...]) -> list[str]:
    """What a set of placements does wrong: cells, tables, double booking, availability, maximums."""
    companies = {participant.key: participant for participant in problem.companies}
    teams = {participant.key: participant for participant in problem.teams}
    requests = {request.key: request for request in problem.requests}
    broken = []
    cells = [(placement.slot, placement.table) for placement in placements]
    if len(set(cells)) < len(cells):
        broken.append("two meetings at one table")
    if not all(0 <= slot < problem.slot_count and 0 <= table < problem.table_count for slot, table in cells):
        broken.append("slot or table out of range")
    if len({placement.request for placement in placements}) < len(placements):
        broken.append("a request placed twice")
    busy: set[tuple[str, int]] = set()
    meetings: dict[str, int] = {}
    for placement in placements:
        request = requests[placement.request]
        if request.company not in companies or request.team not in teams:
            broken.append(f"{request.key}: unknown participant")
            continue
        for ident, side in (
            (f"c:{request.company}", companies[request.company]),
            (f"t:{request.team}", teams[request.team]),
        ):
            if side.available is not None and placement.slot not in side.available:
                broken.append(f"{ident} unavailable in {placement.slot}")
            if (ident, placement.slot) in busy:
                broken.append(f"{ident} twice in {placement.slot}")
            busy.add((ident, placement.slot))
            meetings[ident] = meetings.get(ident, 0) + 1
            if side.max_meetings is not None and meetings[ident] > side.max_meetings:
                broken.append(f"{ident} over its maximum")
    return broken


def check_invariants(problem: Problem, schedule: Schedule) -> None:
    """No rule broken, pins kept, every request placed or explained, the objective as weighted."""
    assert broken_rules(problem, schedule.placements) == []
    placed = {placement.request for placement in schedule.placements}
    assert placed.isdisjoint(schedule.unplaced)
    assert placed | set(schedule.unplaced) == {request.key for request in problem.requests}
    for key, pin in problem.pinned.items():
        assert pin in schedule.placements, key
    weights = request_weights(problem.requests)
    assert schedule.objective == sum(weights[key] for key in placed)


def check_reasons(problem: Problem, schedule: Schedule) -> None:
    """Each reason is true of the final schedule."""
    companies = {participant.key: participant for participant in problem.companies}
    teams = {participant.key: participant for participant in problem.teams}
    requests = {request.key: request for request in problem.requests}
    slots = slots_of(schedule)
    every = set(range(problem.slot_count))

    def common(request: Request) -> set[int]:
        company, team = companies[request.company], teams[request.team]
        return {
            slot
            for slot in every
            if all(side.available is None or slot in side.available for side in (company, team))
        }

    def meetings(side: str, key: str) -> list[int]:
        return [slot for request_key, slot in slots.items() if getattr(requests[request_key], side) == key]

    for key, reason in schedule.unplaced.items():
        request = requests[key]
        if reason is Unplaced.UNKNOWN_PARTICIPANT:
            assert request.company not in companies or request.team not in teams
            continue
        company, team = companies[request.company], teams[request.team]
        if reason is Unplaced.NO_COMMON_SLOT:
            assert not common(request)
        elif reason is Unplaced.COMPANY_FULL:
            assert company.max_meetings is not None
            assert len(meetings("company", request.company)) >= company.max_meetings
        elif reason is Unplaced.TEAM_FULL:
            assert team.max_meetings is not None
            assert len(meetings("team", request.team)) >= team.max_meetings
        else:
            assert reason is Unplaced.NO_FREE_SLOT
            assert common(request)
            for slot in common(request):
                table_full = list(slots.values()).count(slot) >= problem.table_count
                assert (
                    table_full
                    or slot in meetings("company", request.company)
                    or slot in meetings("team", request.team)
                ), (key, slot)


def test_cp_sat_places_both_meetings_where_greedy_takes_the_earliest_slot_and_loses_one() -> None:
    problem = Problem(
        slot_count=2,
        table_count=2,
        companies=people("acme"),
        teams=people("optics") + people("lasers", available={0}),
        requests=(
            Request("acme-optics", "acme", "optics", 90.0),
            Request("acme-lasers", "acme", "lasers", 80.0),
        ),
    )
    greedy = solve_greedy(problem)
    exact = solve(problem, time_limit=5)
    assert slots_of(greedy) == {"acme-optics": 0}
    assert greedy.unplaced == {"acme-lasers": Unplaced.NO_FREE_SLOT}
    assert slots_of(exact) == {"acme-lasers": 0, "acme-optics": 1}
    assert exact.unplaced == {}
    assert exact.optimal and exact.method == "cp-sat" and not exact.fallback
    assert exact.objective > greedy.objective
    assert exact.bound == exact.objective


def test_cp_sat_prefers_the_more_relevant_pair_when_tables_are_short() -> None:
    # One slot, one table: two independent requests compete for it; the most relevant one wins.
    problem = Problem(
        slot_count=1,
        table_count=1,
        companies=people("a", "b"),
        teams=people("x", "y"),
        requests=(Request("a-x", "a", "x", 40.0), Request("b-y", "b", "y", 70.0)),
    )
    schedule = solve(problem, time_limit=5)
    assert schedule.placements == (Placement("b-y", 0, 0),)
    assert schedule.unplaced == {"a-x": Unplaced.NO_FREE_SLOT}


@pytest.mark.parametrize(("high", "low"), [(MUST, WISH), (WISH, NORMAL)])
def test_one_request_of_a_higher_priority_outweighs_two_of_the_next_one(
    high: Priority, low: Priority
) -> None:
    # The irrelevant high-priority meeting blocks both highly relevant lower ones (same company, same team).
    problem = Problem(
        slot_count=1,
        table_count=2,
        companies=people("c0", "c1"),
        teams=people("t0", "t1"),
        requests=(
            Request("c0-t0", "c0", "t0", 0.0, high),
            Request("c1-t0", "c1", "t0", 100.0, low),
            Request("c0-t1", "c0", "t1", 100.0, low),
        ),
    )
    for schedule in (solve(problem, time_limit=5), solve_greedy(problem)):
        assert slots_of(schedule) == {"c0-t0": 0}
        assert schedule.unplaced == {"c1-t0": Unplaced.NO_FREE_SLOT, "c0-t1": Unplaced.NO_FREE_SLOT}


@settings(max_examples=50)
@given(
    st.lists(
        st.tuples(st.sampled_from(list(Priority)), st.floats(min_value=-5, max_value=120, allow_nan=False)),
        min_size=1,
        max_size=40,
    )
)
def test_weights_make_each_priority_outweigh_everything_below_it(drawn: list[tuple[Priority, float]]) -> None:
    requests = [
        Request(f"r{index}", "c", "t", relevance, priority)
        for index, (priority, relevance) in enumerate(drawn)
    ]
    weights = request_weights(requests)
    below = {MUST: {WISH, NORMAL}, WISH: {NORMAL}, NORMAL: set()}
    for request in requests:
        lower = sum(weights[other.key] for other in requests if other.priority in below[request.priority])
        assert weights[request.key] > lower
        same = [other for other in requests if other.priority is request.priority]
        assert all(
            weights[other.key] >= weights[request.key]
            for other in same
            if other.relevance >= request.relevance + 1
        )


def test_reasons_name_unknown_participant_no_common_slot_full_company_and_full_team() -> None:
    problem = Problem(
        slot_count=3,
        table_count=3,
        companies=people("busy", max_meetings=1) + people("morning", available={0}) + people("open"),
        teams=people("afternoon", available={2}) + people("popular", max_meetings=1) + people("free"),
        requests=(
            Request("busy-free", "busy", "free", 90.0),
            Request("busy-popular", "busy", "popular", 10.0),
            Request("open-popular", "open", "popular", 80.0),
            Request("morning-afternoon", "morning", "afternoon", 50.0),
            Request("ghost-free", "ghost", "free", 50.0),
        ),
    )
    for schedule in (solve(problem, time_limit=5), solve_greedy(problem)):
        assert set(slots_of(schedule)) == {"busy-free", "open-popular"}
        assert schedule.unplaced == {
            "busy-popular": Unplaced.COMPANY_FULL,
            "morning-afternoon": Unplaced.NO_COMMON_SLOT,
            "ghost-free": Unplaced.UNKNOWN_PARTICIPANT,
        }


def test_pinned_meetings_keep_their_slot_and_table_and_the_others_fit_around_them() -> None:
    problem = Problem(
        slot_count=3,
        table_count=2,
        companies=people("a", "b", "c"),
        teams=people("x", "y"),
        requests=(
            Request("a-x", "a", "x", 10.0),
            Request("b-x", "b", "x", 90.0),
            Request("c-y", "c", "y", 90.0),
        ),
        pinned={"a-x": Placement("a-x", 0, 1)},
    )
    for schedule in (solve(problem, time_limit=5), solve_greedy(problem)):
        assert Placement("a-x", 0, 1) in schedule.placements
        assert slots_of(schedule)["b-x"] != 0
        assert Placement("c-y", 0, 0) in schedule.placements  # the free table of slot 0
        check_invariants(problem, schedule)


def test_late_cancellation_re_solved_with_pins_moves_no_confirmed_meeting() -> None:
    problem = random_event(companies=12, teams=9, slot_count=6, table_count=4, seed=3)
    first = solve(problem, time_limit=5)
    cancelled = problem.requests[0].team
    teams = {request.key: request.team for request in problem.requests}
    confirmed = {p.request: p for p in first.placements if teams[p.request] != cancelled}
    assert confirmed and len(confirmed) < len(first.placements)
    late = replace(
        problem,
        requests=tuple(request for request in problem.requests if request.team != cancelled),
        pinned=confirmed,
    )
    again = solve(late, time_limit=5)
    after = {placement.request: placement for placement in again.placements}
    assert all(after[key] == placement for key, placement in confirmed.items())
    assert again.objective >= solve_greedy(late).objective
    check_invariants(late, again)


@pytest.mark.parametrize(
    ("pinned", "code"),
    [
        ({"a-x": Placement("a-x", 0, 0), "b-x": Placement("b-x", 0, 1)}, "pin_collision"),
        ({"a-x": Placement("a-x", 1, 0), "b-y": Placement("b-y", 1, 0)}, "pin_collision"),
        ({"a-x": Placement("a-x", 2, 0)}, "pin_out_of_range"),
        ({"b-y": Placement("b-y", 0, 0)}, "pin_unavailable"),
        ({"zz": Placement("zz", 0, 0)}, "pin_unknown_request"),
        ({"a-x": Placement("a-x", 0, 0), "a-y": Placement("a-y", 1, 0)}, "pin_over_maximum"),
    ],
)
def test_pins_that_cannot_all_be_honoured_are_refused_with_a_code(
    pinned: dict[str, Placement], code: str
) -> None:
    problem = Problem(
        slot_count=2,
        table_count=2,
        companies=people("a", max_meetings=1) + people("b"),
        teams=people("x") + people("y", available={1}),
        requests=(
            Request("a-x", "a", "x", 50.0),
            Request("a-y", "a", "y", 50.0),
            Request("b-x", "b", "x", 50.0),
            Request("b-y", "b", "y", 50.0),
        ),
        pinned=pinned,
    )
    for scheduler in (solve, solve_greedy):
        with pytest.raises(ProblemError) as raised:
            scheduler(problem)
        assert raised.value.code == code


@pytest.mark.parametrize(
    ("companies", "requests", "code"),
    [
        (people("a"), (Request("r", "a", "x", 50.0), Request("r", "a", "x", 60.0)), "duplicate_request"),
        (people("a", "a"), (Request("r", "a", "x", 50.0),), "duplicate_participant"),
        (people("a"), (Request("r", "a", "x", float("nan")),), "invalid_relevance"),
    ],
)
def test_malformed_problems_are_refused_with_a_code(
    companies: tuple[Participant, ...], requests: tuple[Request, ...], code: str
) -> None:
    problem = Problem(1, 1, companies, people("x"), requests)
    for scheduler in (solve, solve_greedy):
        with pytest.raises(ProblemError) as raised:
            scheduler(problem)
        assert raised.value.code == code


def test_same_problem_gives_the_same_schedule() -> None:
    problem = random_event(companies=15, teams=10, slot_count=8, table_count=5, seed=8)
    first, second = solve(problem, time_limit=10), solve(problem, time_limit=10)
    assert first.optimal
    assert first.placements == second.placements
    assert first.unplaced == second.unplaced


def test_a_solve_cut_short_by_the_time_limit_keeps_every_rule_and_is_no_worse_than_greedy() -> None:
    problem = random_event(companies=40, teams=30, slot_count=16, table_count=3, seed=5)  # greedy not optimal
    schedule = solve(problem, time_limit=0.05)
    check_invariants(problem, schedule)
    check_reasons(problem, schedule)
    assert not schedule.optimal
    assert schedule.objective >= solve_greedy(problem).objective
    assert schedule.fallback == (schedule.method == "greedy")
    assert schedule.bound is None or schedule.bound >= schedule.objective


def test_a_cancelled_solve_stops_its_search_at_once_and_returns_nothing() -> None:
    problem = random_event(companies=200, teams=150, slot_count=24, table_count=4, seed=7)  # 4 s to prove
    with pytest.raises(SolveCancelledError):
        solve(problem, time_limit=20, cancelled=lambda: True)
    started = time.monotonic()
    with pytest.raises(SolveCancelledError):
        solve(problem, time_limit=20, cancelled=lambda: time.monotonic() > started + 0.3)
    assert time.monotonic() - started < 3


def random_event(companies: int, teams: int, slot_count: int, table_count: int, seed: int) -> Problem:
    """A small event with some partial availability and caps."""
    rng = random.Random(seed)
    team_keys = [f"t{index}" for index in range(teams)]
    requests = []
    for index in range(companies):
        for team in rng.sample(team_keys, k=min(teams, rng.randint(2, 5))):
            priority = rng.choices(list(Priority), weights=[1, 3, 6])[0]
            requests.append(
                Request(f"c{index}-{team}", f"c{index}", team, round(rng.uniform(0, 100), 1), priority)
            )

    def participant(key: str) -> Participant:
        partial = rng.random() < 0.3
        available = frozenset(rng.sample(range(slot_count), k=slot_count // 2)) if partial else None
        return Participant(key, available, rng.choice([None, 2, 3]))

    return Problem(
        slot_count,
        table_count,
        tuple(participant(f"c{index}") for index in range(companies)),
        tuple(participant(key) for key in team_keys),
        tuple(requests),
    )


@st.composite
def problems(draw: st.DrawFn, max_requests: int = 12) -> Problem:
    slot_count = draw(st.integers(1, 4))
    slot_sets = st.one_of(st.none(), st.frozensets(st.integers(0, slot_count), max_size=slot_count + 1))
    caps = st.one_of(st.none(), st.integers(0, 3))

    def side(prefix: str) -> tuple[Participant, ...]:
        count = draw(st.integers(1, 4))
        return tuple(Participant(f"{prefix}{index}", draw(slot_sets), draw(caps)) for index in range(count))

    companies, teams = side("c"), side("t")
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, len(companies)), st.integers(0, len(teams) - 1)),
            max_size=max_requests,
        )
    )
    requests = tuple(
        Request(
            f"r{index}",
            f"c{company}",  # c{len(companies)} is unknown on purpose
            f"t{team}",
            draw(st.floats(0, 100, allow_nan=False)),
            draw(st.sampled_from(list(Priority))),
        )
        for index, (company, team) in enumerate(pairs)
    )
    return Problem(slot_count, draw(st.integers(1, 3)), companies, teams, requests)


@settings(max_examples=40, deadline=None)
@given(problems())
def test_both_schedulers_keep_every_rule_and_cp_sat_never_does_worse(problem: Problem) -> None:
    greedy = solve_greedy(problem)
    exact = solve(problem, time_limit=2)
    for schedule in (greedy, exact):
        check_invariants(problem, schedule)
        check_reasons(problem, schedule)
    assert exact.objective >= greedy.objective
    assert exact.bound is None or exact.bound >= exact.objective


def best_objective_by_brute_force(problem: Problem) -> float:
    """Tries every choice of slot (or none) for every request and keeps the best valid one."""
    weights = request_weights(problem.requests)
    best = 0.0
    for choice in itertools.product([None, *range(problem.slot_count)], repeat=len(problem.requests)):
        chosen = [
            (request.key, slot)
            for request, slot in zip(problem.requests, choice, strict=True)
            if slot is not None
        ]
        # Tables in order of arrival in each slot: a slot over capacity gets an out-of-range table.
        placements = tuple(
            Placement(key, slot, [other for _, other in chosen[:index]].count(slot))
            for index, (key, slot) in enumerate(chosen)
        )
        if not broken_rules(problem, placements):
            best = max(best, float(sum(weights[key] for key, _ in chosen)))
    return best


@settings(max_examples=25, deadline=None)
@given(problems(max_requests=6))
def test_cp_sat_reaches_the_brute_force_optimum_on_tiny_events(problem: Problem) -> None:
    schedule = solve(problem, time_limit=5)
    assert schedule.optimal
    assert schedule.objective == best_objective_by_brute_force(problem)
