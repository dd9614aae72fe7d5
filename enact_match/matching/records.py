"""Plain frozen records exchanged with the engine: texts to match, suggestions and explanations."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PublicationText:
    """One publication of a team: a piece of evidence of its own."""

    key: str
    title: str
    abstract: str = ""
    year: int | None = None


@dataclass(frozen=True, slots=True)
class TeamText:
    """A research team as the engine sees it.

    ``statement`` may hold several lines or paragraphs: each becomes a passage scored on its own.
    ``axes`` are the team's own thematic axes (empty when unknown: the engine then suggests some).
    """

    key: str
    statement: str
    keywords: tuple[str, ...] = ()
    publications: tuple[PublicationText, ...] = ()
    axes: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class NeedText:
    """A company's R&D need as the engine sees it."""

    key: str
    title: str
    description: str
    keywords: tuple[str, ...] = ()
    axes: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class TermMatch:
    """One shared term of a match, in each text's own words.

    ``need_forms`` / ``team_forms`` are the words as written in each text (for instance
    ``("maintenance prédictive",)`` and ``("predictive maintenance",)``); ``concept`` is the
    thesaurus concept id when the link came from the thesaurus; ``share`` is the term's share of
    the score (0–1; the shares of one explanation sum to at most 1).
    """

    need_forms: tuple[str, ...]
    team_forms: tuple[str, ...]
    concept: str | None
    share: float


@dataclass(frozen=True, slots=True)
class EvidenceScore:
    """Score (0–100) of the need against one piece of the team's evidence.

    ``kind`` is ``"statement"`` (a passage of the statement), ``"keywords"`` or ``"publication"``;
    ``key`` and ``title`` name the publication (empty otherwise); ``excerpt`` is the beginning of
    the passage for statement passages (empty otherwise).
    """

    kind: str
    key: str
    title: str
    score: float
    excerpt: str = ""


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a need and a team match: shared terms, per-piece evidence and the axes compared."""

    terms: tuple[TermMatch, ...]
    evidence: tuple[EvidenceScore, ...]
    need_axes: frozenset[int]
    team_axes: frozenset[int]
    axes_suggested: bool


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One ranked (need, team) pair.

    ``score`` is 0–100 (see docs/matching.md), comparable across needs and across teams;
    ``rank`` is 1-based within its need (within its team for ``needs_for_team``);
    ``cross_axis`` is True when the need's and the team's axes (own or suggested) do not meet.
    """

    need_key: str
    team_key: str
    score: float
    rank: int
    cross_axis: bool
    explanation: Explanation | None


@dataclass(frozen=True, slots=True)
class AxisGuess:
    """A suggested thematic axis with a confidence in 0–1 (the guesses of one text sum to 1)."""

    axis: int
    confidence: float


@dataclass(frozen=True, slots=True)
class PairTable:
    """Ranked (need, team) pairs as columns, one entry per pair, grouped by need and best first.

    The same pairs, scores, ranks and axes flags as a list of :class:`Suggestion` without explanations,
    without one object per pair: what outputs of many rows (``match --all``) need.
    """

    need_keys: list[str]
    team_keys: list[str]
    scores: list[float]
    ranks: list[int]
    cross_axis: list[bool]

    def __len__(self) -> int:
        return len(self.need_keys)
