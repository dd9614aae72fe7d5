"""Global search speed on 50,000 synthetic records: SearchIndex per keystroke vs WRatio over all names.

Run: .venv/bin/python benchmarks/bench_search.py [--records 50000]
Prints the median and 95th percentile per keystroke (every prefix of each query is a keystroke).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import uuid

from rapidfuzz import fuzz, process

from enact_match.services.search import SearchIndex, SearchItem

_SYLLABLES = [
    "ma",
    "ri",
    "lo",
    "van",
    "tec",
    "del",
    "pro",
    "sen",
    "ix",
    "or",
    "ga",
    "bel",
    "mon",
    "tra",
    "sys",
    "neo",
    "flu",
    "cor",
    "vi",
    "na",
    "ter",
    "al",
    "pha",
    "dyn",
]
_WORDS = [
    "métallurgie",
    "fonderie",
    "laminoirs",
    "systèmes",
    "industries",
    "santé",
    "imagerie",
    "robotique",
    "chimie",
    "logistique",
    "énergie",
    "vision",
    "langage",
    "données",
    "capteurs",
    "matériaux",
    "hydrogène",
    "batteries",
    "aéronautique",
    "textile",
    "bois",
    "plasturgie",
    "diagnostic",
    "génomique",
    "traitement",
    "signal",
    "apprentissage",
    "automatique",
    "maintenance",
    "prédictive",
    "qualité",
]
_FORMS = ("SAS", "SARL", "SA", "GmbH", "SASU", "")
_QUERIES = (
    "metalurgie lorraine",
    "fonderie valmorl",
    "imagerie medicale",
    "robotiqe",
    "syst neovi",
    "Jourdain",
)


def _name(rng: random.Random) -> str:
    coined = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    words = [coined, *rng.sample(_WORDS, rng.randint(1, 3))]
    rng.shuffle(words)
    return " ".join(words) + (" " + rng.choice(_FORMS) if rng.random() < 0.5 else "")


def synthetic_items(count: int, seed: int = 7) -> list[SearchItem]:
    rng = random.Random(seed)
    kinds = ("companies", "units", "teams", "needs", "contacts")
    items = [
        SearchItem(kinds[i % 5], uuid.uuid4(), name, "", name) for i in range(count) for name in [_name(rng)]
    ]
    items[123] = SearchItem(
        "companies", uuid.uuid4(), "Métallurgie de Lorraine SARL", "", "Métallurgie de Lorraine"
    )
    items[4567] = SearchItem("contacts", uuid.uuid4(), "Nora Jourdain", "", "Nora Jourdain")
    return items


def _keystrokes() -> list[str]:
    return [query[:end] for query in _QUERIES for end in range(2, len(query) + 1)]


def _measure(search: object, strokes: list[str]) -> list[float]:
    timings = []
    for stroke in strokes:
        start = time.perf_counter()
        search(stroke)  # type: ignore[operator]
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def _summary(name: str, timings: list[float]) -> str:
    p95 = statistics.quantiles(timings, n=20)[-1]
    median = statistics.median(timings)
    return f"{name:<38} median {median:6.2f} ms   p95 {p95:6.2f} ms   ({len(timings)} keystrokes)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=50_000)
    args = parser.parse_args()
    items = synthetic_items(args.records)
    start = time.perf_counter()
    index = SearchIndex(items)
    print(f"index of {len(items):,} records built in {time.perf_counter() - start:.2f} s")
    strokes = _keystrokes()
    ours = _measure(lambda words: index.query(words, 20), strokes)
    names = [item.label for item in items]
    naive = _measure(lambda words: process.extract(words, names, scorer=fuzz.WRatio, limit=20), strokes)
    print(_summary("SearchIndex.query (ratio + prefix)", ours))
    print(_summary("naive: process.extract WRatio", naive))
    print(f"speed-up (median): {statistics.median(naive) / statistics.median(ours):.1f}x")
    for query in ("metalurgie lorraine", "jourdin"):
        print(f"{query!r} → {[hit.label for hit in index.query(query, 3)]}")


if __name__ == "__main__":
    main()
