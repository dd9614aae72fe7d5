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

__all__ = ["Participant", "Placement", "Priority", "Problem", "Request", "Schedule", "Unplaced"]
