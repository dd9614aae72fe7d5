"""Meeting scheduler: CP-SAT against the greedy baseline on the same generated B2B events.

    .venv/bin/python benchmarks/bench_scheduler.py [--seed 11] [--time-limit 10] [--large-time-limit 30]

Events: 40 companies × 30 teams × 16 slots (11 tables), against a min-cost flow too (which can only
hold one side of each meeting), a larger one (80 × 60 × 24, 20 tables) with two time limits, then a
late cancellation: every meeting of the first plan is confirmed, the most booked team
cancels, and the event is re-solved with the confirmed meetings pinned (none may move), and once
without pins to show what pinning saves. Each company wants 6–10 teams, drawn with a skew (a few
teams are wanted by many); relevance follows a skewed distribution (most requests are middling,
few excellent); 10 % of requests are "must", 30 % "wish"; a quarter of participants are only
there in the morning, the afternoon or miss a few slots; everyone has at most 8 meetings.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import replace

from enact_match.scheduling import (
    Participant,
    Priority,
    Problem,
    Request,
    Schedule,
    request_weights,
    solve,
    solve_greedy,
)


def partial_availability(rng: random.Random, slot_count: int) -> frozenset[int] | None:
    """Every slot for three participants in four; else half a day, or the day minus a few slots."""
    draw = rng.random()
    every = range(slot_count)
    if draw < 0.75:
        return None
    if draw < 0.85:
        return frozenset(every[: slot_count // 2])
    if draw < 0.92:
        return frozenset(every[slot_count // 2 :])
    missing = set(rng.sample(every, k=max(1, slot_count // 5)))
    return frozenset(slot for slot in every if slot not in missing)


def generate(companies: int, teams: int, slot_count: int, table_count: int, seed: int) -> Problem:
    rng = random.Random(seed)
    team_keys = [f"team-{index:03d}" for index in range(teams)]
    popularity = [1.0 / (rank + 1) ** 0.8 for rank in range(teams)]  # Zipf-like: a few stars
    requests = []
    for index in range(companies):
        wanted: list[str] = []
        count = min(rng.randint(6, 10), teams)
        while len(wanted) < count:
            team = rng.choices(team_keys, weights=popularity)[0]
            if team not in wanted:
                wanted.append(team)
        for team in wanted:
            draw = rng.random()
            priority = Priority.MUST if draw < 0.1 else Priority.WISH if draw < 0.4 else Priority.NORMAL
            relevance = round(100 * rng.betavariate(2.0, 3.0), 1)
            requests.append(
                Request(f"c{index:03d}-{team}", f"company-{index:03d}", team, relevance, priority)
            )

    def participant(key: str) -> Participant:
        return Participant(key, partial_availability(rng, slot_count), max_meetings=8)

    return Problem(
        slot_count=slot_count,
        table_count=table_count,
        companies=tuple(participant(f"company-{index:03d}") for index in range(companies)),
        teams=tuple(participant(key) for key in team_keys),
        requests=tuple(requests),
    )


def placed_by_priority(problem: Problem, schedule: Schedule) -> dict[Priority, tuple[int, int, float]]:
    """For each priority: requests placed, requests wanted, relevance placed."""
    placed = {placement.request for placement in schedule.placements}
    figures = {}
    for priority in Priority:
        wanted = [request for request in problem.requests if request.priority is priority]
        got = [request for request in wanted if request.key in placed]
        figures[priority] = (len(got), len(wanted), sum(request.relevance for request in got))
    return figures


def report(name: str, problem: Problem, time_limit: float) -> Schedule:
    runs = []
    for method in (lambda: solve(problem, time_limit=time_limit), lambda: solve_greedy(problem)):
        cpu = time.process_time()
        schedule = method()
        runs.append((schedule, time.process_time() - cpu))
    print(
        f"\n{name}: {len(problem.requests)} requests, {problem.table_count} tables, time limit {time_limit} s"
    )
    print(
        "| method | wall s | CPU s | placed | musts placed | wishes placed (relevance) "
        "| normal placed (relevance) | total relevance | optimal | gap |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for schedule, cpu in runs:
        figures = placed_by_priority(problem, schedule)
        must, wish, normal = (
            figures[priority] for priority in (Priority.MUST, Priority.WISH, Priority.NORMAL)
        )
        gap = f"{(schedule.bound - schedule.objective) / schedule.bound:.1e}" if schedule.bound else "–"
        method = schedule.method + (" (fallback)" if schedule.fallback else "")
        print(
            f"| {method} | {schedule.seconds:.2f} | {cpu:.2f} "
            f"| {len(schedule.placements)}/{len(problem.requests)} | {must[0]}/{must[1]} "
            f"| {wish[0]}/{wish[1]} ({wish[2]:.0f}) | {normal[0]}/{normal[1]} ({normal[2]:.0f}) "
            f"| {sum(figure[2] for figure in figures.values()):.0f} | {schedule.optimal} | {gap} |"
        )
    exact, greedy = runs[0][0], runs[1][0]
    relevance = [
        sum(figure[2] for figure in placed_by_priority(problem, run).values()) for run in (exact, greedy)
    ]
    print(
        f"cp-sat / greedy: objective {exact.objective / greedy.objective:.6f} (priorities first), "
        f"relevance placed {relevance[0] / relevance[1]:.3f}"
    )
    return exact


def reschedule(problem: Problem, first: Schedule, time_limit: float) -> None:
    booked: dict[str, int] = {}
    teams = {request.key: request.team for request in problem.requests}
    for placement in first.placements:
        booked[teams[placement.request]] = booked.get(teams[placement.request], 0) + 1
    cancelled = max(sorted(booked), key=booked.__getitem__)
    remaining = tuple(request for request in problem.requests if request.team != cancelled)
    confirmed = {p.request: p for p in first.placements if teams[p.request] != cancelled}
    late = replace(problem, requests=remaining, pinned=confirmed)
    pinned_run = solve(late, time_limit=time_limit)
    free_run = solve(replace(late, pinned={}), time_limit=time_limit)
    print(f"\nLate cancellation of {cancelled} ({booked[cancelled]} meetings), {len(confirmed)} confirmed")
    print("| re-solve | seconds | moved confirmed meetings | newly placed | optimal |")
    print("|---|---|---|---|---|")
    for label, schedule in (("confirmed meetings pinned", pinned_run), ("without pins", free_run)):
        after = {placement.request: placement for placement in schedule.placements}
        moved = sum(after.get(key) != placement for key, placement in confirmed.items())
        new = sum(key not in confirmed for key in after)
        print(f"| {label} | {schedule.seconds:.2f} | {moved} | {new} | {schedule.optimal} |")


def flow_relaxation(problem: Problem, exact: Schedule) -> None:
    """Min-cost flow with the company side only: what a flow can express, and what it gets wrong.

    Path source → company (its maximum) → request → (company, slot) → slot (its tables) → sink. A
    path cannot also pass through (team, slot), so the teams' one-meeting-per-slot and maximum are
    left out: the flow's optimum is only an upper bound, and its plan books teams twice.
    """
    from ortools.graph.python import min_cost_flow

    started = time.perf_counter()
    weights = request_weights(problem.requests)
    companies = {participant.key: participant for participant in problem.companies}
    teams = {participant.key: participant for participant in problem.teams}
    nodes: dict[object, int] = {}

    def node(name: object) -> int:
        return nodes.setdefault(name, len(nodes))

    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink = node("source"), node("sink")
    every = frozenset(range(problem.slot_count))
    for key, company in companies.items():
        cap = problem.slot_count if company.max_meetings is None else company.max_meetings
        flow.add_arc_with_capacity_and_unit_cost(source, node(("company", key)), cap, 0)
    for slot in every:
        flow.add_arc_with_capacity_and_unit_cost(node(("slot", slot)), sink, problem.table_count, 0)
        for key in companies:
            flow.add_arc_with_capacity_and_unit_cost(node((key, slot)), node(("slot", slot)), 1, 0)
    arcs = {}
    for request in problem.requests:
        company, team = companies[request.company], teams[request.team]
        flow.add_arc_with_capacity_and_unit_cost(node(("company", request.company)), node(request.key), 1, 0)
        for slot in every.intersection(
            *(side.available for side in (company, team) if side.available is not None)
        ):
            arc = flow.add_arc_with_capacity_and_unit_cost(
                node(request.key), node((request.company, slot)), 1, -weights[request.key]
            )
            arcs[arc] = (request, slot)
    flow.add_arc_with_capacity_and_unit_cost(source, sink, len(problem.requests), 0)  # place nothing
    flow.set_node_supply(source, len(problem.requests))
    flow.set_node_supply(sink, -len(problem.requests))
    assert flow.solve() == flow.OPTIMAL
    seconds = time.perf_counter() - started
    chosen = [arcs[arc] for arc in arcs if flow.flow(arc)]
    team_slots = [(request.team, slot) for request, slot in chosen]
    double = len(team_slots) - len(set(team_slots))
    over = sum(
        max(0, [request.team for request, _ in chosen].count(key) - (team.max_meetings or problem.slot_count))
        for key, team in teams.items()
    )
    print(
        f"\nMin-cost flow, company side only: {seconds:.2f} s, {len(chosen)} placed, "
        f"objective {-flow.optimal_cost()} (cp-sat {exact.objective:.0f}), "
        f"{double} team double bookings, {over} meetings over a team's maximum"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument(
        "--large-time-limit", type=float, default=30.0, help="a second run of the large event"
    )
    args = parser.parse_args()
    solve(generate(4, 3, 4, 2, args.seed), time_limit=1.0)  # imports OR-Tools outside the timings
    standard = generate(40, 30, 16, 11, args.seed)
    first = report("40 companies × 30 teams × 16 slots", standard, args.time_limit)
    flow_relaxation(standard, first)
    large = generate(80, 60, 24, 20, args.seed)
    for time_limit in sorted({args.time_limit, args.large_time_limit}):
        report("80 companies × 60 teams × 24 slots", large, time_limit)
    reschedule(standard, first, args.time_limit)


if __name__ == "__main__":
    main()
