"""Speed and memory of the matching engine against a naive scikit-learn peer, on generated texts.

Texts are generated (no data needed): a vocabulary of a few thousand pseudo-words drawn with a Zipf law,
each text mixing general words with the words of a few topics, so needs and teams share topics. Each case
runs in a fresh process so that its peak memory (``ru_maxrss``) is its own.

    .venv/bin/python benchmarks/bench_engine.py            # 10k × 2k and 100k × 20k
    .venv/bin/python benchmarks/bench_engine.py --quick    # 2k × 400 and 10k × 2k
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from enact_match.matching import load_stopwords

if TYPE_CHECKING:
    from enact_match.matching import MatchingEngine

STOPWORDS = Path(__file__).resolve().parent.parent / "resources" / "stopwords"
STOP_HEAD = 150
SEED = 20240611
VOCABULARY = 4000
TOPICS = 300
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "tr",
    "ne",
    "su",
    "vo",
    "ra",
    "pe",
    "di",
    "gu",
    "zo",
    "an",
    "el",
    "ir",
    "ou",
    "ch",
    "st",
]
# The naive peer's dense needs × teams matrix is refused above this many cells (16 GB for 100k × 20k).
DENSE_LIMIT = 50_000_000


def make_words(count: int, rng: random.Random) -> list[str]:
    found: set[str] = set()
    while len(found) < count:
        found.add("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
    return sorted(found)


class TextGenerator:
    """Zipf-distributed general words mixed with topic words."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        # The most frequent words of real text are function words: the head of the Zipf law is made of
        # the project's stop words, as in the French and English texts the engine receives.
        self.words = np.array(sorted(load_stopwords(STOPWORDS))[:STOP_HEAD] + make_words(VOCABULARY, rng))
        weights = 1.0 / np.arange(1, len(self.words) + 1) ** 1.05
        self.general = weights / weights.sum()
        self.topics = [rng.sample(range(VOCABULARY), 25) for _ in range(TOPICS)]
        self.rng = np.random.default_rng(seed)

    def text(self, words: int, topics: list[int]) -> str:
        general = self.rng.choice(len(self.words), size=words // 2, p=self.general)
        topical = [
            STOP_HEAD + self.topics[t][i]
            for t in topics
            for i in self.rng.integers(0, 25, size=words // (2 * len(topics)))
        ]
        picked = np.concatenate([general, np.asarray(topical, dtype=np.int64)])
        self.rng.shuffle(picked)
        return " ".join(self.words[picked])

    def topics_of(self) -> list[int]:
        return [int(t) for t in self.rng.integers(0, TOPICS, size=2)]


def generate(needs: int, teams: int) -> tuple[list, list]:
    from enact_match.matching import NeedText, PublicationText, TeamText

    generator = TextGenerator(SEED)
    team_texts = []
    for i in range(teams):
        topics = generator.topics_of()
        statement = "\n".join(generator.text(60, topics) for _ in range(3))
        publications = tuple(
            PublicationText(f"p{i}-{j}", generator.text(10, topics[:1]), generator.text(80, topics[:1]))
            for j in range(int(generator.rng.integers(0, 4)))
        )
        team_texts.append(TeamText(f"t{i}", statement, publications=publications))
    need_texts = []
    for i in range(needs):
        topics = generator.topics_of()
        need_texts.append(NeedText(f"n{i}", generator.text(8, topics[:1]), generator.text(60, topics)))
    return need_texts, team_texts


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best_pairs_on_a_worker(engine: MatchingEngine) -> tuple[list, float]:
    """``best_pairs(top=10)`` on a worker thread, as the application runs it, and the longest stall of the
    main thread meanwhile (a loop of 1 ms sleeps: a native call that holds the GIL delays it)."""
    import threading

    found: list = []
    worker = threading.Thread(target=lambda: found.extend(engine.best_pairs(top=10)))
    worker.start()
    longest = 0.0
    last = time.perf_counter()
    while worker.is_alive():
        time.sleep(0.001)
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    worker.join()
    return found, longest


def run_engine(needs: int, teams: int) -> dict[str, float]:
    from enact_match.matching import MatchingEngine

    need_texts, team_texts = generate(needs, teams)
    base = peak_mb()
    engine = MatchingEngine(None, stopwords=load_stopwords(STOPWORDS))
    started = time.perf_counter()
    engine.fit(need_texts, team_texts)
    fitted = time.perf_counter()
    pairs, stall = best_pairs_on_a_worker(engine)
    done = time.perf_counter()
    result = {"fit_s": fitted - started, "best_pairs_s": done - fitted, "pairs": len(pairs)}
    result["stall_ms"] = stall * 1000
    result["peak_mb"] = peak_mb() - base
    keys = [need.key for need in need_texts[:300]]
    for explain in (False, True):
        timings = []
        for key in keys:
            began = time.perf_counter()
            engine.teams_for_need(key, top=10, explain=explain)
            timings.append((time.perf_counter() - began) * 1000)
        label = "explained" if explain else "plain"
        result[f"{label}_median_ms"] = float(np.median(timings))
        result[f"{label}_p99_ms"] = float(np.percentile(timings, 99))
    return result


def run_naive(needs: int, teams: int) -> dict[str, float]:
    """scikit-learn defaults: TfidfVectorizer, dense cosine_similarity, full argsort."""
    if needs * teams > DENSE_LIMIT:
        return {"out_of_reach": 1.0}
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    need_texts, team_texts = generate(needs, teams)
    base = peak_mb()
    started = time.perf_counter()
    cpu_started = time.process_time()
    vectorizer = TfidfVectorizer()
    team_documents = [
        "\n".join([t.statement, *(f"{p.title}\n{p.abstract}" for p in t.publications)]) for t in team_texts
    ]
    vectorizer.fit(team_documents + [f"{n.title}\n{n.description}" for n in need_texts])
    team_matrix = vectorizer.transform(team_documents)
    need_matrix = vectorizer.transform([f"{n.title}\n{n.description}" for n in need_texts])
    fitted = time.perf_counter()
    similarity = cosine_similarity(need_matrix, team_matrix)
    best = np.argsort(-similarity, axis=1)[:, :10]
    done = time.perf_counter()
    return {
        "fit_s": fitted - started,
        "best_pairs_s": done - fitted,
        # CPU time of the whole peer (vectorise + rank): less sensitive to other jobs than wall time
        "cpu_s": time.process_time() - cpu_started,
        "pairs": float(best.size),
        "peak_mb": peak_mb() - base,
    }


def measure(case: str, needs: int, teams: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--case", case, "--needs", str(needs), "--teams", str(teams)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (2k × 400 and 10k × 2k)")
    parser.add_argument("--case", choices=["engine", "naive"], help=argparse.SUPPRESS)
    parser.add_argument("--needs", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--teams", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        runner = run_engine if args.case == "engine" else run_naive
        print(json.dumps(runner(args.needs, args.teams)))
        return
    sizes = [(2_000, 400), (10_000, 2_000)] if args.quick else [(10_000, 2_000), (100_000, 20_000)]
    for needs, teams in sizes:
        engine = measure("engine", needs, teams)
        naive = measure("naive", needs, teams)
        print(f"== {needs:,} needs × {teams:,} teams, top 10 per need")
        print(
            f"engine : fit {engine['fit_s']:.2f} s, best_pairs {engine['best_pairs_s']:.2f} s "
            f"(worker thread; longest main-thread stall {engine['stall_ms']:.0f} ms), "
            f"peak +{engine['peak_mb']:.0f} MB"
        )
        print(
            f"         one need vs {teams:,} teams: {engine['plain_median_ms']:.2f} ms median, "
            f"{engine['plain_p99_ms']:.2f} ms p99; with explanations of the top 10: "
            f"{engine['explained_median_ms']:.2f} ms median, {engine['explained_p99_ms']:.2f} ms p99"
        )
        if "out_of_reach" in naive:
            print("naive  : out of reach (dense needs × teams matrix)")
            continue
        print(
            f"naive  : vectorise {naive['fit_s']:.2f} s, "
            f"dense cosine + argsort {naive['best_pairs_s']:.2f} s, "
            f"peak +{naive['peak_mb']:.0f} MB"
        )
        engine_total = engine["fit_s"] + engine["best_pairs_s"]
        naive_total = naive["fit_s"] + naive["best_pairs_s"]
        print(
            f"ratio  : all pairs {naive['best_pairs_s'] / engine['best_pairs_s']:.1f}× faster, "
            f"end to end {naive_total / engine_total:.1f}×, "
            f"memory {naive['peak_mb'] / max(engine['peak_mb'], 1):.1f}× less"
        )


if __name__ == "__main__":
    main()
