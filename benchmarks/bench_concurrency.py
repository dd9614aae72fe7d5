"""Optimistic concurrency under load: several processes increment one counter through the app's save path.

Each process reads a need (as an officer opens it), adds one to a counter kept in the need, and
saves it with `catalog.save_record(..., expected_version=)`. When someone else saved meanwhile, the
save is refused with StaleRecordError and the process reads again and retries. At the end the counter
must equal the number of accepted saves: no update lost. "database is locked" (SQLite) must never
reach the caller.

    .venv/bin/python benchmarks/bench_concurrency.py --seconds 60                      # SQLite file
    .venv/bin/python benchmarks/bench_concurrency.py --seconds 60 --db postgresql+psycopg://...
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from enact_match.services import catalog
from enact_match.services.database import open_database


@dataclass
class WorkerFigures:
    """What one process did."""

    saves: int = 0
    conflicts: int = 0
    locked: int = 0
    other_errors: int = 0


@dataclass
class ConcurrencyFigures:
    """The outcome of a run: the final counter must equal the sum of accepted saves."""

    backend: str
    processes: int
    seconds: float
    saves: int
    conflicts: int
    locked: int
    other_errors: int
    final_counter: int
    lost_updates: int


def work(location: str, need_id: str, deadline: float, author: str) -> WorkerFigures:
    """Increment the counter until `deadline`, retrying on conflicts; returns what happened."""
    db = open_database(location)
    figures = WorkerFigures()
    record_id = uuid.UUID(need_id)
    while time.time() < deadline:
        row = catalog.get_row(db, "needs", record_id)
        try:
            catalog.save_record(
                db, "needs", {"budget": str(int(row.budget) + 1)}, record_id, row.version, author=author
            )
            figures.saves += 1
        except catalog.StaleRecordError:
            figures.conflicts += 1
        except Exception as error:  # counted, never hidden: a locked database is a failure here
            if "locked" in str(error):
                figures.locked += 1
            else:
                figures.other_errors += 1
    db.dispose()
    return figures


def run(location: str, processes: int, seconds: float) -> ConcurrencyFigures:
    db = open_database(location)
    need = catalog.save_record(db, "needs", {"title": "Shared counter", "budget": "0"})
    backend = db.engine.dialect.name
    deadline = time.time() + 2.0 + seconds  # 2 s for the processes to start
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        results = pool.starmap(
            work, [(location, str(need.id), deadline, f"process {number}") for number in range(processes)]
        )
    final = int(catalog.get_row(db, "needs", need.id).budget)
    db.dispose()
    saves = sum(item.saves for item in results)
    return ConcurrencyFigures(
        backend,
        processes,
        seconds,
        saves,
        sum(item.conflicts for item in results),
        sum(item.locked for item in results),
        sum(item.other_errors for item in results),
        final,
        saves - final,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: a new SQLite file in a temporary folder)")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="enact-concurrency-") as folder:
        location = args.db or str(Path(folder) / "concurrency.sqlite3")
        figures = run(location, args.processes, args.seconds)
    text = json.dumps(asdict(figures), indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    failed = figures.lost_updates or figures.locked or figures.other_errors
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
