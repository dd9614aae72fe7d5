"""Suggesting teams for needs and needs for teams from the database, with the matching engine.

The engine ranks texts; this module feeds it the database's needs and teams, keeps it in step with
edits (also edits made by other users or processes), and applies the business rules: existing or
declined matches are not proposed again, company × team exclusions are respected, and needs
confidential to a structure are only suggested to that structure's users.
"""

from __future__ import annotations

import threading
import uuid
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from enact_match.matching import (
    EngineOptions,
    EvidenceScore,
    Explanation,
    MatchingCancelledError,
    MatchingEngine,
    NeedText,
    PairTable,
    PublicationText,
    Suggestion,
    TeamText,
    TermMatch,
    Thesaurus,
    load_stopwords,
)
from enact_match.paths import resource_path
from enact_match.services.catalog import Viewer, need_visibility
from enact_match.storage.database import Database
from enact_match.storage.models import Exclusion, Match, Need, Publication, ResearchUnit, Team

ProgressCallback = Callable[[int, int], None]

# The engine's result types travel to the interface with the suggestions (plain frozen dataclasses).
__all__ = [
    "EvidenceScore",
    "Explanation",
    "MatchingCancelledError",
    "SuggestionRow",
    "SuggestionService",
    "SuggestionTable",
    "TermMatch",
    "explanation_as_dict",
    "explanation_summary",
    "suggestion_as_dict",
]


@dataclass(frozen=True)
class SuggestionRow:
    """One suggested need × team pair, with the engine's explanation."""

    need_id: uuid.UUID
    need_ref: str | None
    need_title: str
    team_id: uuid.UUID
    team_ref: str | None
    team_name: str
    unit_acronym: str | None
    score: float
    rank: int
    cross_axis: bool
    explanation: Explanation | None


Finished = TypeVar("Finished")


@dataclass(frozen=True)
class SuggestionTable:
    """Suggested pairs as columns, one entry per pair, grouped by need and best first (score 0–100,
    rank within the need): the rows of :class:`SuggestionRow` that scripted outputs print."""

    need_refs: list[str | None]
    team_refs: list[str | None]
    scores: list[float]
    ranks: list[int]

    def __len__(self) -> int:
        return len(self.need_refs)


@dataclass(frozen=True)
class _Labels:
    key: str
    ref: str | None
    title: str
    unit: str | None = None

    @property
    def id(self) -> uuid.UUID:
        return uuid.UUID(self.key)


@dataclass(frozen=True)
class _Loaded:
    """Needs or teams read from the database: engine texts, change stamps and display labels, each by
    engine key (the id as text)."""

    texts: list[Any]
    stamps: dict[str, datetime]
    labels: dict[str, _Labels]


def _key_column(column: Any) -> Any:
    """A UUID column read as text (see :func:`_key`): a UUID object per row costs more than the row."""
    return cast(column, String)


def _key(text: str) -> str:
    """The engine key of an id read by :func:`_key_column`: ``str(UUID)``, whether the database stores
    32 hexadecimal digits (SQLite) or gives the canonical form (PostgreSQL)."""
    text = text.lower()
    if len(text) == 36:
        return text
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def _stamps(session: Session, column: Any, stamp: Any) -> dict[str, datetime]:
    """Every row's change stamp, by engine key."""
    return {_key(key): value for key, value in session.execute(select(_key_column(column), stamp))}


def read_needs(session: Session, keys: Collection[str] | None = None) -> _Loaded:
    """The engine's view of the needs (all, or those with these engine keys), read with plain column
    queries."""
    query = select(
        _key_column(Need.id),
        Need.ref,
        Need.title,
        Need.description,
        Need.keywords,
        Need.axes,
        Need.updated_at,
    )
    if keys is not None:
        query = query.where(Need.id.in_([uuid.UUID(key) for key in keys]))
    loaded = _Loaded([], {}, {})
    for raw_key, ref, title, description, keywords, axes, stamp in session.execute(query):
        key = _key(raw_key)
        loaded.texts.append(
            NeedText(key, title, description or "", tuple(keywords or ()), frozenset(axes or ()))
        )
        loaded.stamps[key] = stamp
        loaded.labels[key] = _Labels(key, ref, title)
    return loaded


def read_teams(session: Session, keys: Collection[str] | None = None) -> _Loaded:
    """The engine's view of the teams (all, or those with these engine keys): statement, keywords and
    publications as evidence."""
    query = select(
        _key_column(Team.id),
        Team.ref,
        Team.name,
        Team.statement,
        Team.keywords,
        Team.axes,
        Team.updated_at,
        ResearchUnit.acronym,
    ).outerjoin(ResearchUnit, Team.unit_id == ResearchUnit.id)
    publications_query = select(
        _key_column(Publication.team_id),
        _key_column(Publication.id),
        Publication.title,
        Publication.abstract,
        Publication.year,
    ).order_by(Publication.year.desc())
    if keys is not None:
        ids = [uuid.UUID(key) for key in keys]
        query = query.where(Team.id.in_(ids))
        publications_query = publications_query.where(Publication.team_id.in_(ids))
    publications: dict[str, list[PublicationText]] = defaultdict(list)
    for team_key, publication_key, title, abstract, year in session.execute(publications_query):
        publications[_key(team_key)].append(
            PublicationText(_key(publication_key), title, abstract or "", year)
        )
    loaded = _Loaded([], {}, {})
    for raw_key, ref, name, statement, keywords, axes, stamp, unit in session.execute(query):
        key = _key(raw_key)
        loaded.texts.append(
            TeamText(
                key,
                statement or "",
                tuple(keywords or ()),
                tuple(publications.get(key, ())),
                frozenset(axes or ()),
            )
        )
        loaded.stamps[key] = stamp
        loaded.labels[key] = _Labels(key, ref, name, unit)
    return loaded


def _referenced(
    table: PairTable, hidden: set[str], need_refs: dict[str, str | None], team_refs: dict[str, str | None]
) -> SuggestionTable:
    """``table`` without the needs whose keys are ``hidden``, with references instead of keys."""
    need_keys, team_keys, scores, ranks = table.need_keys, table.team_keys, table.scores, table.ranks
    if hidden:
        shown = [i for i, key in enumerate(need_keys) if key not in hidden]
        need_keys = [need_keys[i] for i in shown]
        team_keys = [team_keys[i] for i in shown]
        scores = [scores[i] for i in shown]
        ranks = [ranks[i] for i in shown]
    refs = list(map(need_refs.__getitem__, need_keys))
    return SuggestionTable(refs, list(map(team_refs.__getitem__, team_keys)), scores, ranks)


class SuggestionService:
    """Keeps a matching engine in step with a database and answers suggestion queries.

    Thread-safe: the desktop app queries it from worker threads.
    """

    def __init__(
        self,
        db: Database,
        thesaurus_path: Path | None,
        stopwords_dir: Path | None,
        options: EngineOptions | None = None,
    ) -> None:
        self._db = db
        self._thesaurus_path = thesaurus_path
        self._stopwords_dir = stopwords_dir
        self._options = options or EngineOptions()
        self._engine: MatchingEngine | None = None
        self._lock = threading.RLock()
        self._need_stamps: dict[str, datetime] = {}
        self._team_stamps: dict[str, datetime] = {}
        self._needs: dict[str, _Labels] = {}
        self._teams: dict[str, _Labels] = {}

    @classmethod
    def with_shipped_resources(cls, db: Database, options: EngineOptions | None = None) -> SuggestionService:
        """A service using the thesaurus and stop-word lists shipped with the application."""
        return cls(db, resource_path("thesaurus.tsv"), resource_path("stopwords"), options)

    # ----------------------------------------------------------------- keeping in step

    def _new_engine(self) -> MatchingEngine:
        thesaurus = Thesaurus.from_tsv(self._thesaurus_path) if self._thesaurus_path else None
        stopwords = load_stopwords(self._stopwords_dir) if self._stopwords_dir else None
        return MatchingEngine(thesaurus, self._options, stopwords)

    def rebuild(
        self, progress: ProgressCallback | None = None, cancelled: Callable[[], bool] | None = None
    ) -> None:
        """Re-read every need and team and re-fit the engine (after a bulk import).

        Raises MatchingCancelledError when `cancelled()` turns True; the previous state is kept.
        """
        with self._db.reading() as session:
            needs, teams = read_needs(session), read_teams(session)
        engine = self._new_engine()
        engine.fit(needs.texts, teams.texts, progress=progress, cancelled=cancelled)
        with self._lock:
            self._engine = engine
            self._need_stamps, self._team_stamps = needs.stamps, teams.stamps
            self._needs, self._teams = needs.labels, teams.labels

    def sync(self) -> MatchingEngine:
        """Bring the engine up to date with the database (cheap when nothing changed)."""
        with self._lock:
            if self._engine is None:
                self.rebuild()
                assert self._engine is not None
                return self._engine
            engine = self._engine
            with self._db.reading() as session:
                need_stamps = _stamps(session, Need.id, Need.updated_at)
                team_stamps = _stamps(session, Team.id, Team.updated_at)
                changed_needs = [
                    key for key, stamp in need_stamps.items() if self._need_stamps.get(key) != stamp
                ]
                changed_teams = [
                    key for key, stamp in team_stamps.items() if self._team_stamps.get(key) != stamp
                ]
                needs = read_needs(session, changed_needs) if changed_needs else _Loaded([], {}, {})
                teams = read_teams(session, changed_teams) if changed_teams else _Loaded([], {}, {})
            for need in needs.texts:
                engine.upsert_need(need)
            for team in teams.texts:
                engine.upsert_team(team)
            self._needs.update(needs.labels)
            self._teams.update(teams.labels)
            for key in set(self._need_stamps) - set(need_stamps):
                engine.remove_need(key)
                self._needs.pop(key, None)
            for key in set(self._team_stamps) - set(team_stamps):
                engine.remove_team(key)
                self._teams.pop(key, None)
            self._need_stamps, self._team_stamps = need_stamps, team_stamps
            return engine

    # ----------------------------------------------------------------- queries

    def teams_for_need(
        self, need_id: uuid.UUID, top: int = 10, axis: int | None = None, explain: bool = True
    ) -> list[SuggestionRow]:
        """The best teams for a need, without teams already matched with it or excluded for its company."""
        with self._lock:
            engine = self.sync()
            with self._db.reading() as session:
                skip = _matched_teams(session, need_id) | _excluded_teams(session, need_id)
            found = engine.teams_for_need(str(need_id), top, axis, {str(key) for key in skip}, explain)
            return [self._row(item) for item in found]

    def needs_for_team(
        self,
        team_id: uuid.UUID,
        top: int = 10,
        axis: int | None = None,
        viewer: Viewer | None = None,
        explain: bool = True,
    ) -> list[SuggestionRow]:
        """The needs a team could answer, among those the viewer may see and not yet matched."""
        with self._lock:
            engine = self.sync()
            with self._db.reading() as session:
                hidden = _hidden_needs(session, viewer)
                matched = set(session.scalars(select(Match.need_id).where(Match.team_id == team_id)))
                excluded = _needs_excluded_for_team(session, team_id)
            skip = {str(key) for key in hidden | matched | excluded}
            found = engine.needs_for_team(str(team_id), top, axis, skip, explain)
            return [self._row(item) for item in found]

    def best_pairs(
        self,
        top: int = 10,
        axis: int | None = None,
        viewer: Viewer | None = None,
        explain: bool = False,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[SuggestionRow]:
        """For every need the viewer may see, its best teams (existing matches and exclusions left out)."""
        with self._lock:
            engine, excluded, hidden = self._pair_rules(viewer)
            found = engine.best_pairs(
                top, axis, excluded, explain=explain, progress=progress, cancelled=cancelled
            )
            return [self._row(item) for item in found if item.need_key not in hidden]

    def best_pair_table(
        self,
        top: int = 10,
        axis: int | None = None,
        viewer: Viewer | None = None,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> SuggestionTable:
        """:meth:`best_pairs` without explanations, as columns: for outputs of many rows (`match --all`)."""
        with self._lock:
            engine, excluded, referenced = self._table_rules(viewer)
            return referenced(
                engine.best_pair_table(top, axis, excluded, progress=progress, cancelled=cancelled)
            )

    def best_pair_parts(
        self,
        finish: Callable[[SuggestionTable], Finished],
        top: int = 10,
        axis: int | None = None,
        viewer: Viewer | None = None,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Finished]:
        """:meth:`best_pair_table` in parts, in need order, each given to ``finish`` by the process that
        ranked it (see ``MatchingEngine.best_pair_parts``): `match --all` formats its lines there."""
        with self._lock:
            engine, excluded, referenced = self._table_rules(viewer)

            def finished(table: PairTable) -> Finished:
                return finish(referenced(table))

            return engine.best_pair_parts(
                finished, top, axis, excluded, progress=progress, cancelled=cancelled
            )

    def _table_rules(
        self, viewer: Viewer | None
    ) -> tuple[MatchingEngine, set[tuple[str, str]], Callable[[PairTable], SuggestionTable]]:
        """:meth:`_pair_rules`, with the hidden needs and the references as one conversion of an engine
        table (call with the lock held)."""
        engine, excluded, hidden = self._pair_rules(viewer)
        need_refs = {key: labels.ref for key, labels in self._needs.items()}
        team_refs = {key: labels.ref for key, labels in self._teams.items()}
        return engine, excluded, partial(_referenced, hidden=hidden, need_refs=need_refs, team_refs=team_refs)

    def _pair_rules(self, viewer: Viewer | None) -> tuple[MatchingEngine, set[tuple[str, str]], set[str]]:
        """The synced engine, the (need, team) keys never to suggest and the keys of the needs hidden
        from ``viewer``, for :meth:`best_pairs` (call with the lock held)."""
        engine = self.sync()
        with self._db.reading() as session:
            hidden = _hidden_needs(session, viewer)
            pairs = set(session.execute(select(Match.need_id, Match.team_id)))
            pairs |= _excluded_pairs(session)
        excluded = {(str(need), str(team)) for need, team in pairs}
        return engine, excluded, {str(key) for key in hidden}

    def score_missing_matches(self) -> int:
        """Give matches recorded without a score (imports, demo data) their score and explanation.

        Returns:
            How many matches were scored.
        """
        with self._lock:
            engine = self.sync()
            with self._db.reading() as session:
                pairs = session.execute(
                    select(Match.id, Match.need_id, Match.team_id).where(Match.score.is_(None))
                ).all()
            scored = {
                match_id: engine.score_pair(str(need_id), str(team_id), explain=True)
                for match_id, need_id, team_id in pairs
            }
        with self._db.writing() as session:
            for match_id, found in scored.items():
                match = session.get(Match, match_id)
                if match is not None and match.score is None:
                    match.score = found.score
                    match.explanation = explanation_as_dict(found.explanation) if found.explanation else None
        return len(scored)

    def explain(self, need_id: uuid.UUID, team_id: uuid.UUID) -> Explanation:
        """Why this need and this team match (also for a pair already in the pipeline)."""
        with self._lock:
            return self.sync().explain(str(need_id), str(team_id))

    def _row(self, item: Suggestion) -> SuggestionRow:
        need, team = self._needs[item.need_key], self._teams[item.team_key]
        return SuggestionRow(
            need.id,
            need.ref,
            need.title,
            team.id,
            team.ref,
            team.title,
            team.unit,
            item.score,
            item.rank,
            item.cross_axis,
            item.explanation,
        )


def _matched_teams(session: Session, need_id: uuid.UUID) -> set[uuid.UUID]:
    return set(session.scalars(select(Match.team_id).where(Match.need_id == need_id)))


def _excluded_teams(session: Session, need_id: uuid.UUID) -> set[uuid.UUID]:
    company_id = session.scalar(select(Need.company_id).where(Need.id == need_id))
    if company_id is None:
        return set()
    return set(session.scalars(select(Exclusion.team_id).where(Exclusion.company_id == company_id)))


def _needs_excluded_for_team(session: Session, team_id: uuid.UUID) -> set[uuid.UUID]:
    query = (
        select(Need.id)
        .join(Exclusion, Exclusion.company_id == Need.company_id)
        .where(Exclusion.team_id == team_id)
    )
    return set(session.scalars(query))


def _excluded_pairs(session: Session) -> set[tuple[uuid.UUID, uuid.UUID]]:
    query = select(Need.id, Exclusion.team_id).join(Exclusion, Exclusion.company_id == Need.company_id)
    return set(session.execute(query))


def _hidden_needs(session: Session, viewer: Viewer | None) -> set[uuid.UUID]:
    if viewer is None:
        return set()
    visible = set(session.scalars(select(Need.id).where(need_visibility(viewer))))
    return set(session.scalars(select(Need.id))) - visible


def suggestion_as_dict(row: SuggestionRow) -> dict[str, Any]:
    """A suggestion as JSON-ready values, with a compact explanation."""
    result: dict[str, Any] = {
        "need_ref": row.need_ref,
        "team_ref": row.team_ref,
        "need_title": row.need_title,
        "team_name": row.team_name,
        "unit": row.unit_acronym,
        "score": round(row.score, 3),
        "rank": row.rank,
        "cross_axis": row.cross_axis,
    }
    if row.explanation is not None:
        result["explanation"] = explanation_as_dict(row.explanation)
    return result


def explanation_as_dict(explanation: Explanation) -> dict[str, Any]:
    """An explanation as JSON-ready values (also stored with a match at proposal time)."""
    return {
        "terms": [
            {
                "need": list(term.need_forms),
                "team": list(term.team_forms),
                "concept": term.concept,
                "share": round(term.share, 3),
            }
            for term in explanation.terms
        ],
        "evidence": [
            {"kind": item.kind, "key": item.key, "title": item.title, "score": round(item.score, 1)}
            for item in explanation.evidence
        ],
        "need_axes": sorted(explanation.need_axes),
        "team_axes": sorted(explanation.team_axes),
        "axes_suggested": explanation.axes_suggested,
    }


def explanation_summary(explanation: Explanation, limit: int = 5) -> str:
    """A one-line explanation for tables and CSV: `term ↔ term (share%); ... | evidence`."""
    parts: list[str] = []
    for term in explanation.terms[:limit]:
        need_side = " / ".join(term.need_forms)
        team_side = " / ".join(term.team_forms)
        pair = need_side if need_side == team_side else f"{need_side} ↔ {team_side}"
        parts.append(f"{pair} ({term.share * 100:.0f}%)")
    text = "; ".join(parts)
    best = explanation.evidence[0] if explanation.evidence else None
    if best is not None:
        text += f" | {best.kind}: {best.title}" if best.title else f" | {best.kind}"
    return text
