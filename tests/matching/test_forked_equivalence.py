"""The engine on several processes gives the same vocabulary, matrices, rankings and explanations bit for
bit as on one process, whatever the corpus, the options, the history; failing forks and children,
cancellation and OpenMP threads leave no child behind and no hang (an adversarial review's cases)."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from enact_match.matching import (
    EngineOptions,
    MatchingCancelledError,
    MatchingEngine,
    NeedText,
    PublicationText,
    TeamText,
    Thesaurus,
)
from enact_match.matching import engine as engine_module
from enact_match.matching.analysis import TextAnalyzer
from enact_match.matching.forked import can_fork
from tests.matching.test_engine import NEEDS, TEAMS, _random_corpus
from tests.matching.test_forked import _Counting, _no_child_left

pytestmark = pytest.mark.skipif(not can_fork(), reason="work is shared with forked children on Linux only")


@pytest.fixture
def always_fork(monkeypatch: pytest.MonkeyPatch) -> _Counting:
    monkeypatch.setattr(engine_module, "_FORK_MIN_NEEDS", 1)
    monkeypatch.setattr(engine_module, "_FORK_MIN_TEAMS", 1)
    counting = _Counting()
    monkeypatch.setattr(engine_module, "Forked", counting)
    return counting


def _options(processes: int, **changes) -> EngineOptions:  # type: ignore[no-untyped-def]
    values = {"candidates": 3, "chunk_size": 29, "block_work": 400, "passage_min_words": 5}
    values.update(changes)
    return EngineOptions(processes=processes, **values)


def _vocabulary_state(engine: MatchingEngine) -> tuple:  # type: ignore[type-arg]
    vocabulary = engine._analyzer.vocabulary
    return list(vocabulary.names), vocabulary.kinds.tolist()


def _assert_same_index(one: MatchingEngine, many: MatchingEngine) -> None:
    assert _vocabulary_state(one) == _vocabulary_state(many)
    for block in ("_need_block", "_team_block"):
        a, b = getattr(one, block)(), getattr(many, block)()
        assert a.keys == b.keys
        assert np.array_equal(a.piece_start, b.piece_start)
        assert a.own_axes == b.own_axes
        assert a.suggested_axes == b.suggested_axes
        for matrix in ("vectors", "pieces"):
            x, y = getattr(a, matrix), getattr(b, matrix)
            assert x.shape == y.shape, (block, matrix)
            for part in ("indptr", "indices", "data"):
                assert np.array_equal(getattr(x, part), getattr(y, part)), (block, matrix, part)
                assert getattr(x, part).dtype == getattr(y, part).dtype
    assert np.array_equal(one._feature_weights(), many._feature_weights())
    assert np.array_equal(one._document_frequency, many._document_frequency)


def _columns(table) -> tuple:  # type: ignore[no-untyped-def,type-arg]
    return (table.need_keys, table.team_keys, table.scores, table.ranks, table.cross_axis)


def _assert_same_queries(one: MatchingEngine, many: MatchingEngine, top: int = 5) -> None:
    rng = random.Random(17)
    need_keys = list(one._need_texts)
    team_keys = list(one._team_texts)
    excluded = {(rng.choice(need_keys), rng.choice(team_keys)) for _ in range(3 * len(need_keys) + 1)}
    for axis in (None, 1, 2, 3):
        for pairs in ((), excluded):
            a = one.best_pair_table(top=top, axis=axis, excluded_pairs=pairs)
            b = many.best_pair_table(top=top, axis=axis, excluded_pairs=pairs)
            assert _columns(a) == _columns(b), (axis, bool(pairs))
    for key in need_keys:
        assert one.teams_for_need(key, top=top) == many.teams_for_need(key, top=top)
    for key in team_keys:
        assert one.needs_for_team(key, top=top) == many.needs_for_team(key, top=top)
    for need_key, team_key in list(zip(need_keys, team_keys * len(need_keys), strict=False))[:20]:
        assert one.explain(need_key, team_key) == many.explain(need_key, team_key)
        assert one.score_pair(need_key, team_key) == many.score_pair(need_key, team_key)
    for text in ("machine learning", "apprentissage automatique des réseaux", "w1 w2 w3", "", "zq1 w2 zq1"):
        assert one.suggest_axes(text) == many.suggest_axes(text)
        need = NeedText("adhoc", text[:10], text)
        assert one.teams_for_text(need, top=top) == many.teams_for_text(need, top=top)


def _fit_both(
    stopwords: frozenset[str],
    thesaurus: Thesaurus | None,
    needs,  # type: ignore[no-untyped-def]
    teams,  # type: ignore[no-untyped-def]
    processes: int,
    **changes,  # type: ignore[no-untyped-def]
) -> tuple[MatchingEngine, MatchingEngine]:
    one = MatchingEngine(thesaurus, _options(1, **changes), stopwords)
    many = MatchingEngine(thesaurus, _options(processes, **changes), stopwords)
    one.fit(needs, teams)
    many.fit(needs, teams)
    return one, many


def _mixed_corpus(seed: int, needs: int, teams: int) -> tuple[list[NeedText], list[TeamText]]:
    """Random texts with French and English thesaurus phrases, stop-word-only and empty texts, teams
    without publications or without any text, needs with keywords."""
    need_texts, team_texts = _random_corpus(seed, needs, teams, 120)
    rng = random.Random(seed)
    phrases = [
        "apprentissage automatique",
        "machine learning",
        "l'apprentissage automatique des réseaux",
        "time series",
        "séries temporelles",
        "predictive maintenance",
        "maintenance prédictive",
        "hydrogen storage",
        "stockage de l'hydrogène",
    ]
    stop_only = ["the of and to", "le la les de des et", "", "a an", "l' d' qu'"]
    for i in range(len(need_texts)):
        kind = rng.randrange(6)
        need = need_texts[i]
        if kind == 0:
            need_texts[i] = NeedText(need.key, rng.choice(stop_only), rng.choice(stop_only), axes=need.axes)
        elif kind == 1:
            need_texts[i] = NeedText(
                need.key,
                rng.choice(phrases),
                f"{need.description} {rng.choice(phrases)} nouveauté{i} neu{i}",
                keywords=(rng.choice(phrases), f"kw{i}"),
                axes=need.axes,
            )
        elif kind == 2:
            need_texts[i] = NeedText(need.key, "", "", axes=need.axes)
    for i in range(len(team_texts)):
        kind = rng.randrange(6)
        team = team_texts[i]
        if kind == 0:
            team_texts[i] = TeamText(team.key, "", axes=team.axes)
        elif kind == 1:
            team_texts[i] = TeamText(team.key, rng.choice(stop_only), keywords=(), axes=team.axes)
        elif kind == 2:
            team_texts[i] = TeamText(
                team.key,
                f"{team.statement}\n{rng.choice(phrases)} équipe{i} team{i}",
                keywords=(rng.choice(phrases),),
                publications=(
                    PublicationText(f"p{i}", rng.choice(phrases), f"{rng.choice(phrases)} pubword{i}", 2022),
                ),
                axes=team.axes,
            )
    # the last need and the last team keep words of their own (trailing rows without any feature are
    # test_a_last_need_or_piece_without_words_can_be_fitted)
    need_texts[-1] = NeedText(need_texts[-1].key, "last need w1", "w2 w3 apprentissage automatique")
    team_texts[-1] = TeamText(team_texts[-1].key, "last team w1 w3 machine learning", axes=frozenset({1}))
    return need_texts, team_texts


# ---------------------------------------------------------------------- fit and ranking, many corpora


@pytest.mark.parametrize("processes", [1, 2])
@pytest.mark.parametrize("last", ["need", "team"])
def test_a_last_need_or_piece_without_words_can_be_fitted(
    stopwords: frozenset[str], always_fork: _Counting, processes: int, last: str
) -> None:
    """On one process as on several: a last need, or a last piece of evidence, without any feature (stop
    words, digits, one-letter words only) is fitted (``sparse.weigh`` once called ``np.add.reduceat`` with
    an index equal to the length of the data and failed)."""
    needs = [NeedText("n1", "solar panels", "cheap solar panels")]
    teams = [TeamText("t1", "solar energy research")]
    if last == "need":
        needs.append(NeedText("n2", "the 2", "of a"))
    else:
        teams.append(TeamText("t2", "the of and 42"))
    engine = MatchingEngine(None, _options(processes), stopwords)
    engine.fit(needs, teams)
    assert engine.teams_for_need("n1", explain=False)[0].team_key == "t1"


@pytest.mark.parametrize("processes", [2, 3, 4])
@pytest.mark.parametrize(
    ("needs", "teams"),
    [(1, 1), (2, 5), (3, 1), (5, 3), (40, 1), (60, 25)],
)
def test_tiny_and_uneven_corpora_give_the_same_index_and_queries(
    stopwords: frozenset[str],
    thesaurus: Thesaurus,
    always_fork: _Counting,
    processes: int,
    needs: int,
    teams: int,
) -> None:
    need_texts, team_texts = _mixed_corpus(needs * 31 + teams, needs, teams)
    one, many = _fit_both(stopwords, thesaurus, need_texts, team_texts, processes)
    assert always_fork.forks == 1  # the fit's child
    _assert_same_index(one, many)
    _assert_same_queries(one, many)
    assert _no_child_left()


@pytest.mark.parametrize(
    "changes",
    [
        {"bigrams": False},
        {"title_repeats": 0},
        {"title_repeats": 2},
        {"profile_centroid": True},
        {"candidates": 1, "block_work": 1, "chunk_size": 1},
        {"candidates": 50, "block_work": 10**9, "chunk_size": 4096},
        {"sublinear_tf": False, "profile_weight": 1.0},
    ],
    ids=str,
)
def test_options_give_the_same_index_and_queries(
    stopwords: frozenset[str], thesaurus: Thesaurus, always_fork: _Counting, changes: dict
) -> None:
    need_texts, team_texts = _mixed_corpus(5, 90, 40)
    one, many = _fit_both(stopwords, thesaurus, need_texts, team_texts, 3, **changes)
    _assert_same_index(one, many)
    _assert_same_queries(one, many)
    assert _no_child_left()


def test_the_golden_bilingual_corpus_gives_the_same_index_and_queries(
    stopwords: frozenset[str], thesaurus: Thesaurus, always_fork: _Counting
) -> None:
    one, many = _fit_both(stopwords, thesaurus, NEEDS, TEAMS, 4)
    _assert_same_index(one, many)
    _assert_same_queries(one, many)


def test_without_thesaurus_nor_stop_words(always_fork: _Counting) -> None:
    need_texts, team_texts = _mixed_corpus(8, 50, 20)
    one = MatchingEngine(None, _options(1))
    many = MatchingEngine(None, _options(3))
    one.fit(need_texts, team_texts)
    many.fit(need_texts, team_texts)
    _assert_same_index(one, many)
    _assert_same_queries(one, many)


def test_empty_fits(stopwords: frozenset[str], thesaurus: Thesaurus, always_fork: _Counting) -> None:
    need_texts, team_texts = _mixed_corpus(9, 10, 10)
    for needs, teams in (([], team_texts), (need_texts, []), ([], [])):
        one, many = _fit_both(stopwords, thesaurus, needs, teams, 2)
        _assert_same_index(one, many)
        assert _columns(one.best_pair_table(top=3)) == _columns(many.best_pair_table(top=3))
    assert _no_child_left()


def test_batches_of_the_fit_cut_across_the_split(
    stopwords: frozenset[str], thesaurus: Thesaurus, always_fork: _Counting, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of 7 texts: the parent's first needs, the need batch that holds the split, the child's
    needs and the teams' batches, all over several batches; when the evidence weighs more than half, the
    parent's needs and first teams, the team batch that holds the split, the child's teams."""
    monkeypatch.setattr(engine_module, "_ANALYSIS_BATCH", 7)
    need_texts, team_texts = _mixed_corpus(10, 83, 37)
    # the split moves through the needs (at 42, 53, 71 of 83), then into the teams (at 11, 19, 20 of 37)
    for cost in (0.0, 0.3, 1.2, 3.0, 8.0, 50.0):
        monkeypatch.setattr(engine_module, "_EVIDENCE_COST", cost)
        progress_one: list[tuple[int, int]] = []
        progress_many: list[tuple[int, int]] = []
        one = MatchingEngine(thesaurus, _options(1), stopwords)
        many = MatchingEngine(thesaurus, _options(2), stopwords)
        one.fit(
            need_texts, team_texts, progress=lambda done, total, seen=progress_one: seen.append((done, total))
        )
        many.fit(
            need_texts,
            team_texts,
            progress=lambda done, total, seen=progress_many: seen.append((done, total)),
        )
        assert progress_one == progress_many
        _assert_same_index(one, many)
        _assert_same_queries(one, many)


def test_many_new_bigrams_on_both_sides_of_the_split(
    stopwords: frozenset[str], always_fork: _Counting
) -> None:
    """More than 64 new bigrams per batch (sorted codes, not the small dict) in the parent's needs, in the
    child's needs and in the evidence, many shared by both halves and many new to each."""
    rng = random.Random(4)
    words = [f"x{i}" for i in range(400)]
    need_texts = [
        NeedText(f"n{i}", " ".join(rng.choices(words, k=3)), " ".join(rng.choices(words, k=80)))
        for i in range(120)
    ]
    team_texts = [TeamText(f"t{i}", " ".join(rng.choices(words, k=200))) for i in range(30)]
    for processes in (2, 4):
        one, many = _fit_both(stopwords, None, need_texts, team_texts, processes)
        _assert_same_index(one, many)
        assert _columns(one.best_pair_table(top=5)) == _columns(many.best_pair_table(top=5))


# ---------------------------------------------------------------------- after the fit


def test_upserts_and_removals_after_a_shared_fit(
    stopwords: frozenset[str], thesaurus: Thesaurus, always_fork: _Counting
) -> None:
    need_texts, team_texts = _mixed_corpus(12, 80, 30)
    one, many = _fit_both(stopwords, thesaurus, need_texts, team_texts, 3)
    # query once (the blocks and the bound index are cached), then change both sides with new words
    assert _columns(one.best_pair_table(top=4)) == _columns(many.best_pair_table(top=4))
    changes = [
        (
            "team",
            TeamText("t-new", "zz1 zz2 w1 w2 w3\nzz3 w4 w5 apprentissage automatique", keywords=("zz1",)),
        ),
        ("need", NeedText("n-new", "zz1 zz2", "zz3 w1 w4 zz9 machine learning of networks")),
        ("need", NeedText("n3", "brand new title yy1", "yy2 yy3 yy1 w7")),
        ("team", TeamText("t4", "replaced yy2 yy3 w9", axes=frozenset({2}))),
        ("remove_team", "t5"),
        ("remove_need", "n7"),
        ("team", TeamText("t-empty", "")),
        ("need", NeedText("n-stop", "the of", "le la les")),
    ]
    for kind, item in changes:
        for engine in (one, many):
            if kind == "team":
                engine.upsert_team(item)
            elif kind == "need":
                engine.upsert_need(item)
            elif kind == "remove_team":
                engine.remove_team(item)
            else:
                engine.remove_need(item)
        _assert_same_index(one, many)
    _assert_same_queries(one, many)
    table = many.best_pair_table(top=4)
    assert ("n-new", "t-new") in set(zip(table.need_keys, table.team_keys, strict=True))
    assert _no_child_left()


def test_a_second_fit_on_the_same_engine(
    stopwords: frozenset[str], thesaurus: Thesaurus, always_fork: _Counting
) -> None:
    first_needs, first_teams = _mixed_corpus(13, 50, 20)
    second_needs, second_teams = _mixed_corpus(14, 70, 30)
    one, many = _fit_both(stopwords, thesaurus, first_needs, first_teams, 2)
    many.upsert_need(NeedText("n-up", "qq1 qq2", "qq3"))
    one.upsert_need(NeedText("n-up", "qq1 qq2", "qq3"))
    one.fit(second_needs, second_teams)
    many.fit(second_needs, second_teams)
    _assert_same_index(one, many)
    _assert_same_queries(one, many)
    # and the same corpus again (every feature already known: the child adds nothing)
    one.fit(second_needs, second_teams)
    many.fit(second_needs, second_teams)
    _assert_same_index(one, many)
    _assert_same_queries(one, many)


def test_a_cancelled_shared_fit_leaves_the_same_vocabulary_as_one_process(
    stopwords: frozenset[str], thesaurus: Thesaurus, always_fork: _Counting, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancelled after the first batches of needs, then fitted again: the two engines have had the same
    history, so the ids and the matrices are the same. (A cancelled fit forgets what it analysed: on
    several processes the first batch that reaches the child's needs adopts all of the child's
    features before the cancellation is seen.)"""
    monkeypatch.setattr(engine_module, "_ANALYSIS_BATCH", 10)
    need_texts, team_texts = _mixed_corpus(15, 30, 20)
    one = MatchingEngine(thesaurus, _options(1), stopwords)
    many = MatchingEngine(thesaurus, _options(2), stopwords)
    for engine in (one, many):
        calls = iter([False] + [False] * 3 + [True])
        with pytest.raises(MatchingCancelledError):
            engine.fit(need_texts, team_texts, cancelled=calls.__next__)
    assert _no_child_left()
    for engine in (one, many):
        engine.fit(need_texts[:5] + need_texts[-1:], team_texts[:5] + team_texts[-1:])
    _assert_same_index(one, many)


# ---------------------------------------------------------------------- failing children


def test_a_failing_fit_child_is_recomputed_in_the_parent_with_the_same_ids(
    stopwords: frozenset[str], thesaurus: Thesaurus, always_fork: _Counting, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    tail = engine_module._FitFeatures._tail

    def failing(engine, needs, teams):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            raise RuntimeError("lost in the child")
        return tail(engine, needs, teams)

    monkeypatch.setattr(engine_module._FitFeatures, "_tail", staticmethod(failing))
    need_texts, team_texts = _mixed_corpus(16, 70, 30)
    one, many = _fit_both(stopwords, thesaurus, need_texts, team_texts, 2)
    assert always_fork.forks == 1
    _assert_same_index(one, many)
    _assert_same_queries(one, many)
    assert _no_child_left()


@pytest.mark.parametrize("failure", ["raise", "kill", "exit"])
def test_a_failing_ranking_child_is_recomputed_in_the_parent(
    stopwords: frozenset[str],
    thesaurus: Thesaurus,
    always_fork: _Counting,
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
) -> None:
    need_texts, team_texts = _mixed_corpus(18, 90, 30)
    one, many = _fit_both(stopwords, thesaurus, need_texts, team_texts, 4)
    expected = [_columns(one.best_pair_table(top=5, axis=axis)) for axis in (None, 2)]
    parent = os.getpid()
    rank = engine_module._PairRanking.rank

    def failing(self, first, last, report):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            if failure == "raise":
                raise MemoryError
            if failure == "kill":
                os.kill(os.getpid(), 9)
            os._exit(0)  # leaves "successfully" without writing anything
        return rank(self, first, last, report)

    monkeypatch.setattr(engine_module._PairRanking, "rank", failing)
    forks = always_fork.forks
    assert [_columns(many.best_pair_table(top=5, axis=axis)) for axis in (None, 2)] == expected
    assert always_fork.forks > forks
    assert _no_child_left()


def test_progress_of_a_shared_ranking_counts_up_to_the_total_once_all_shares_are_in(
    stopwords: frozenset[str], thesaurus: Thesaurus, always_fork: _Counting
) -> None:
    need_texts, team_texts = _mixed_corpus(19, 120, 30)
    _, many = _fit_both(stopwords, thesaurus, need_texts, team_texts, 3)
    calls: list[tuple[int, int]] = []
    many.best_pair_table(top=3, progress=lambda done, total: calls.append((done, total)))
    assert calls
    assert all(total == 120 for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[-1] == (120, 120)


def test_cancelling_while_waiting_for_the_children_leaves_no_child(
    stopwords: frozenset[str],
    thesaurus: Thesaurus,
    always_fork: _Counting,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Three shares; ``cancelled()`` turns True (a flag file, seen by every process) once this process
    has ranked its own share, while the two slower children still work: MatchingCancelledError, and
    every child is killed and waited for."""
    need_texts, team_texts = _mixed_corpus(20, 120, 30)
    _, many = _fit_both(stopwords, thesaurus, need_texts, team_texts, 3)
    flag = tmp_path / "cancel"
    parent = os.getpid()
    rank = engine_module._PairRanking.rank

    def slow_children(self, first, last, report):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            while not flag.exists():
                time.sleep(0.01)
            return rank(self, first, last, report)
        table = rank(self, first, last, report)
        flag.touch()
        return table

    monkeypatch.setattr(engine_module._PairRanking, "rank", slow_children)
    with pytest.raises(MatchingCancelledError):
        many.best_pair_table(top=3, cancelled=flag.exists)
    assert always_fork.forks == 1 + 2
    time.sleep(0.5)
    left = _no_child_left()
    while not _no_child_left():  # reap it, not to disturb the next tests
        os.waitpid(-1, 0)
    assert left


# ---------------------------------------------------------------------- Vocabulary.adopt


def _analyzer(thesaurus: Thesaurus | None, stopwords: frozenset[str], bigrams: bool = True) -> TextAnalyzer:
    return MatchingEngine(thesaurus, EngineOptions(bigrams=bigrams), stopwords)._analyzer


@pytest.mark.parametrize("bigrams", [True, False])
def test_adopt_gives_the_ids_of_one_analysis_when_both_sides_created_the_same_features(
    stopwords: frozenset[str], thesaurus: Thesaurus, bigrams: bool
) -> None:
    """The parent analyses ``head`` while a copy analyses ``tail``; both create many of the same stems and
    bigrams (more than 64 bigrams: the sorted codes), and concepts of the thesaurus."""
    rng = random.Random(7)
    words = [f"v{i}" for i in range(150)] + ["apprentissage", "automatique", "machine", "learning"]
    head = [" ".join(rng.choices(words, k=rng.randint(0, 40))) for _ in range(40)]
    tail = [
        " ".join(rng.choices(words + [f"u{i}" for i in range(60)], k=rng.randint(0, 40))) for _ in range(40)
    ]
    head[3] = "apprentissage automatique v1 v2"
    tail[5] = "machine learning v2 v1 v77"
    languages = ["en"] * 40

    single = _analyzer(thesaurus, stopwords, bigrams)
    single.features_batch(head, languages)
    expected = single.features_batch(tail, languages)

    parent = _analyzer(thesaurus, stopwords, bigrams)
    child = _analyzer(thesaurus, stopwords, bigrams)  # the copy: same state as the parent at the fork
    feature_since, key_since = len(child.vocabulary), child.vocabulary.stem_count
    found = child.features_batch(tail, languages)
    portable = child.vocabulary.portable(found[0], found[1], feature_since, key_since)
    parent.features_batch(head, languages)
    features, text_of = parent.vocabulary.adopt(portable)

    assert np.array_equal(features, expected[0])
    assert np.array_equal(text_of, expected[1])
    assert list(parent.vocabulary.names) == list(single.vocabulary.names)
    assert parent.vocabulary.kinds.tolist() == single.vocabulary.kinds.tolist()
    # later analyses see the adopted stems and bigrams (no duplicate feature)
    more = ["v1 v2 u3 u4 brandnew", "machine learning u5 v9"]
    assert np.array_equal(
        parent.features_batch(more, ["en", "en"])[0], single.features_batch(more, ["en", "en"])[0]
    )
    assert list(parent.vocabulary.names) == list(single.vocabulary.names)


def test_adopt_of_concepts_the_parent_does_not_know(stopwords: frozenset[str]) -> None:
    """A copy that created a concept (a phrase added after the fork) hands it over by name."""
    parent = _analyzer(None, stopwords)
    child = _analyzer(None, stopwords)
    feature_since, key_since = len(child.vocabulary), child.vocabulary.stem_count
    child.vocabulary.concept("C-late")
    features = np.array([child.vocabulary.unigram("word"), child.vocabulary.concept("C-late")])
    portable = child.vocabulary.portable(features, np.array([0, 0]), feature_since, key_since)
    parent.vocabulary.concept("C-parent")
    ids, _ = parent.vocabulary.adopt(portable)
    assert [parent.vocabulary.name(int(i)) for i in ids] == ["word", "C-late"]
    assert parent.vocabulary.concept("C-late") == int(ids[1])
    assert parent.vocabulary.concept("C-parent") == 0


# ---------------------------------------------------------------------- OpenMP and fork failures

_SECOND_RANKING = textwrap.dedent(
    """
    from enact_match.matching import EngineOptions, MatchingEngine
    from enact_match.matching import engine as engine_module
    from tests.matching.test_engine import _random_corpus

    engine_module._FORK_MIN_NEEDS = 10
    needs, teams = _random_corpus(3, 2200, 30, 300)
    # blocks of more than 1,024 needs: the sparse top-k product runs on 2 OpenMP threads
    engine = MatchingEngine(None, EngineOptions(processes=2, block_work=10**9, threads={threads}))
    engine.fit(needs, teams)
    first = engine.best_pair_table(top=5)
    second = engine.best_pair_table(top=5)
    assert first == second
    print("done")
    """
)


@pytest.mark.parametrize("threads", [1, 2])
def test_a_second_shared_ranking_with_openmp_threads_finishes(threads: int) -> None:
    """sparse_dot_topn runs on GNU libgomp, which is not fork-safe: once this process has run an OpenMP
    parallel region (blocks of >= 1,024 needs with ``threads=2``), a forked child that starts one waits
    forever for the pool's threads, which do not exist in the child. A shared ranking therefore uses no
    OpenMP threads: a second shared ranking finishes like the first."""
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [sys.executable, "-c", _SECOND_RANKING.format(threads=threads)],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the script and its hung child
        process.communicate()
        pytest.fail("the second best_pair_table on two processes hangs (forked child stuck in libgomp)")
    assert process.returncode == 0, err
    assert out.strip() == "done"


def _fork_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def fork() -> int:
        raise OSError(errno.ENOMEM, "Cannot allocate memory")

    monkeypatch.setattr(os, "fork", fork)


def test_a_fit_whose_fork_fails_is_computed_in_this_process(
    stopwords: frozenset[str], thesaurus: Thesaurus, always_fork: _Counting, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``os.fork`` can fail (ENOMEM under strict overcommit with a 2 GB parent, EAGAIN at RLIMIT_NPROC):
    the work is then done in this process, with the same result."""
    need_texts, team_texts = _mixed_corpus(21, 40, 20)
    one = MatchingEngine(thesaurus, _options(1), stopwords)
    one.fit(need_texts, team_texts)
    many = MatchingEngine(thesaurus, _options(2), stopwords)
    _fork_fails(monkeypatch)
    many.fit(need_texts, team_texts)
    _assert_same_index(one, many)


def test_a_ranking_whose_second_fork_fails_leaves_no_child_and_gives_the_table(
    stopwords: frozenset[str], thesaurus: Thesaurus, always_fork: _Counting, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four shares: the first fork works, the second fails: that share is ranked here, the table is the
    same, and no child is left."""
    need_texts, team_texts = _mixed_corpus(22, 120, 30)
    one, many = _fit_both(stopwords, thesaurus, need_texts, team_texts, 4)
    expected = _columns(one.best_pair_table(top=3))
    real_fork = os.fork
    forks = {"count": 0}

    def fork() -> int:
        forks["count"] += 1
        if forks["count"] == 2:
            raise OSError(errno.EAGAIN, "Resource temporarily unavailable")
        return real_fork()

    monkeypatch.setattr(os, "fork", fork)
    try:
        found = _columns(many.best_pair_table(top=3))
    except OSError:
        found = None
    left = _no_child_left()
    while not _no_child_left():
        os.waitpid(-1, 0)
    assert left
    assert found == expected
