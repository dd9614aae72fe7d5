"""Leave-one-out accuracy of axis suggestion on the demo data (resources/demo/demo.json).

For every need and team that has axes, the engine is fitted with that text's axes hidden, then
``suggest_axes`` is asked about its text: a hit when the first guess is one of its true axes.

    .venv/bin/python benchmarks/axes_accuracy.py
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from enact_match.matching import MatchingEngine, NeedText, TeamText, Thesaurus, load_stopwords

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def main() -> None:
    demo = json.loads((RESOURCES / "demo" / "demo.json").read_text(encoding="utf-8"))
    teams = [
        TeamText(f"t{i}", team["statement"], axes=frozenset(team.get("axes", ())))
        for i, team in enumerate(demo["teams"])
    ]
    needs = [
        NeedText(f"n{i}", need["title"], need["description"], axes=frozenset(need.get("axes", ())))
        for i, need in enumerate(demo["needs"])
    ]
    thesaurus = Thesaurus.from_tsv(RESOURCES / "thesaurus.tsv")
    stopwords = load_stopwords(RESOURCES / "stopwords")
    hits = {"needs": [0, 0], "teams": [0, 0]}
    for side, items in (("needs", needs), ("teams", teams)):
        for i, item in enumerate(items):
            if not item.axes:
                continue
            hidden = dataclasses.replace(item, axes=frozenset())
            engine = MatchingEngine(thesaurus, stopwords=stopwords)
            if side == "needs":
                engine.fit([*needs[:i], hidden, *needs[i + 1 :]], teams)
                text = f"{item.title}\n{item.description}"
            else:
                engine.fit(needs, [*teams[:i], hidden, *teams[i + 1 :]])
                text = item.statement
            guesses = engine.suggest_axes(text)
            hits[side][0] += bool(guesses) and guesses[0].axis in item.axes
            hits[side][1] += 1
    for side, (good, total) in hits.items():
        print(f"{side}: {good}/{total} first guesses right ({good / max(total, 1):.1%})")
    good = sum(h[0] for h in hits.values())
    total = sum(h[1] for h in hits.values())
    print(f"all: {good}/{total} ({good / max(total, 1):.1%})")


if __name__ == "__main__":
    main()
