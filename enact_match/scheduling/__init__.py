"""Meeting scheduler for B2B events: pure, no database and no Qt (see problem.py)."""

from enact_match.scheduling.problem import (
    Participant,
    Placement,
    Priority,
    Problem,
    Request,
    Schedule,
    Unplaced,
)
from enact_match.scheduling.solver import (
    ProblemError,
    SolveCancelledError,
    request_weights,
    solve,
    solve_greedy,
)

__all__ = [
    "Participant",
    "Placement",
    "Priority",
    "Problem",
    "ProblemError",
    "Request",
    "Schedule",
    "SolveCancelledError",
    "Unplaced",
    "request_weights",
    "solve",
    "solve_greedy",
]
