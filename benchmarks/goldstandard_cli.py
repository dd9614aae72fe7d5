"""Match quality on the labelled gold-standard benchmark, measured through the command line.

Runs exactly what a user would: `enact-match import teams`, `import needs`, `match --all` with the
settings the app ships, then `../shared/benchmark/evaluate.py` on the result. The benchmark's texts
are read from ../shared at run time and never copied into the repository.

    python benchmarks/goldstandard_cli.py                 # profile version 1 (teams.csv)
    python benchmarks/goldstandard_cli.py --variants 10   # the paper's protocol: 10 profile versions
    python benchmarks/goldstandard_cli.py --compare OLD_RUN.csv
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARK = ROOT.parent / "shared" / "benchmark"
TEAM_COUNT = 58


def cli(*args: str) -> str:
    command = [sys.executable, "-m", "enact_match", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout


def make_run(teams_csv: Path, work: Path, name: str) -> tuple[Path, float]:
    """Import teams and needs into a fresh database, match everything, write an evaluate.py run."""
    database = work / f"{name}.sqlite3"
    started = time.perf_counter()
    cli("--db", str(database), "import", "teams", str(teams_csv))
    cli("--db", str(database), "import", "needs", str(BENCHMARK / "needs.csv"))
    output = cli("--db", str(database), "match", "--all", "--top", str(TEAM_COUNT), "--format", "csv")
    elapsed = time.perf_counter() - started
    run = work / f"{name}.csv"
    with run.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["need_id", "team_id", "score"])
        for row in csv.DictReader(output.splitlines()):
            writer.writerow([row["need_ref"], row["team_ref"], row["score"]])
    return run, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--variants", type=int, default=1, help="number of profile versions (1-10)")
    parser.add_argument("--compare", type=Path, help="an earlier run CSV to compare with (paired bootstrap)")
    parser.add_argument("--keep", type=Path, help="folder where the run CSV files are kept")
    args = parser.parse_args()
    if not (BENCHMARK / "evaluate.py").exists():
        print(f"benchmark not found at {BENCHMARK}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as temporary:
        work = args.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        if args.variants == 1:
            profiles = [BENCHMARK / "teams.csv"]
        else:
            subprocess.run(
                [sys.executable, str(BENCHMARK / "build_variant.py"), "--all", "--out-dir", str(work)],
                check=True,
                capture_output=True,
            )
            profiles = [work / f"teams_v{index}.csv" for index in range(1, args.variants + 1)]
        runs = []
        for index, profile in enumerate(profiles, start=1):
            run, elapsed = make_run(profile, work, f"run_v{index}")
            print(f"profile version {index}: import + match --all in {elapsed:.1f} s", file=sys.stderr)
            runs.append(str(run))
        command = [sys.executable, str(BENCHMARK / "evaluate.py"), *runs]
        if args.compare:
            command += ["--compare", str(args.compare)]
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
