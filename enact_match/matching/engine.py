"""The matching engine: indexes needs and teams, ranks them against each other and explains each match."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from scipy.sparse import csr_matrix, vstack

from enact_match.matching.analysis import CONCEPT, UNIGRAM, TextAnalyzer, TrackedFeature, guess_language
from enact_match.matching.axes import AxisModel
from enact_match.matching.options import EngineOptions
from enact_match.matching.records import (
    AxisGuess,
    EvidenceScore,
    Explanation,
    NeedText,
    Suggestion,
    TeamText,
    TermMatch,
)
from enact_match.matching.sparse import (
    count_rows,
    fit_columns,
    normalise_rows,
    row_vector,
    transpose,
    weigh,
    widen,
)
from enact_match.matching.thesaurus import Thesaurus

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

# texts analysed together (progress and cancellation are checked between batches)
_ANALYSIS_BATCH = 2000
_EXCERPT_CHARS = 160


class MatchingCancelledError(Exception):
    """Raised by a long operation when its ``cancelled()`` callback turned True; the engine is unchanged."""


@dataclass(frozen=True, slots=True)
class _Piece:
    """A piece of a team's evidence: a statement passage, the keywords or one publication."""

    kind: str
    key: str
    title: str
    text: str


def team_pieces(team: TeamText, passage_min_words: int) -> list[_Piece]:
    """The pieces of evidence of ``team``; a team always has at least one (possibly empty) piece."""
    pieces = [
        _Piece("statement", "", "", passage) for passage in split_passages(team.statement, passage_min_words)
    ]
    if team.keywords:
        pieces.append(_Piece("keywords", "", "", "\n".join(team.keywords)))
    pieces.extend(
        _Piece(
            "publication", publication.key, publication.title, f"{publication.title}\n{publication.abstract}"
        )
        for publication in team.publications
    )
    return pieces or [_Piece("statement", "", "", "")]


def split_passages(text: str, min_words: int) -> list[str]:
    """Consecutive non-empty lines gathered into passages of at least ``min_words`` words.

    A short tail joins the previous passage, so a heading or a one-line list item is never alone.
    """
    passages: list[str] = []
    current: list[str] = []
    count = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        current.append(line)
        count += len(line.split())
        if count >= min_words:
            passages.append("\n".join(current))
            current, count = [], 0
    if current:
        if passages:
            passages[-1] += "\n" + "\n".join(current)
        else:
            passages.append("\n".join(current))
    return passages


@dataclass
class _Block:
    """An immutable snapshot of one side's vectors (needs or teams), rebuilt when entries change.

    For teams, ``vectors`` are the whole profiles and ``pieces`` the pieces of evidence, grouped by team
    (``piece_start[i]:piece_start[i + 1]``). For needs, ``pieces`` is empty.
    """

    keys: list[str]
    vectors: csr_matrix
    pieces: csr_matrix
    piece_start: np.ndarray
    own_axes: list[frozenset[int]]
    suggested_axes: list[frozenset[int]]
    slot: dict[str, int] = field(init=False)
    vectors_t: csr_matrix = field(init=False)
    pieces_t: csr_matrix = field(init=False)
    axis_members: dict[int, np.ndarray] = field(init=False)

    def __post_init__(self) -> None:
        width = self.vectors.shape[1]
        self.slot = {key: i for i, key in enumerate(self.keys)}
        self.vectors_t = transpose(self.vectors, width)
        self.pieces_t = transpose(self.pieces, width)
        self.axis_members = {}
        for i, axes in enumerate(self.effective_axes(i) for i in range(len(self.keys))):
            for axis in axes:
                self.axis_members.setdefault(axis, np.zeros(len(self.keys), dtype=bool))[i] = True

    @property
    def width(self) -> int:
        return self.vectors.shape[1]

    def effective_axes(self, slot: int) -> frozenset[int]:
        return self.own_axes[slot] or self.suggested_axes[slot]

    def members(self, axis: int | None) -> np.ndarray | None:
        """Which slots carry ``axis`` (own or suggested axes); None when there is no filter."""
        if axis is None:
            return None
        return self.axis_members.get(axis, np.zeros(len(self.keys), dtype=bool))

    def piece_rows(self, slot: int) -> csr_matrix:
        return self.pieces[int(self.piece_start[slot]) : int(self.piece_start[slot + 1])]


@dataclass(frozen=True)
class _Entry:
    """One upserted need or team waiting to be merged into its block."""

    vector: csr_matrix
    pieces: csr_matrix
    own_axes: frozenset[int]
    suggested_axes: frozenset[int]


def _empty_block() -> _Block:
    return _Block([], csr_matrix((0, 0)), csr_matrix((0, 0)), np.zeros(1, dtype=np.int64), [], [])


class MatchingEngine:
    """Ranks teams for needs and needs for teams, with explanations.

    Score of a (need, team) pair, 0–100 (see docs/matching.md)::

        100 × (w × cos(need, whole profile) + (1 − w) × max over pieces cos(need, piece))

    with ``w = options.profile_weight`` and sublinear tf-idf vectors of stems, thesaurus concepts and
    (optionally) bigrams. Scores do not depend on the other candidates, so they compare across needs and
    across teams. The idf is frozen at :meth:`fit`; upserts are indexed at once with it (new words get
    the idf of a word seen nowhere) and the next :meth:`fit` refreshes it.
    """

    def __init__(
        self,
        thesaurus: Thesaurus | None = None,
        options: EngineOptions = EngineOptions(),  # noqa: B008 - frozen, shared default is safe
        stopwords: frozenset[str] | None = None,
    ) -> None:
        self.options = options
        self._thesaurus = thesaurus or Thesaurus()
        self._analyzer = TextAnalyzer(stopwords or frozenset(), bigrams=options.bigrams)
        self._concept_axes: dict[int, frozenset[int]] = {}
        for concept in self._thesaurus:
            for language, terms in (("fr", concept.fr), ("en", concept.en)):
                for term in terms:
                    self._analyzer.add_phrase(term, language, concept.concept_id)
            if concept.axes:
                self._concept_axes[self._analyzer.vocabulary.concept(concept.concept_id)] = concept.axes
        self._document_frequency = np.zeros(0)
        self._documents = 0
        self._weights = np.zeros(0)
        self._needs = _empty_block()
        self._teams = _empty_block()
        self._pending_needs: dict[str, _Entry | None] = {}
        self._pending_teams: dict[str, _Entry | None] = {}
        self._need_texts: dict[str, NeedText] = {}
        self._team_texts: dict[str, TeamText] = {}
        self._axis_model = self._build_axis_model(csr_matrix((0, len(self._analyzer.vocabulary))), [])

    # ------------------------------------------------------------------ indexing

    def fit(
        self,
        needs: Sequence[NeedText],
        teams: Sequence[TeamText],
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> None:
        """Index ``needs`` and ``teams`` from scratch (idf, axis centroids, suggested axes).

        ``progress(done, total)`` is called as texts are analysed; when ``cancelled()`` turns True,
        :class:`MatchingCancelledError` is raised and the engine keeps its previous index.
        """
        total = len(needs) + len(teams)
        done = 0

        def tick(count: int) -> None:
            nonlocal done
            done += count
            if cancelled is not None and cancelled():
                raise MatchingCancelledError
            if progress is not None:
                progress(done, total)

        if cancelled is not None and cancelled():
            raise MatchingCancelledError
        need_counts = self._need_counts(needs, tick)
        piece_counts, piece_start = self._team_counts(teams, tick)
        width = len(self._analyzer.vocabulary)
        need_counts = widen(need_counts, need_counts.shape[0], width)
        piece_counts = widen(piece_counts, piece_counts.shape[0], width)
        frequency = np.bincount(need_counts.indices, minlength=width) + np.bincount(
            piece_counts.indices, minlength=width
        )
        self._document_frequency = frequency.astype(np.float64)
        self._documents = need_counts.shape[0] + piece_counts.shape[0]
        self._weights = np.zeros(0)
        weights = self._feature_weights()
        sublinear = self.options.sublinear_tf
        need_vectors = weigh(need_counts, weights, sublinear)
        pieces = weigh(piece_counts, weights, sublinear)
        profiles = self._profiles(piece_counts, pieces, piece_start, weights)
        need_axes = [need.axes for need in needs]
        team_axes = [team.axes for team in teams]
        self._axis_model = self._build_axis_model(
            vstack([need_vectors, profiles]).tocsr(), need_axes + team_axes
        )
        self._needs = _Block(
            [need.key for need in needs],
            need_vectors,
            csr_matrix((0, width)),
            np.zeros(len(needs) + 1, dtype=np.int64),
            need_axes,
            self._suggested(need_vectors, need_axes),
        )
        self._teams = _Block(
            [team.key for team in teams],
            profiles,
            pieces,
            piece_start,
            team_axes,
            self._suggested(profiles, team_axes),
        )
        self._pending_needs.clear()
        self._pending_teams.clear()
        self._need_texts = {need.key: need for need in needs}
        self._team_texts = {team.key: team for team in teams}

    def upsert_need(self, need: NeedText) -> None:
        """Add or replace one need; the next query sees it (no refit)."""
        vector = self._need_vector(need)
        suggested = self._suggested(vector, [need.axes])[0]
        self._pending_needs[need.key] = _Entry(vector, csr_matrix((0, vector.shape[1])), need.axes, suggested)
        self._need_texts[need.key] = need

    def remove_need(self, key: str) -> None:
        """Forget one need (unknown keys are ignored)."""
        self._pending_needs[key] = None
        self._need_texts.pop(key, None)

    def upsert_team(self, team: TeamText) -> None:
        """Add or replace one team; the next query sees it (no refit)."""
        piece_counts, piece_start = self._team_counts([team], lambda count: None)
        weights = self._feature_weights()
        pieces = weigh(piece_counts, weights, self.options.sublinear_tf)
        profile = self._profiles(piece_counts, pieces, piece_start, weights)
        suggested = self._suggested(profile, [team.axes])[0]
        self._pending_teams[team.key] = _Entry(profile, pieces, team.axes, suggested)
        self._team_texts[team.key] = team

    def remove_team(self, key: str) -> None:
        """Forget one team (unknown keys are ignored)."""
        self._pending_teams[key] = None
        self._team_texts.pop(key, None)

    # ------------------------------------------------------------------ queries

    def teams_for_need(
        self,
        need_key: str,
        top: int = 10,
        axis: int | None = None,
        exclude: Collection[str] = (),
        explain: bool = True,
    ) -> list[Suggestion]:
        """The ``top`` best teams for a stored need (score > 0), best first; KeyError for an unknown need."""
        needs = self._need_block()
        slot = needs.slot[need_key]
        vector = needs.vectors[slot]
        return self._rank_teams(
            self._need_texts[need_key],
            vector,
            needs.own_axes[slot],
            needs.suggested_axes[slot],
            top,
            axis,
            exclude,
            explain,
        )

    def teams_for_text(
        self, need: NeedText, top: int = 10, axis: int | None = None, explain: bool = True
    ) -> list[Suggestion]:
        """Like :meth:`teams_for_need` for a need that is not stored (quick capture)."""
        vector = self._need_vector(need)
        suggested = frozenset() if need.axes else self._suggested(vector, [need.axes])[0]
        return self._rank_teams(need, vector, need.axes, suggested, top, axis, (), explain)

    def needs_for_team(
        self,
        team_key: str,
        top: int = 10,
        axis: int | None = None,
        exclude: Collection[str] = (),
        explain: bool = True,
    ) -> list[Suggestion]:
        """The ``top`` best needs for a stored team (score > 0), best first; ranks are within the team."""
        teams = self._team_block()
        needs = self._need_block()
        slot = teams.slot[team_key]
        width = needs.width
        profile = fit_columns(teams.vectors[slot], width)
        pieces = fit_columns(teams.piece_rows(slot), width)
        scores = self._blend(
            (profile @ needs.vectors_t).toarray().ravel(),
            np.asarray((pieces @ needs.vectors_t).max(axis=0).todense()).ravel(),
        ) * self._length_damping(np.diff(needs.vectors.indptr))
        chosen = _top(scores, top, needs.members(axis), [needs.slot[k] for k in exclude if k in needs.slot])
        team_axes = teams.effective_axes(slot)
        suggestions = []
        for rank, need_slot in enumerate(chosen, start=1):
            need_key = needs.keys[need_slot]
            need_axes = needs.effective_axes(need_slot)
            explanation = None
            if explain:
                explanation = self._explanation(
                    self._need_texts[need_key],
                    needs.vectors[need_slot],
                    needs.own_axes[need_slot],
                    needs.suggested_axes[need_slot],
                    teams,
                    slot,
                )
            suggestions.append(
                Suggestion(
                    need_key,
                    team_key,
                    _score(scores[need_slot], self.options.score_scale),
                    rank,
                    _crosses(need_axes, team_axes),
                    explanation,
                )
            )
        return suggestions

    def best_pairs(
        self,
        top: int = 10,
        axis: int | None = None,
        excluded_pairs: Collection[tuple[str, str]] = (),
        explain: bool = False,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> list[Suggestion]:
        """For every need, its ``top`` best teams (score > 0), grouped by need, best first.

        With ``axis``, both needs and teams are restricted to those carrying the axis. Pairs in
        ``excluded_pairs`` (need key, team key) never appear. The result is exact: a fused sparse top-k
        product proposes candidates, a bound check proves the top teams of each need, and the few needs it
        cannot prove are ranked exactly one by one. ``progress(done, total)`` counts needs.
        """
        from sparse_dot_topn import sp_matmul_topn

        needs = self._need_block()
        teams = self._team_block()
        need_slots = np.flatnonzero(_mask_or_all(needs.members(axis), len(needs.keys)))
        team_slots = np.flatnonzero(_mask_or_all(teams.members(axis), len(teams.keys)))
        total = len(need_slots)
        if total == 0 or len(team_slots) == 0 or top <= 0:
            return []
        width = max(needs.width, teams.width)
        need_rows = widen(needs.vectors, len(needs.keys), width)[need_slots]
        profiles_t = (
            transpose(teams.vectors[team_slots], width)
            if axis is not None
            else widen(teams.vectors_t, width, len(teams.keys))
        )
        piece_slots = _ranges(teams.piece_start, team_slots)
        pieces_t = (
            transpose(teams.pieces[piece_slots], width)
            if axis is not None
            else widen(teams.pieces_t, width, teams.pieces.shape[0])
        )
        piece_team = np.repeat(np.arange(len(team_slots)), np.diff(teams.piece_start)[team_slots])
        excluded = _pair_codes(excluded_pairs, needs, teams, need_slots, team_slots)
        alpha = self.options.profile_weight
        profile_pool = min(self.options.candidates, len(team_slots))
        piece_pool = min(self.options.candidates, pieces_t.shape[1])
        suggestions: list[Suggestion] = []
        need_keys, team_keys = needs.keys, teams.keys
        team_axes = [teams.effective_axes(slot) for slot in range(len(team_keys))]
        scale = self.options.score_scale
        for start, end in _blocks(need_rows, pieces_t, self.options.chunk_size, self.options.block_work):
            if cancelled is not None and cancelled():
                raise MatchingCancelledError
            chunk = need_rows[start:end]
            profile_top = sp_matmul_topn(
                chunk, profiles_t, top_n=profile_pool, n_threads=self.options.threads
            )
            piece_top = sp_matmul_topn(chunk, pieces_t, top_n=piece_pool, n_threads=self.options.threads)
            rows, columns, scores, settled = _settle_top(
                profile_top,
                _team_maxima(piece_top, piece_team, len(team_slots)),
                piece_top,
                alpha,
                top,
                start,
                excluded,
                (profile_pool, piece_pool),
                (profile_pool == len(team_slots), piece_pool == pieces_t.shape[1]),
            )
            scores = scores * self._length_damping(np.diff(chunk.indptr))[rows]
            keep = settled[rows]
            rows, columns, scores = rows[keep], columns[keep], scores[keep]
            row_start = np.searchsorted(rows, np.arange(chunk.shape[0] + 1))
            # one Suggestion per settled pair, built from plain lists (no numpy call per need)
            chunk_needs = need_slots[start + rows].tolist()
            chunk_teams = team_slots[columns].tolist()
            settled_pairs = [
                Suggestion(
                    need_keys[need_slot],
                    team_keys[team_slot],
                    score,
                    rank,
                    _crosses(needs.effective_axes(need_slot), team_axes[team_slot]),
                    None,
                )
                for need_slot, team_slot, score, rank in zip(
                    chunk_needs,
                    chunk_teams,
                    [_score(score, scale) for score in scores.tolist()],
                    (np.arange(len(rows)) - row_start[rows] + 1).tolist(),
                    strict=True,
                )
            ]
            for row in range(chunk.shape[0]):
                if settled[row]:
                    found = settled_pairs[row_start[row] : row_start[row + 1]]
                    if explain:
                        found = [self._explained(needs, teams, item) for item in found]
                    suggestions.extend(found)
                else:
                    need_slot = int(need_slots[start + row])
                    ranked = self._exact_pairs(
                        needs, teams, need_slot, team_slots, excluded, start + row, top
                    )
                    suggestions.extend(self._need_suggestions(needs, teams, need_slot, ranked, explain))
            if progress is not None:
                progress(end, total)
        return suggestions

    def score_pair(self, need_key: str, team_key: str, explain: bool = True) -> Suggestion:
        """Score, axes flag and (with ``explain``) explanation of one stored (need, team) pair.

        The score is exactly the one the rankings give the pair (0 when the texts share nothing), so
        it can be stored with a match at proposal time. ``rank`` is 0: a single pair is not ranked.
        KeyError for an unknown need or team.
        """
        needs = self._need_block()
        teams = self._team_block()
        need_slot = needs.slot[need_key]
        team_slot = teams.slot[team_key]
        vector = needs.vectors[need_slot]
        score = self._team_scores(teams, vector)[team_slot]
        explanation = None
        if explain:
            explanation = self._explanation(
                self._need_texts[need_key],
                vector,
                needs.own_axes[need_slot],
                needs.suggested_axes[need_slot],
                teams,
                team_slot,
            )
        return Suggestion(
            need_key,
            team_key,
            _score(score, self.options.score_scale),
            0,
            _crosses(needs.effective_axes(need_slot), teams.effective_axes(team_slot)),
            explanation,
        )

    def explain(self, need_key: str, team_key: str) -> Explanation:
        """The explanation of one stored (need, team) pair; KeyError for unknown keys."""
        needs = self._need_block()
        slot = needs.slot[need_key]
        return self._explanation(
            self._need_texts[need_key],
            needs.vectors[slot],
            needs.own_axes[slot],
            needs.suggested_axes[slot],
            self._team_block(),
            self._team_block().slot[team_key],
        )

    def suggest_axes(self, text: str) -> tuple[AxisGuess, ...]:
        """Likely thematic axes of ``text``, most confident first (empty when nothing points to an axis)."""
        return self._axis_model.guesses(self._need_vector(NeedText("", "", text)))[0]

    # ------------------------------------------------------------------ analysis

    def _need_counts(self, needs: Sequence[NeedText], tick: Callable[[int], None]) -> csr_matrix:
        """Feature counts of the needs (title counted ``title_repeats`` times), analysed in batches."""
        rows, columns, counts = [], [], []
        repeats = float(self.options.title_repeats)
        for start in range(0, len(needs), _ANALYSIS_BATCH):
            batch = needs[start : start + _ANALYSIS_BATCH]
            texts: list[str] = []
            languages: list[str] = []
            for need in batch:
                language = guess_language(f"{need.title}\n{need.description}")
                texts += (need.title, need.description, "\n".join(need.keywords))
                languages += (language, language, language)
            features, text_of = self._analyzer.features_batch(texts, languages)
            weight = np.where(text_of % 3 == 0, repeats, 1.0)
            keep = weight > 0
            rows.append(start + text_of[keep] // 3)
            columns.append(features[keep])
            counts.append(weight[keep])
            tick(len(batch))
        return count_rows(rows, columns, counts, (len(needs), len(self._analyzer.vocabulary)))

    def _team_counts(
        self, teams: Sequence[TeamText], tick: Callable[[int], None]
    ) -> tuple[csr_matrix, np.ndarray]:
        """Feature counts of the teams' pieces (one row per piece) and where each team's pieces start."""
        rows, columns = [], []
        starts = [0]
        offset = 0
        for start in range(0, len(teams), _ANALYSIS_BATCH):
            batch = teams[start : start + _ANALYSIS_BATCH]
            texts: list[str] = []
            for team in batch:
                texts += [piece.text for piece in team_pieces(team, self.options.passage_min_words)]
                starts.append(offset + len(texts))
            features, text_of = self._analyzer.features_batch(texts, [guess_language(text) for text in texts])
            rows.append(offset + text_of)
            columns.append(features)
            offset += len(texts)
            tick(len(batch))
        return (
            count_rows(rows, columns, None, (starts[-1], len(self._analyzer.vocabulary))),
            np.asarray(starts, dtype=np.int64),
        )

    def _profiles(
        self, piece_counts: csr_matrix, pieces: csr_matrix, piece_start: np.ndarray, weights: np.ndarray
    ) -> csr_matrix:
        """Whole-profile vectors: the weighed sum of the pieces' counts, or the centroid of the pieces."""
        if self.options.profile_centroid:
            return normalise_rows(_group_sum(pieces, piece_start))
        return weigh(_group_sum(piece_counts, piece_start), weights, self.options.sublinear_tf)

    def _need_vector(self, need: NeedText) -> csr_matrix:
        counts = self._need_counts([need], lambda count: None)
        return weigh(counts, self._feature_weights(), self.options.sublinear_tf)

    def _feature_weights(self) -> np.ndarray:
        """idf × kind weight of every feature; a feature unseen at fit gets the idf of frequency 0."""
        vocabulary = self._analyzer.vocabulary
        known = len(self._weights)
        if known < len(vocabulary):
            frequency = np.zeros(len(vocabulary) - known)
            seen = self._document_frequency[known : len(vocabulary)]
            frequency[: len(seen)] = seen
            idf = np.log((1.0 + self._documents) / (1.0 + frequency)) + 1.0
            kinds = np.asarray(vocabulary.kinds[known:])
            kind_weight = np.select(
                [kinds == CONCEPT, kinds == 1], [self.options.concept_weight, self.options.bigram_weight], 1.0
            )
            self._weights = np.concatenate([self._weights, idf * kind_weight])
        return self._weights

    # ------------------------------------------------------------------ axes

    def _build_axis_model(self, labelled: csr_matrix, labels: list[frozenset[int]]) -> AxisModel:
        keep = [i for i, axes in enumerate(labels) if axes]
        return AxisModel.build(
            labelled[keep], [labels[i] for i in keep], self._concept_axes, self.options.axis_concept_weight
        )

    def _suggested(self, vectors: csr_matrix, own: list[frozenset[int]]) -> list[frozenset[int]]:
        """The best guessed axis of each row without own axes (empty set for rows with own axes)."""
        result: list[frozenset[int]] = [frozenset() for _ in own]
        unlabelled = [i for i, axes in enumerate(own) if not axes]
        if unlabelled:
            for i, guesses in zip(unlabelled, self._axis_model.guesses(vectors[unlabelled]), strict=True):
                result[i] = frozenset(guesses[:1] and {guesses[0].axis})
        return result

    # ------------------------------------------------------------------ blocks

    def _need_block(self) -> _Block:
        if self._pending_needs:
            self._needs = _merge(self._needs, self._pending_needs, len(self._analyzer.vocabulary))
            self._pending_needs.clear()
        return self._needs

    def _team_block(self) -> _Block:
        if self._pending_teams:
            self._teams = _merge(self._teams, self._pending_teams, len(self._analyzer.vocabulary))
            self._pending_teams.clear()
        return self._teams

    # ------------------------------------------------------------------ ranking

    def _blend(self, profile: np.ndarray, best_piece: np.ndarray) -> np.ndarray:
        alpha = self.options.profile_weight
        return alpha * profile + (1.0 - alpha) * best_piece

    def _length_damping(self, distinct_features: np.ndarray) -> np.ndarray:
        """Per need, the factor (≤ 1) applied to its scores: ``(reference / length) ** exponent`` beyond the
        reference length, 1 below it (see :class:`EngineOptions`)."""
        reference = float(self.options.length_reference)
        lengths = np.maximum(np.asarray(distinct_features, dtype=np.float64), reference)
        return (reference / lengths) ** self.options.length_exponent

    def _team_scores(self, teams: _Block, vector: csr_matrix) -> np.ndarray:
        """Exact scores of one need vector against every team slot (length damping included)."""
        if not teams.keys:
            return np.zeros(0)
        indices, values = vector.indices, vector.data
        query = row_vector(indices, values, teams.width)
        piece_scores = (query @ teams.pieces_t).toarray().ravel()
        return (
            self._blend(
                (query @ teams.vectors_t).toarray().ravel(),
                np.maximum.reduceat(piece_scores, teams.piece_start[:-1]),
            )
            * self._length_damping(np.array([vector.nnz]))[0]
        )

    def _rank_teams(
        self,
        need: NeedText,
        vector: csr_matrix,
        own_axes: frozenset[int],
        suggested_axes: frozenset[int],
        top: int,
        axis: int | None,
        exclude: Collection[str],
        explain: bool,
    ) -> list[Suggestion]:
        teams = self._team_block()
        scores = self._team_scores(teams, vector)
        chosen = _top(scores, top, teams.members(axis), [teams.slot[k] for k in exclude if k in teams.slot])
        need_axes = own_axes or suggested_axes
        suggestions = []
        for rank, slot in enumerate(chosen, start=1):
            explanation = (
                self._explanation(need, vector, own_axes, suggested_axes, teams, slot) if explain else None
            )
            suggestions.append(
                Suggestion(
                    need.key,
                    teams.keys[slot],
                    _score(scores[slot], self.options.score_scale),
                    rank,
                    _crosses(need_axes, teams.effective_axes(slot)),
                    explanation,
                )
            )
        return suggestions

    def _exact_pairs(
        self,
        needs: _Block,
        teams: _Block,
        need_slot: int,
        team_slots: np.ndarray,
        excluded: np.ndarray,
        need_position: int,
        top: int,
    ) -> list[tuple[int, float]]:
        """Exact top teams of one need among ``team_slots`` (the fall-back of ``best_pairs``)."""
        scores = self._team_scores(teams, needs.vectors[need_slot])[team_slots]
        codes = np.int64(need_position) * len(team_slots) + np.arange(len(team_slots))
        skip = np.flatnonzero(np.isin(codes, excluded))
        return [(int(team_slots[i]), float(scores[i])) for i in _top(scores, top, None, skip)]

    def _explained(self, needs: _Block, teams: _Block, item: Suggestion) -> Suggestion:
        """``item`` with its explanation."""
        need_slot = needs.slot[item.need_key]
        explanation = self._explanation(
            self._need_texts[item.need_key],
            needs.vectors[need_slot],
            needs.own_axes[need_slot],
            needs.suggested_axes[need_slot],
            teams,
            teams.slot[item.team_key],
        )
        return replace(item, explanation=explanation)

    def _need_suggestions(
        self, needs: _Block, teams: _Block, need_slot: int, ranked: list[tuple[int, float]], explain: bool
    ) -> list[Suggestion]:
        need_key = needs.keys[need_slot]
        need_axes = needs.effective_axes(need_slot)
        result = []
        for rank, (team_slot, score) in enumerate(ranked, start=1):
            explanation = None
            if explain:
                explanation = self._explanation(
                    self._need_texts[need_key],
                    needs.vectors[need_slot],
                    needs.own_axes[need_slot],
                    needs.suggested_axes[need_slot],
                    teams,
                    team_slot,
                )
            result.append(
                Suggestion(
                    need_key,
                    teams.keys[team_slot],
                    _score(score, self.options.score_scale),
                    rank,
                    _crosses(need_axes, teams.effective_axes(team_slot)),
                    explanation,
                )
            )
        return result

    # ------------------------------------------------------------------ explanations

    def _explanation(
        self,
        need: NeedText,
        vector: csr_matrix,
        need_own_axes: frozenset[int],
        need_suggested_axes: frozenset[int],
        teams: _Block,
        team_slot: int,
    ) -> Explanation:
        width = teams.width
        query = row_vector(vector.indices, vector.data, width)
        profile = teams.vectors[team_slot]
        pieces = teams.piece_rows(team_slot)
        piece_scores = (pieces @ query.T).toarray().ravel()
        best = int(np.argmax(piece_scores))
        alpha = self.options.profile_weight
        contributions = (
            alpha * query.multiply(profile) + (1.0 - alpha) * query.multiply(pieces[best])
        ).tocoo()
        total = math.fsum(contributions.data.tolist())
        team_key = teams.keys[team_slot]
        team = self._team_texts[team_key]
        team_pieces_ = team_pieces(team, self.options.passage_min_words)
        terms: list[TermMatch] = []
        if total > 0:
            language = guess_language(f"{need.title}\n{need.description}")
            need_texts = [need.title, need.description, *need.keywords]
            need_tracked = [(text, self._analyzer.tracked_features(text, language)) for text in need_texts]
            shares = _merge_components(
                dict(zip(contributions.col.tolist(), contributions.data.tolist(), strict=True)),
                need_tracked,
                self._analyzer.vocabulary.kinds,
            )
            ranked = sorted(shares.items(), key=lambda item: -item[1])[: self.options.explain_terms]
            wanted = {feature for feature, _ in ranked}
            need_forms = _forms_of(need_tracked, wanted)
            team_forms = self._team_forms(team_pieces_, piece_scores, wanted)
            vocabulary = self._analyzer.vocabulary
            for feature, contribution in ranked:
                is_concept = vocabulary.kinds[feature] == CONCEPT
                terms.append(
                    TermMatch(
                        self._surface(need_forms.get(feature)),
                        self._surface(team_forms.get(feature)),
                        vocabulary.names[feature] if is_concept else None,
                        contribution / total,
                    )
                )
        evidence = sorted(
            (
                EvidenceScore(
                    piece.kind,
                    piece.key,
                    piece.title,
                    _score(score, self.options.score_scale),
                    piece.text[:_EXCERPT_CHARS] if piece.kind == "statement" else "",
                )
                for piece, score in zip(team_pieces_, piece_scores, strict=True)
                if score > 0
            ),
            key=lambda item: -item.score,
        )[: self.options.explain_evidence]
        return Explanation(
            tuple(terms),
            tuple(evidence),
            need_own_axes or need_suggested_axes,
            teams.effective_axes(team_slot),
            (not need_own_axes and bool(need_suggested_axes))
            or (not teams.own_axes[team_slot] and bool(teams.suggested_axes[team_slot])),
        )

    def _surface(self, forms: Counter[str] | None) -> tuple[str, ...]:
        if not forms:
            return ()
        return tuple(form for form, _ in forms.most_common(self.options.explain_forms))

    def _team_forms(
        self, pieces: list[_Piece], piece_scores: np.ndarray, wanted: set[int]
    ) -> dict[int, Counter[str]]:
        """Forms from the best pieces first, until every wanted feature has one (keeps explaining cheap)."""
        forms: dict[int, Counter[str]] = {}
        for i in np.argsort(-piece_scores, kind="stable"):
            piece = pieces[int(i)]
            for feature, counts in self._forms([piece.text], [guess_language(piece.text)], wanted).items():
                forms.setdefault(feature, Counter()).update(counts)
            if len(forms) == len(wanted):
                break
        return forms

    def _forms(self, texts: list[str], languages: list[str], wanted: set[int]) -> dict[int, Counter[str]]:
        """Wanted feature → how the texts wrote it (see :func:`_forms_of`)."""
        return _forms_of(
            [
                (text, self._analyzer.tracked_features(text, language))
                for text, language in zip(texts, languages, strict=True)
            ],
            wanted,
        )


# ---------------------------------------------------------------------- helpers


def _forms_of(
    tracked_texts: list[tuple[str, list[TrackedFeature]]], wanted: set[int]
) -> dict[int, Counter[str]]:
    """Wanted feature → how the texts wrote it: whitespace collapsed, in lower case except acronyms."""
    forms: dict[int, Counter[str]] = {}
    for text, tracked in tracked_texts:
        for item in tracked:
            if item.feature in wanted:
                forms.setdefault(item.feature, Counter())[_display_form(text[item.start : item.end])] += 1
    return forms


def _display_form(written: str) -> str:
    """``written`` with whitespace collapsed and each word in lower case unless it is an acronym
    (all capitals as written: "IRM", "CO2"), so "Maintenance prédictive" and "maintenance prédictive"
    are one form."""
    return " ".join(word if len(word) > 1 and word.isupper() else word.lower() for word in written.split())


def _merge_components(
    contributions: dict[int, float],
    need_tracked: list[tuple[str, list[TrackedFeature]]],
    kinds: list[int],
) -> dict[int, float]:
    """Contributions with each word that a shared phrase or bigram covers in the need merged into it.

    A word stem is a component of a multi-word feature (thesaurus phrase or bigram) when one of its
    occurrences in the need lies inside an occurrence of that feature; it is merged into the component
    feature with the largest contribution, so "prédictive" is not listed next to "maintenance prédictive".
    The total is unchanged.
    """
    merged = dict(contributions)
    owner: dict[int, int] = {}
    for _, tracked in need_tracked:
        compounds = [
            item for item in tracked if kinds[item.feature] != UNIGRAM and item.feature in contributions
        ]
        if not compounds:
            continue
        for item in tracked:
            if kinds[item.feature] != UNIGRAM or item.feature not in contributions:
                continue
            for compound in compounds:
                if compound.start <= item.start and item.end <= compound.end:
                    current = owner.get(item.feature)
                    if current is None or contributions[compound.feature] > contributions[current]:
                        owner[item.feature] = compound.feature
    for word, compound in owner.items():
        merged[compound] += merged.pop(word)
    return merged


def _score(similarity: float, scale: float) -> float:
    """The 0–100 score shown to users: ``100 × (1 − exp(−similarity / scale))`` (see docs/matching.md)."""
    if scale <= 0:
        return round(100.0 * float(similarity), 4)
    return round(100.0 * -math.expm1(-float(similarity) / scale), 4)


def _crosses(need_axes: frozenset[int], team_axes: frozenset[int]) -> bool:
    return bool(need_axes) and bool(team_axes) and not need_axes & team_axes


def _mask_or_all(mask: np.ndarray | None, count: int) -> np.ndarray:
    return np.ones(count, dtype=bool) if mask is None else mask


def _top(scores: np.ndarray, top: int, members: np.ndarray | None, skip: Collection[int]) -> list[int]:
    """Indices of the ``top`` best positive scores among ``members`` but not ``skip``, best first."""
    scores = scores.copy()
    if members is not None:
        scores[~members] = 0.0
    scores[list(skip)] = 0.0
    candidates = np.flatnonzero(scores > 0)
    if len(candidates) > top:
        candidates = candidates[np.argpartition(-scores[candidates], top - 1)[:top]]
    return [int(i) for i in candidates[np.lexsort((candidates, -scores[candidates]))]]


def _group_sum(rows: csr_matrix, starts: np.ndarray) -> csr_matrix:
    """Sum of consecutive groups of rows (``starts[i]:starts[i + 1]``)."""
    groups = np.repeat(np.arange(len(starts) - 1), np.diff(starts))
    assign = csr_matrix(
        (np.ones(len(groups)), (groups, np.arange(len(groups)))), shape=(len(starts) - 1, rows.shape[0])
    )
    return (assign @ rows).tocsr()


def _ranges(starts: np.ndarray, slots: np.ndarray) -> np.ndarray:
    """Concatenation of ``range(starts[s], starts[s + 1])`` for each slot."""
    lengths = np.diff(starts)[slots]
    offsets = np.repeat(starts[slots] - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    return offsets + np.arange(int(lengths.sum()))


def _merge(block: _Block, pending: dict[str, _Entry | None], width: int) -> _Block:
    """A new block: the entries of ``block`` not in ``pending``, then the upserted ones (removals dropped)."""
    keep = np.asarray([i for i, key in enumerate(block.keys) if key not in pending], dtype=np.int64)
    added = [(key, entry) for key, entry in pending.items() if entry is not None]
    vectors = [widen(block.vectors, block.vectors.shape[0], width)[keep]]
    vectors += [widen(entry.vector, 1, width) for _, entry in added]
    piece_rows = _ranges(block.piece_start, keep)
    pieces = [widen(block.pieces, block.pieces.shape[0], width)[piece_rows]]
    pieces += [widen(entry.pieces, entry.pieces.shape[0], width) for _, entry in added]
    lengths = np.concatenate(
        [np.diff(block.piece_start)[keep], [entry.pieces.shape[0] for _, entry in added]]
    )
    return _Block(
        [block.keys[i] for i in keep] + [key for key, _ in added],
        vstack(vectors, format="csr"),
        vstack(pieces, format="csr"),
        np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
        [block.own_axes[i] for i in keep] + [entry.own_axes for _, entry in added],
        [block.suggested_axes[i] for i in keep] + [entry.suggested_axes for _, entry in added],
    )


def _pair_codes(
    pairs: Collection[tuple[str, str]],
    needs: _Block,
    teams: _Block,
    need_slots: np.ndarray,
    team_slots: np.ndarray,
) -> np.ndarray:
    """``position of need × number of teams + position of team`` for each excluded pair, sorted."""
    need_position = {int(slot): i for i, slot in enumerate(need_slots)}
    team_position = {int(slot): i for i, slot in enumerate(team_slots)}
    codes = []
    for need_key, team_key in pairs:
        need = need_position.get(needs.slot.get(need_key, -1))
        team = team_position.get(teams.slot.get(team_key, -1))
        if need is not None and team is not None:
            codes.append(need * len(team_slots) + team)
    return np.unique(np.asarray(codes, dtype=np.int64))


def _blocks(need_rows: csr_matrix, pieces_t: csr_matrix, most: int, work: int) -> list[tuple[int, int]]:
    """(start, end) of the blocks of needs of ``best_pairs``: at most ``most`` needs, and about ``work``
    postings (the lengths of the piece inverted-index rows of the needs' features, which is what the fused
    product walks) per block, so that no single native call holds the GIL for long (sparse_dot_topn does)."""
    total = need_rows.shape[0]
    postings = np.diff(pieces_t.indptr).astype(np.float64)[need_rows.indices]
    per_need = np.bincount(
        np.repeat(np.arange(total), np.diff(need_rows.indptr)), weights=postings, minlength=total
    )
    cumulative = np.cumsum(per_need + 1.0)
    blocks = []
    start = 0
    while start < total:
        reached = cumulative[start - 1] if start else 0.0
        end = int(np.searchsorted(cumulative, reached + max(work, 1), side="right"))
        end = min(max(end, start + 1), start + max(most, 1), total)
        blocks.append((start, end))
        start = end
    return blocks


def _team_maxima(piece_top: csr_matrix, piece_team: np.ndarray, teams: int) -> csr_matrix:
    """Best piece score of each team among the pieces kept for each row (rows × teams)."""
    rows = np.repeat(np.arange(piece_top.shape[0]), np.diff(piece_top.indptr))
    owners = piece_team[piece_top.indices]
    codes = rows * teams + owners
    order = np.lexsort((-piece_top.data, codes))
    codes = codes[order]
    kept = order[np.concatenate([[True], codes[1:] != codes[:-1]])]
    return csr_matrix((piece_top.data[kept], (rows[kept], owners[kept])), shape=(piece_top.shape[0], teams))


def _row_floor(top: csr_matrix, pool: int, complete: bool) -> np.ndarray:
    """Per row, a bound on every score the top-k product left out: its smallest kept score when the pool
    was filled, else 0 (nothing non-zero was left out; also when the pool held every column)."""
    counts = np.diff(top.indptr)
    floor = np.zeros(top.shape[0])
    filled = np.flatnonzero(counts == pool) if not complete and pool > 0 else np.zeros(0, dtype=np.int64)
    if len(filled):
        floor[filled] = np.minimum.reduceat(top.data, top.indptr[:-1][counts > 0])[
            np.searchsorted(np.flatnonzero(counts > 0), filled)
        ]
    return floor


def _settle_top(
    profile_top: csr_matrix,
    piece_max: csr_matrix,
    piece_top: csr_matrix,
    alpha: float,
    top: int,
    offset: int,
    excluded: np.ndarray,
    pools: tuple[int, int],
    complete: tuple[bool, bool],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Top ``top`` teams per row from partial top-k results, and which rows the bounds prove exact.

    A candidate's score is exact when each of its two parts was found or provably 0; otherwise its part
    is bounded by the row's floor. A row is settled when its chosen teams are exact and no other team
    (seen or unseen) can beat the last of them. Returns (row, column, score) sorted by row then score,
    and the settled flag per row.
    """
    rows_count, teams = profile_top.shape
    profile_floor = _row_floor(profile_top, pools[0], complete[0])
    piece_floor = _row_floor(piece_top, pools[1], complete[1])
    profile = profile_top.tocoo()
    piece = piece_max.tocoo()
    profile_codes = profile.row.astype(np.int64) * teams + profile.col
    piece_codes = piece.row.astype(np.int64) * teams + piece.col
    codes = np.sort(np.concatenate([profile_codes, piece_codes]))
    codes = codes[np.concatenate([[True], codes[1:] != codes[:-1]])]
    profile_part = np.full(len(codes), np.nan, dtype=np.float32)
    profile_part[np.searchsorted(codes, profile_codes)] = profile.data
    piece_part = np.full(len(codes), np.nan, dtype=np.float32)
    piece_part[np.searchsorted(codes, piece_codes)] = piece.data
    rows = codes // teams
    columns = codes % teams
    found_profile = ~np.isnan(profile_part)
    found_piece = ~np.isnan(piece_part)
    lower = alpha * np.where(found_profile, profile_part, 0.0) + (1 - alpha) * np.where(
        found_piece, piece_part, 0.0
    )
    upper = alpha * np.where(found_profile, profile_part, profile_floor[rows]) + (1 - alpha) * np.where(
        found_piece, piece_part, piece_floor[rows]
    )
    # float32 blend, as in _blend (teams_for_need): the same score to the last bit
    upper = np.where(found_profile & found_piece, lower, upper)
    allowed = (
        ~np.isin((rows + offset) * teams + columns, excluded) if len(excluded) else np.ones(len(codes), bool)
    )
    lower[~allowed] = -1.0
    upper[~allowed] = -1.0
    order = np.lexsort((columns, -lower, rows))
    rows, columns, lower, upper = rows[order], columns[order], lower[order], upper[order]
    row_start = np.searchsorted(rows, np.arange(rows_count))
    position = np.arange(len(rows)) - row_start[rows]
    chosen = (position < top) & (lower > 0)
    chosen_count = np.bincount(rows[chosen], minlength=rows_count)
    last = np.zeros(rows_count)
    full = chosen_count == top
    last[full] = lower[row_start[full] + top - 1]
    inexact = np.bincount(rows[chosen & (upper > lower)], minlength=rows_count)
    rival = np.zeros(rows_count)
    others = ~chosen & allowed[order]
    np.maximum.at(rival, rows[others], upper[others])
    unseen = alpha * profile_floor + (1 - alpha) * piece_floor
    settled = (inexact == 0) & (rival <= last) & (unseen <= last)
    return rows[chosen], columns[chosen], lower[chosen], settled
