"""Work shared with forked children: results, failures, cancellation, and the engine on several processes."""

from __future__ import annotations

import os
import random
import time

import numpy as np
import pytest

from enact_match.matching import (
    EngineOptions,
    MatchingCancelledError,
    MatchingEngine,
    NeedText,
    PairTable,
    Thesaurus,
)
from enact_match.matching import engine as engine_module
from enact_match.matching.forked import Forked, can_fork
from tests.matching.test_engine import _random_corpus

pytestmark = pytest.mark.skipif(not can_fork(), reason="work is shared with forked children on Linux only")


def _no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_a_child_computes_the_result_in_another_process() -> None:
    parent = os.getpid()
    child = Forked(os.getpid)
    found = child.result()
    assert found != parent
    assert _no_child_left()


@pytest.mark.parametrize("failure", ["raise", "exit", "kill"])
def test_when_the_child_fails_its_share_is_computed_in_the_parent(failure: str) -> None:
    parent = os.getpid()

    def work() -> str:
        if os.getpid() != parent:
            if failure == "raise":
                raise RuntimeError("lost in the child")
            if failure == "exit":
                os._exit(3)
            os.kill(os.getpid(), 9)
        return "computed in the parent"

    assert Forked(work).result() == "computed in the parent"
    assert _no_child_left()


def _shared_ranking(
    stopwords: frozenset[str],
    thesaurus: Thesaurus,
    monkeypatch: pytest.MonkeyPatch,
    seed: int,
    needs: int,
    processes: int,
) -> tuple[MatchingEngine, PairTable]:
    """An engine fitted on a random corpus that shares its rankings, and its best pairs (top 5)."""
    monkeypatch.setattr(engine_module, "_FORK_MIN_NEEDS", 10)
    engine = _engine(stopwords, thesaurus, processes)
    engine.fit(*_random_corpus(seed, needs, 80, 300))
    return engine, engine.best_pair_table(top=5)


def test_each_share_is_finished_by_the_process_that_ranked_it_and_the_parts_come_in_need_order(
    stopwords: frozenset[str], thesaurus: Thesaurus, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine, whole = _shared_ranking(stopwords, thesaurus, monkeypatch, 23, 400, 3)
    parent = os.getpid()

    def finish(table):  # type: ignore[no-untyped-def]
        time.sleep(0.01)  # (so that the children take shares too)
        return os.getpid(), table

    parts = engine.best_pair_parts(finish, top=5)
    assert len(parts) == 3 * engine_module._SHARES_PER_PROCESS
    assert parent in {pid for pid, _ in parts} and len({pid for pid, _ in parts}) > 1
    assert [key for _, table in parts for key in table.need_keys] == whole.need_keys
    assert [score for _, table in parts for score in table.scores] == whole.scores
    assert [rank for _, table in parts for rank in table.ranks] == whole.ranks
    assert engine.best_pair_parts(len, top=0) == []
    assert _no_child_left()


def test_the_shares_a_failed_child_had_taken_are_ranked_in_the_parent(
    stopwords: frozenset[str], thesaurus: Thesaurus, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine, whole = _shared_ranking(stopwords, thesaurus, monkeypatch, 24, 300, 2)
    parent = os.getpid()

    def finish(table):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            os._exit(3)  # the child dies after taking its first share
        time.sleep(0.01)
        return table

    parts = engine.best_pair_parts(finish, top=5)
    assert [key for table in parts for key in table.need_keys] == whole.need_keys
    assert [score for table in parts for score in table.scores] == whole.scores
    assert _no_child_left()


def test_a_task_queue_gives_each_number_once_to_whichever_process_asks() -> None:
    from enact_match.matching.forked import TaskQueue

    queue = TaskQueue(500)

    def take_all() -> list[int]:
        taken = []
        while (number := queue.take()) is not None:
            taken.append(number)
            time.sleep(0.0005)
        return taken

    children = [Forked(take_all) for _ in range(2)]
    mine = take_all()
    theirs = [child.result() for child in children]
    queue.close()
    everything = sorted(mine + theirs[0] + theirs[1])
    assert everything == list(range(500))
    assert mine and all(theirs)  # all three took some
    empty = TaskQueue(0)
    assert empty.take() is None
    empty.close()
    with pytest.raises(ValueError):
        TaskQueue(TaskQueue._MOST + 1)
    full = TaskQueue(TaskQueue._MOST)
    assert [full.take() for _ in range(3)] == [0, 1, 2]
    full.close()


def test_cancel_stops_a_busy_child_at_once() -> None:
    parent = os.getpid()

    def work() -> None:
        if os.getpid() != parent:
            time.sleep(60)

    child = Forked(work)
    started = time.monotonic()
    child.cancel()
    assert time.monotonic() - started < 5
    assert _no_child_left()


class _Counting:
    """Counts the children the engine forks (the real Forked underneath)."""

    def __init__(self) -> None:
        self.forks = 0

    def __call__(self, work):  # type: ignore[no-untyped-def]
        self.forks += 1
        return Forked(work)


def _engine(stopwords: frozenset[str], thesaurus: Thesaurus, processes: int) -> MatchingEngine:
    options = EngineOptions(
        candidates=3, chunk_size=29, block_work=400, passage_min_words=5, processes=processes
    )
    return MatchingEngine(thesaurus, options, stopwords)


def test_several_processes_give_the_same_index_and_pairs_bit_for_bit(
    stopwords: frozenset[str], thesaurus: Thesaurus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "_FORK_MIN_NEEDS", 10)
    monkeypatch.setattr(engine_module, "_FORK_MIN_TEAMS", 10)
    counting = _Counting()
    monkeypatch.setattr(engine_module, "Forked", counting)
    needs, teams = _random_corpus(21, 300, 120, 400)
    # French and English words, elisions and a thesaurus phrase, in both halves of the texts
    needs[5] = NeedText("n5", "Apprentissage automatique", "l'apprentissage automatique des réseaux w1 w2")
    needs[-3] = NeedText("n297", "Machine learning", "machine learning of the networks w3 w1")
    rng = random.Random(3)
    excluded = {(f"n{rng.randrange(300)}", f"t{rng.randrange(120)}") for _ in range(200)}
    found = {}
    for processes in (1, 3):
        engine = _engine(stopwords, thesaurus, processes)
        engine.fit(needs, teams)
        found[processes] = (
            engine,
            engine.best_pair_table(top=7, excluded_pairs=excluded),
            engine.best_pair_table(top=4, axis=2),
        )
    # fit: one child for the texts; each best_pair_table: two children (three shares)
    assert counting.forks == 1 + 2 + 2
    one, three = found[1][0], found[3][0]
    assert list(one._analyzer.vocabulary.names) == list(three._analyzer.vocabulary.names)
    for block in ("_needs", "_teams"):
        for matrix in ("vectors", "pieces"):
            a, b = getattr(getattr(one, block), matrix), getattr(getattr(three, block), matrix)
            assert a.shape == b.shape
            for part in ("indptr", "indices", "data"):
                assert np.array_equal(getattr(a, part), getattr(b, part))
    for single, shared in zip(found[1][1:], found[3][1:], strict=True):
        assert len(single) > 0
        assert (single.need_keys, single.team_keys, single.scores, single.ranks, single.cross_axis) == (
            shared.need_keys,
            shared.team_keys,
            shared.scores,
            shared.ranks,
            shared.cross_axis,
        )
    assert one.suggest_axes("machine learning") == three.suggest_axes("machine learning")
    assert _no_child_left()


def test_cancelling_a_shared_fit_or_ranking_leaves_no_child_and_the_old_index(
    stopwords: frozenset[str], thesaurus: Thesaurus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "_FORK_MIN_NEEDS", 10)
    monkeypatch.setattr(engine_module, "_FORK_MIN_TEAMS", 10)
    needs, teams = _random_corpus(22, 200, 80, 300)
    engine = _engine(stopwords, thesaurus, 2)
    engine.fit(needs[:50], teams)
    before = engine.best_pair_table(top=3)
    with pytest.raises(MatchingCancelledError):
        engine.fit(needs, teams, progress=lambda done, total: None, cancelled=iter([False, True]).__next__)
    assert _no_child_left()
    assert engine.best_pair_table(top=3) == before
    engine.fit(needs, teams)
    with pytest.raises(MatchingCancelledError):
        engine.best_pair_table(top=3, cancelled=lambda: True)
    assert _no_child_left()


def test_progress_of_a_shared_ranking_ends_at_the_total(
    stopwords: frozenset[str], thesaurus: Thesaurus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "_FORK_MIN_NEEDS", 10)
    needs, teams = _random_corpus(23, 150, 60, 200)
    engine = _engine(stopwords, thesaurus, 2)
    engine.fit(needs, teams)
    calls: list[tuple[int, int]] = []
    engine.best_pair_table(top=3, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (150, 150)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
