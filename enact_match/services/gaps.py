"""Competency gaps: groups of needs that no team of the cluster answers well, named in French and English.

A need is a gap when its best team scores below `GAP_THRESHOLD` (0–100). Its best score is the
higher of the best team the engine proposes (teams not yet matched with it) and the scores kept
with its matches at proposal time. A need with a team introduced to it (or further along) found its
answer and is never a gap, whatever the score. Teams excluded for the need's company (already
partners, competitors) are not counted: the cluster cannot offer them. The gap needs are grouped
by the similarity of their texts (matching.themes), and each group is named by its dominant
terms: what the cluster could recruit or fund (chairs, theses).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from enact_match.matching import NeedText, Thesaurus, load_stopwords
from enact_match.matching.themes import group_needs
from enact_match.paths import resource_path
from enact_match.services.catalog import Viewer
from enact_match.services.dashboard import DashboardFilter, filtered_needs
from enact_match.services.suggestions import SuggestionService
from enact_match.storage.database import Database
from enact_match.storage.models import Match, Need

# Below this score (the engine's 0–100 scale) a team is a weak answer. On the demo data every
# collaboration started with a team scoring 38 or more, and half the introductions scored 69 or more.
GAP_THRESHOLD = 35.0
ANSWERED = ("introduced", "meeting_held", "collaboration_started")


@dataclass(frozen=True)
class GapNeed:
    """A need no team answers well, and the best score any team reached (None: no team at all)."""

    id: uuid.UUID
    ref: str | None
    title: str
    best_score: float | None


@dataclass(frozen=True)
class CompetencyGap:
    """A theme of gap needs: the needs (lowest best score first), the best score among them, its terms."""

    needs: tuple[GapNeed, ...]
    best_score: float | None
    terms_fr: tuple[str, ...]
    terms_en: tuple[str, ...]


def find_gaps(
    db: Database,
    service: SuggestionService,
    chosen: DashboardFilter,
    viewer: Viewer | None = None,
    threshold: float = GAP_THRESHOLD,
) -> tuple[CompetencyGap, ...]:
    """The competency gaps among the needs of a filter (period, axis, structure, viewer).

    Returns:
        The gaps, the largest group first (then the weakest); deterministic for a database.
    """
    with db.reading() as session:
        conditions = filtered_needs(session, chosen, viewer)
        rows = session.execute(
            select(Need.id, Need.ref, Need.title, Need.description, Need.keywords)
            .where(*conditions)
            .order_by(Need.ref, Need.id)
        ).all()
        kept = dict(
            session.execute(
                select(Match.need_id, func.max(Match.score))
                .join(Need, Match.need_id == Need.id)
                .where(*conditions)
                .group_by(Match.need_id)
            ).all()
        )
        answered = set(
            session.scalars(
                select(Match.need_id)
                .join(Need, Match.need_id == Need.id)
                .where(*conditions, Match.status.in_(ANSWERED))
            )
        )
    wanted = {row.id for row in rows}
    best: dict[uuid.UUID, float | None] = {key: value for key, value in kept.items() if value is not None}
    for suggestion in service.best_pairs(top=1, viewer=viewer):
        if suggestion.need_id in wanted:
            best[suggestion.need_id] = max(suggestion.score, best.get(suggestion.need_id) or 0.0)
    weak = [row for row in rows if row.id not in answered and (best.get(row.id) or 0.0) < threshold]
    themes = group_needs(
        [NeedText(str(row.id), row.title, row.description or "", tuple(row.keywords or ())) for row in weak],
        Thesaurus.from_tsv(resource_path("thesaurus.tsv")),
        load_stopwords(resource_path("stopwords")),
    )
    gaps = []
    for theme in themes:
        needs = sorted(
            (GapNeed(weak[i].id, weak[i].ref, weak[i].title, best.get(weak[i].id)) for i in theme.members),
            key=lambda need: (need.best_score or 0.0, need.ref or ""),
        )
        scores = [need.best_score for need in needs if need.best_score is not None]
        strongest = max(scores) if scores else None
        gaps.append(CompetencyGap(tuple(needs), strongest, theme.terms_fr, theme.terms_en))
    return tuple(sorted(gaps, key=lambda gap: (-len(gap.needs), gap.best_score or 0.0)))
