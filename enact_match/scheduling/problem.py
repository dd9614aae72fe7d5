"""What the meeting scheduler is given and what it returns: plain data, no database, no Qt.

A problem is a day (or several) cut into numbered slots, a number of tables, the participants
(companies and teams, with the slots they are available in and a cap on their meetings) and the
meeting requests between a company and a team, each with a relevance and a priority. A schedule
places requests in (slot, table) cells and says, for each request it could not place, why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Priority(StrEnum):
    """How much a request matters: a "must meet" outweighs any number of "would like" requests."""

    MUST = "must"
    WISH = "wish"
    NORMAL = "normal"


class Unplaced(StrEnum):
    """Why a request got no slot (the UI and the CLI turn these codes into words)."""

    NO_COMMON_SLOT = "no_common_slot"  # the two sides are never available at the same time
    COMPANY_FULL = "company_full"  # the company reached its maximum number of meetings
    TEAM_FULL = "team_full"  # the team reached its maximum number of meetings
    NO_FREE_SLOT = "no_free_slot"  # every common slot is taken by meetings worth more, or by full tables
    UNKNOWN_PARTICIPANT = "unknown_participant"
    TIME_LIMIT = "time_limit"  # the solver found no solution within the time limit


@dataclass(frozen=True)
class Participant:
    """A company or a team at the event; `available` None means every slot."""

    key: str
    available: frozenset[int] | None = None
    max_meetings: int | None = None


@dataclass(frozen=True)
class Request:
    """A wanted 1:1 meeting between a company and a team; relevance is on the 0–100 scale."""

    key: str
    company: str
    team: str
    relevance: float
    priority: Priority = Priority.NORMAL


@dataclass(frozen=True)
class Placement:
    request: str
    slot: int
    table: int


@dataclass(frozen=True)
class Problem:
    """Slots are 0..slot_count-1 (breaks already left out); tables 0..table_count-1.

    `pinned` maps request keys to the placement they must keep (confirmed meetings when
    re-scheduling after a cancellation).
    """

    slot_count: int
    table_count: int
    companies: tuple[Participant, ...]
    teams: tuple[Participant, ...]
    requests: tuple[Request, ...]
    pinned: dict[str, Placement] = field(default_factory=dict)


@dataclass(frozen=True)
class Schedule:
    """The placements, what could not be placed and why, the objective and how it was found."""

    placements: tuple[Placement, ...]
    unplaced: dict[str, Unplaced]
    objective: float
    method: str  # "cp-sat" or "greedy"
    optimal: bool
    seconds: float
    bound: float | None = None  # the optimiser's proven upper bound on the objective (cp-sat only)
    fallback: bool = False  # the optimiser found no plan as good as greedy in time: this is the greedy plan
