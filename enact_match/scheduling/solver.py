"""Places meetings in slots and at tables: CP-SAT optimiser, greedy baseline, reasons for the rest.

Both solvers work on the same plan: a meeting needs its company and its team free in the same slot,
a free table in that slot, and both below their maximum number of meetings. Tables are
interchangeable, so the optimiser only chooses slots; tables are given out afterwards (pinned
meetings keep theirs). The model, the weights and the measurements: docs/scheduling.md.
"""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from enact_match.scheduling.problem import (
    Participant,
    Placement,
    Priority,
    Problem,
    Request,
    Schedule,
    Unplaced,
)

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

# One worker: with two or more, CP-SAT returns one of several equally good plans depending on
# thread timing (measured: same input, different placements), and on the officers' two-core laptops
# a second worker did not shorten the proofs; it also leaves a core to the interface.
SOLVER_WORKERS = 1
SOLVER_SEED = 20240601

_LEVELS = (Priority.MUST, Priority.WISH, Priority.NORMAL)  # from the most to the least important


class ProblemError(ValueError):
    """The problem cannot be scheduled as given; `code` says why, `key` names the culprit.

    Codes: `duplicate_participant`, `duplicate_request`, `invalid_relevance` (not a finite number),
    `negative_size`, `pin_unknown_request`, `pin_unknown_participant`, `pin_out_of_range`,
    `pin_unavailable`, `pin_collision` (two pins share a participant or a table in one slot),
    `pin_over_maximum` (more pins than a participant's maximum number of meetings).
    """

    def __init__(self, code: str, key: str) -> None:
        super().__init__(f"{code}: {key}")
        self.code = code
        self.key = key


class SolveCancelledError(Exception):
    """`solve` was cancelled (its `cancelled()` turned True); nothing is returned."""


# how often a running search checks whether it was cancelled
_CANCEL_POLL_SECONDS = 0.05


def request_points(relevance: float) -> int:
    """A request's worth within its priority: 1 + relevance rounded to a whole point (1–101).

    The 1 makes a request of relevance 0 still worth placing.
    """
    return 1 + int(min(max(relevance, 0.0), 100.0) + 0.5)


def priority_units(requests: Iterable[Request]) -> dict[Priority, int]:
    """What one point of relevance is worth at each priority, so that priorities are lexicographic.

    A wish point is worth 1 + the points of all normal requests together, so one wish outweighs
    every normal request; a must point is worth 1 + the weight of all wishes and normal requests.
    """
    totals = dict.fromkeys(Priority, 0)
    for request in requests:
        totals[request.priority] += request_points(request.relevance)
    wish = totals[Priority.NORMAL] + 1
    return {Priority.NORMAL: 1, Priority.WISH: wish, Priority.MUST: wish * totals[Priority.WISH] + wish}


def request_weights(requests: Iterable[Request]) -> dict[str, int]:
    """Integer objective weight of each request: its points times the unit of its priority.

    Within a priority, weight is proportional to relevance, so the optimum places the most relevance
    level by level: all the musts it can, then the wishes, then the normal requests.
    """
    requests = tuple(requests)
    units = priority_units(requests)
    return {request.key: units[request.priority] * request_points(request.relevance) for request in requests}


@dataclass
class _Occupancy:
    """Who is busy when, how full each slot is and how many meetings each participant has."""

    busy: set[tuple[str, int]]  # (participant id, slot)
    per_slot: defaultdict[int, int]
    per_participant: defaultdict[str, int]


class _Plan:
    """The problem checked and indexed: participants, common slots, caps, pins."""

    def __init__(self, problem: Problem) -> None:
        if problem.slot_count < 0 or problem.table_count < 0:
            raise ProblemError("negative_size", "slot_count" if problem.slot_count < 0 else "table_count")
        self.problem = problem
        self.participants: dict[str, Participant] = {}
        for side, members in (("c", problem.companies), ("t", problem.teams)):
            for participant in members:
                ident = f"{side}:{participant.key}"
                if ident in self.participants:
                    raise ProblemError("duplicate_participant", participant.key)
                self.participants[ident] = participant
        self.requests: dict[str, Request] = {}
        for request in problem.requests:
            if request.key in self.requests:
                raise ProblemError("duplicate_request", request.key)
            if not math.isfinite(request.relevance):
                raise ProblemError("invalid_relevance", request.key)
            self.requests[request.key] = request
        self.units = priority_units(problem.requests)
        self.weights = request_weights(problem.requests)
        self.common: dict[str, tuple[int, ...]] = {
            request.key: tuple(sorted(self._slots(f"c:{request.company}") & self._slots(f"t:{request.team}")))
            for request in problem.requests
            if self.known(request)
        }
        # Priority first, then relevance, then the order the requests were given in.
        self.by_priority = sorted(
            (request for request in problem.requests if self.known(request)),
            key=lambda request: (_LEVELS.index(request.priority), -request.relevance),
        )
        self.pinned = self._check_pins()

    @staticmethod
    def sides(request: Request) -> tuple[str, str]:
        return f"c:{request.company}", f"t:{request.team}"

    def known(self, request: Request) -> bool:
        return all(ident in self.participants for ident in self.sides(request))

    def cap(self, ident: str) -> int | None:
        return self.participants[ident].max_meetings

    def full(self, occupancy: _Occupancy, ident: str) -> bool:
        cap = self.cap(ident)
        return cap is not None and occupancy.per_participant[ident] >= cap

    def _slots(self, ident: str) -> set[int]:
        available = self.participants[ident].available
        count = self.problem.slot_count
        return set(range(count)) if available is None else {slot for slot in available if 0 <= slot < count}

    def _check_pins(self) -> dict[str, Placement]:
        """The pins by request key (whatever request their Placement names), once checked together."""
        occupancy = self.empty_occupancy()
        tables: set[tuple[int, int]] = set()
        for key in sorted(self.problem.pinned):
            placement = self.problem.pinned[key]
            request = self.requests.get(key)
            if request is None:
                raise ProblemError("pin_unknown_request", key)
            if not self.known(request):
                raise ProblemError("pin_unknown_participant", key)
            slot, table = placement.slot, placement.table
            if not (0 <= slot < self.problem.slot_count and 0 <= table < self.problem.table_count):
                raise ProblemError("pin_out_of_range", key)
            if slot not in self.common[key]:
                raise ProblemError("pin_unavailable", key)
            if (slot, table) in tables or not self.free(occupancy, request, slot):
                raise ProblemError("pin_collision", key)
            if not self.below_cap(occupancy, request):
                raise ProblemError("pin_over_maximum", key)
            tables.add((slot, table))
            self.occupy(occupancy, request, slot)
        return {key: Placement(key, pin.slot, pin.table) for key, pin in self.problem.pinned.items()}

    @staticmethod
    def empty_occupancy() -> _Occupancy:
        return _Occupancy(set(), defaultdict(int), defaultdict(int))

    def free(self, occupancy: _Occupancy, request: Request, slot: int) -> bool:
        """Both sides are free in the slot and it has a free table."""
        return occupancy.per_slot[slot] < self.problem.table_count and all(
            (ident, slot) not in occupancy.busy for ident in self.sides(request)
        )

    def below_cap(self, occupancy: _Occupancy, request: Request) -> bool:
        return not any(self.full(occupancy, ident) for ident in self.sides(request))

    def occupy(self, occupancy: _Occupancy, request: Request, slot: int) -> None:
        occupancy.per_slot[slot] += 1
        for ident in self.sides(request):
            occupancy.busy.add((ident, slot))
            occupancy.per_participant[ident] += 1

    def occupancy_of(self, slots: Mapping[str, int]) -> _Occupancy:
        occupancy = self.empty_occupancy()
        for key, slot in slots.items():
            self.occupy(occupancy, self.requests[key], slot)
        return occupancy

    def fill(self, slots: dict[str, int]) -> dict[str, int]:
        """Adds, by priority then relevance, each request that still fits at its earliest free slot."""
        occupancy = self.occupancy_of(slots)
        for request in self.by_priority:
            if request.key in slots or not self.below_cap(occupancy, request):
                continue
            for slot in self.common[request.key]:
                if self.free(occupancy, request, slot):
                    slots[request.key] = slot
                    self.occupy(occupancy, request, slot)
                    break
        return slots

    def value(self, slots: Mapping[str, int]) -> int:
        return sum(self.weights[key] for key in slots)

    def schedule(
        self,
        slots: Mapping[str, int],
        method: str,
        started: float,
        *,
        optimal: bool = False,
        bound: float | None = None,
        fallback: bool = False,
    ) -> Schedule:
        return Schedule(
            placements=self.placements(slots),
            unplaced=self.reasons(slots),
            objective=float(self.value(slots)),
            method=method,
            optimal=optimal,
            seconds=time.perf_counter() - started,
            bound=bound,
            fallback=fallback,
        )

    def placements(self, slots: Mapping[str, int]) -> tuple[Placement, ...]:
        """Pinned meetings keep their table; the others take the lowest free ones in request order."""
        taken = {(pin.slot, pin.table) for pin in self.pinned.values()}
        placements = list(self.pinned.values())
        next_table: defaultdict[int, int] = defaultdict(int)
        for request in self.problem.requests:
            slot = slots.get(request.key)
            if slot is None or request.key in self.pinned:
                continue
            while (slot, next_table[slot]) in taken:
                next_table[slot] += 1
            taken.add((slot, next_table[slot]))
            placements.append(Placement(request.key, slot, next_table[slot]))
        return tuple(sorted(placements, key=lambda placement: (placement.slot, placement.table)))

    def reasons(self, slots: Mapping[str, int]) -> dict[str, Unplaced]:
        """Why each request left out of `slots` is out, judged on that final schedule."""
        occupancy = self.occupancy_of(slots)
        reasons: dict[str, Unplaced] = {}
        for request in self.problem.requests:
            if request.key in slots:
                continue
            company, team = self.sides(request)
            if not self.known(request):
                reasons[request.key] = Unplaced.UNKNOWN_PARTICIPANT
            elif not self.common[request.key]:
                reasons[request.key] = Unplaced.NO_COMMON_SLOT
            elif self.full(occupancy, company):
                reasons[request.key] = Unplaced.COMPANY_FULL
            elif self.full(occupancy, team):
                reasons[request.key] = Unplaced.TEAM_FULL
            else:
                # fill() leaves no request out that has a free common slot, so every one is taken.
                reasons[request.key] = Unplaced.NO_FREE_SLOT
        return reasons


def solve_greedy(problem: Problem) -> Schedule:
    """The baseline: pins first, then by priority and relevance, each at its earliest free common slot.

    Raises ProblemError when the problem is malformed or its pins cannot all be honoured.
    """
    started = time.perf_counter()
    plan = _Plan(problem)
    return plan.schedule(_greedy_slots(plan), "greedy", started)


def _greedy_slots(plan: _Plan) -> dict[str, int]:
    return plan.fill({key: pin.slot for key, pin in plan.pinned.items()})


def solve(
    problem: Problem, time_limit: float = 10.0, cancelled: Callable[[], bool] | None = None
) -> Schedule:
    """Schedules with OR-Tools CP-SAT, maximising the priority-weighted relevance of what is placed.

    Pinned requests keep their slot and table. The optimum of `request_weights` is lexicographic,
    so it is reached level by level: the most must points; then, keeping those, the most wish
    points; then normal points. (One objective with coefficients 10^10 apart defeats the solver's
    floating-point bound, which then never proves optimality: see docs/scheduling.md.) Each level
    starts from the better of the greedy plan and the previous level's plan completed greedily,
    and gets its share of what is left of `time_limit` seconds (model building included).

    `optimal` says whether every level was proven best; `bound` is an upper bound on the objective.
    If the solver found no plan at all, or only plans worse than the greedy one, the greedy plan is
    returned with `fallback` set. A plan cut short by the time limit is completed greedily with
    whatever still fits. Same input, same output (one worker, fixed seed), as long as every level
    finishes within its time. Raises ProblemError when the problem is malformed or its pins cannot
    all be honoured, and SolveCancelledError as soon as `cancelled()` turns True (it is checked
    between levels and every 50 ms during a search, which is then stopped).
    """
    from ortools.sat.python import cp_model  # 0.3 s to import: only when scheduling

    started = time.perf_counter()
    plan = _Plan(problem)
    pinned = {key: pin.slot for key, pin in plan.pinned.items()}
    greedy = _greedy_slots(plan)
    model = cp_model.CpModel()
    choices = _choices(plan, pinned, model)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = SOLVER_WORKERS
    solver.parameters.random_seed = SOLVER_SEED
    levels = [
        priority for priority in _LEVELS if any(plan.requests[key].priority is priority for key, _ in choices)
    ]
    best = {key: slot for key, slot in greedy.items() if key not in pinned}
    bound = plan.value(pinned)
    proven, solved = True, not levels
    for index, priority in enumerate(levels):
        if cancelled is not None and cancelled():
            raise SolveCancelledError
        points = {
            key: request_points(plan.requests[key].relevance)
            for key, _ in choices
            if plan.requests[key].priority is priority
        }
        ceiling = sum(points.values())
        objective = sum(points[key] * choice for (key, _), choice in choices.items() if key in points)
        # Start from the plan of the level above completed greedily, or from the greedy plan if it
        # is better: the search then never ends below the baseline.
        start = max(plan.fill(pinned | best), greedy, key=plan.value)
        if all(key in start for key in points):  # the whole level is placed: nothing to search
            status, found = cp_model.OPTIMAL, ceiling
            best = {key: slot for key, slot in start.items() if key not in pinned}
        else:
            model.maximize(objective)
            model.clear_hints()
            for (key, slot), choice in choices.items():
                model.add_hint(choice, start.get(key) == slot)
            left = time_limit - (time.perf_counter() - started)
            solver.parameters.max_time_in_seconds = max(0.01, left / (len(levels) - index))
            status = _solve_unless_cancelled(solver, model, cancelled)
            found = None
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                best = {key: slot for (key, slot), choice in choices.items() if solver.boolean_value(choice)}
                found = round(solver.objective_value)
        level_bound = ceiling
        if found is not None:
            solved = True
            model.add(objective >= found)
            if status == cp_model.OPTIMAL:
                level_bound = found
            else:
                level_bound = min(ceiling, math.floor(solver.best_objective_bound + 1e-6))
        # A level's own bound holds only while every level above it was proven best.
        bound += plan.units[priority] * (level_bound if proven else ceiling)
        proven = proven and status == cp_model.OPTIMAL
    slots = plan.fill(pinned | best)
    if not solved or plan.value(slots) < plan.value(greedy):
        return plan.schedule(greedy, "greedy", started, fallback=True)
    return plan.schedule(slots, "cp-sat", started, optimal=proven, bound=float(bound))


def _solve_unless_cancelled(
    solver: cp_model.CpSolver, model: cp_model.CpModel, cancelled: Callable[[], bool] | None
) -> int:
    """`solver.solve(model)`; a watcher stops the search when `cancelled()` turns True, and then
    SolveCancelledError is raised."""
    if cancelled is None:
        return solver.solve(model)
    finished = threading.Event()

    def watch() -> None:
        while not finished.wait(_CANCEL_POLL_SECONDS):
            if cancelled():
                solver.stop_search()
                return

    watcher = threading.Thread(target=watch, name="schedule-cancel", daemon=True)
    watcher.start()
    try:
        status = solver.solve(model)
    finally:
        finished.set()
        watcher.join()
    if cancelled():
        raise SolveCancelledError
    return status


def _choices(
    plan: _Plan, pinned: Mapping[str, int], model: cp_model.CpModel
) -> dict[tuple[str, int], cp_model.IntVar]:
    """One Boolean per (request, slot) the request could take around the pins, and the constraints.

    Each request at most once; each participant at most once per slot and at most its maximum
    minus its pins; each slot at most its free tables.
    """
    taken = plan.occupancy_of(pinned)
    choices: dict[tuple[str, int], cp_model.IntVar] = {}
    per_participant_slot: defaultdict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    per_participant: defaultdict[str, list[cp_model.IntVar]] = defaultdict(list)
    per_slot: defaultdict[int, list[cp_model.IntVar]] = defaultdict(list)
    for request in plan.by_priority:
        if request.key in pinned or not plan.below_cap(taken, request):
            continue
        options = []
        for slot in plan.common[request.key]:
            if plan.free(taken, request, slot):
                choice = model.new_bool_var(f"{request.key}@{slot}")
                choices[request.key, slot] = choice
                options.append(choice)
                per_slot[slot].append(choice)
                for ident in plan.sides(request):
                    per_participant_slot[ident, slot].append(choice)
                    per_participant[ident].append(choice)
        if len(options) > 1:
            model.add_at_most_one(options)
    for group in per_participant_slot.values():
        if len(group) > 1:
            model.add_at_most_one(group)
    for ident, group in per_participant.items():
        cap = plan.cap(ident)
        if cap is not None and cap - taken.per_participant[ident] < len(group):
            model.add(sum(group) <= cap - taken.per_participant[ident])
    for slot, group in per_slot.items():
        room = plan.problem.table_count - taken.per_slot[slot]
        if room < len(group):
            model.add(sum(group) <= room)
    return choices
