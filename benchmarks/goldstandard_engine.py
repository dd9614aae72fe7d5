"""Score the gold-standard expertise benchmark (58 teams × 463 needs) with the engine and evaluate the run.

Reads the benchmark from /work/shared/benchmark at run time (its texts are not ours to copy), scores every
team for every need with the shipped default options (or ``--option name=value`` overrides, to try a
change), writes ``need_id,team_id,score`` and runs the benchmark's own ``evaluate.py`` on it.

    .venv/bin/python benchmarks/goldstandard_engine.py --out /tmp/run.csv [--compare /tmp/old.csv]
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import subprocess
import sys
import time
from pathlib import Path

from enact_match.matching import EngineOptions, MatchingEngine, NeedText, TeamText, Thesaurus, load_stopwords

BENCHMARK = Path("/work/shared/benchmark")
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def parse_option(text: str) -> tuple[str, object]:
    """``name=value`` → (name, value converted to the type of the option's default)."""
    name, _, raw = text.partition("=")
    default = {field.name: field.default for field in dataclasses.fields(EngineOptions)}[name]
    if isinstance(default, bool):
        return name, raw.lower() in {"1", "true", "yes"}
    return name, type(default)(raw)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--teams", type=Path, default=BENCHMARK / "teams.csv", help="a teams CSV (or a variant)"
    )
    parser.add_argument("--out", type=Path, default=Path("/tmp/enact_goldstandard_run.csv"))
    parser.add_argument("--option", action="append", default=[], help="override an EngineOptions field")
    parser.add_argument("--compare", type=Path, help="an older run to compare with")
    parser.add_argument("--no-evaluate", action="store_true", help="only write the run")
    args = parser.parse_args()

    csv.field_size_limit(sys.maxsize)
    options = dataclasses.replace(EngineOptions(), **dict(parse_option(o) for o in args.option))
    thesaurus_path = RESOURCES / "thesaurus.tsv"
    thesaurus = Thesaurus.from_tsv(thesaurus_path) if thesaurus_path.exists() else None
    engine = MatchingEngine(thesaurus, options, load_stopwords(RESOURCES / "stopwords"))
    teams = [TeamText(row["team_id"], row["competencies"]) for row in read_rows(args.teams)]
    needs = [
        NeedText(row["need_id"], row["title"], row["description"])
        for row in read_rows(BENCHMARK / "needs.csv")
    ]
    started = time.perf_counter()
    engine.fit(needs, teams)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["need_id", "team_id", "score"])
        for need in needs:
            for suggestion in engine.teams_for_need(need.key, top=len(teams), explain=False):
                writer.writerow([need.key, suggestion.team_key, f"{suggestion.score:.6f}"])
    print(
        f"{len(needs)} needs × {len(teams)} teams scored in {time.perf_counter() - started:.2f} s "
        f"→ {args.out}"
    )
    if not args.no_evaluate:
        command = [sys.executable, str(BENCHMARK / "evaluate.py"), str(args.out)]
        if args.compare:
            command += ["--compare", str(args.compare)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
