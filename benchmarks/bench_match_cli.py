"""The whole `enact-match match --all` command against the naive scikit-learn peer, on generated data.

The command is timed from process start to its last CSV line: start-up, reading the database,
text analysis, ranking and output. The peer (scikit-learn defaults, dense cosine similarity, full
sort; see bench_engine.py) only vectorises and ranks texts it already holds in memory.

    .venv/bin/python benchmarks/bench_match_cli.py              # 10k × 2k and 100k × 20k
    .venv/bin/python benchmarks/bench_match_cli.py --quick      # 10k × 2k only
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_engine import generate, measure

from enact_match.services.database import open_database
from enact_match.storage.models import Need, Publication, Team

ROOT = Path(__file__).resolve().parent.parent


def build_database(path: Path, needs: int, teams: int) -> float:
    """Fill a SQLite database with generated needs and teams (bulk inserts); returns seconds taken."""
    need_texts, team_texts = generate(needs, teams)
    started = time.perf_counter()
    db = open_database(str(path))
    with db.writing() as session:
        team_rows, publication_rows = [], []
        for team in team_texts:
            team_id = uuid.uuid4()
            team_rows.append({"id": team_id, "ref": team.key, "name": team.key, "statement": team.statement})
            publication_rows.extend(
                {"team_id": team_id, "title": item.title, "abstract": item.abstract}
                for item in team.publications
            )
        session.execute(insert(Team), team_rows)
        if publication_rows:
            session.execute(insert(Publication), publication_rows)
        session.execute(
            insert(Need),
            [{"ref": need.key, "title": need.title, "description": need.description} for need in need_texts],
        )
    db.dispose()
    return time.perf_counter() - started


def time_command(database: Path) -> tuple[float, float, int]:
    """Seconds and peak memory (MB) of `match --all --format csv`, and the number of lines printed."""
    command = [
        sys.executable,
        "-m",
        "enact_match",
        "--db",
        str(database),
        "match",
        "--all",
        "--format",
        "csv",
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024, result.stdout.count("\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k × 2k only")
    args = parser.parse_args()
    sizes = [(10_000, 2_000)] if args.quick else [(10_000, 2_000), (100_000, 20_000)]
    with tempfile.TemporaryDirectory() as folder:
        for needs, teams in sizes:
            database = Path(folder) / f"bench-{needs}x{teams}.sqlite3"
            filled = build_database(database, needs, teams)
            elapsed, peak, lines = time_command(database)
            naive = measure("naive", needs, teams)
            print(f"== {needs:,} needs × {teams:,} teams (database filled in {filled:.1f} s)")
            print(f"match --all --format csv: {elapsed:.2f} s, peak {peak:.0f} MB, {lines - 1:,} rows")
            if "out_of_reach" in naive:
                print(
                    "naive peer (vectorise + dense cosine + full sort): out of reach (dense matrix > 16 GB)"
                )
            else:
                peer = naive["fit_s"] + naive["best_pairs_s"]
                print(
                    f"naive peer (vectorise + dense cosine + full sort, texts in memory): {peer:.2f} s, "
                    f"peak +{naive['peak_mb']:.0f} MB"
                )
                print(f"ratio whole command / naive peer: {elapsed / peer:.2f}")


if __name__ == "__main__":
    main()
