"""Crash safety of imports: kill -9 a 10,000-row import at random moments, then check the database.

Each run copies an empty, migrated database, starts `enact-match import contacts` on a generated
10,000-row file in a child process, kills it with SIGKILL after a random delay (between 0 and 110 %
of a clean import's duration), and then checks that the database passes `PRAGMA integrity_check`
and holds all the rows or none. Some runs finish before the kill: they count as "all".

    .venv/bin/python benchmarks/crash_import.py --runs 200            # the figures of docs/reliability.md
    .venv/bin/python benchmarks/crash_import.py --runs 10 --rows 2000  # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))


@dataclass
class CrashFigures:
    """What the runs found."""

    runs: int
    rows: int
    clean_import_seconds: float
    killed_with_none: int
    killed_with_all: int
    finished_before_kill: int
    partial: int
    integrity_failures: int
    reopen_failures: int


def write_contacts(path: Path, rows: int) -> None:
    """A contacts file of `rows` distinct people (semicolon CSV, as French Excel writes it)."""
    lines = ["ref;nom;courriel;organisme;origine;base légale"]
    lines += [
        f"P{number:05d};Person {number:05d};person{number:05d}@example.org;Company {number % 500};"
        f"salon;legitimate_interest"
        for number in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_template(folder: Path) -> Path:
    """An empty, migrated database file to copy for each run."""
    from enact_match.services.database import open_database

    template = folder / "template.sqlite3"
    db = open_database(str(template))
    db.dispose()
    return template


def import_command(database: Path, contacts: Path) -> list[str]:
    return [sys.executable, "-m", "enact_match", "--db", str(database), "import", "contacts", str(contacts)]


def count_and_check(database: Path) -> tuple[int, bool, bool]:
    """(contacts, integrity ok, reopens through the app) of a database after a crash."""
    connection = sqlite3.connect(database)
    try:
        ok = connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        count = connection.execute("SELECT count(*) FROM contacts").fetchone()[0]
    finally:
        connection.close()
    from enact_match.services.database import open_database

    try:
        db = open_database(str(database))
        db.dispose()
        reopens = True
    except Exception:
        reopens = False
    return count, ok, reopens


def run(runs: int, rows: int, seed: int) -> CrashFigures:
    rng = random.Random(seed)
    environment = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    with tempfile.TemporaryDirectory(prefix="enact-crash-") as name:
        folder = Path(name)
        environment["ENACT_MATCH_HOME"] = str(folder / "home")
        contacts = folder / "contacts.csv"
        write_contacts(contacts, rows)
        template = make_template(folder)
        clean = folder / "clean.sqlite3"
        shutil.copy(template, clean)
        started = time.perf_counter()
        subprocess.run(import_command(clean, contacts), env=environment, check=True, capture_output=True)
        duration = time.perf_counter() - started
        figures = CrashFigures(runs, rows, round(duration, 2), 0, 0, 0, 0, 0, 0)
        for number in range(runs):
            database = folder / f"run-{number}.sqlite3"
            shutil.copy(template, database)
            child = subprocess.Popen(
                import_command(database, contacts),
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(rng.uniform(0, duration * 1.1))
            finished = child.poll() is not None
            if not finished:
                child.send_signal(signal.SIGKILL)
            child.wait()
            count, ok, reopens = count_and_check(database)
            figures.integrity_failures += not ok
            figures.reopen_failures += not reopens
            if finished:
                figures.finished_before_kill += 1
            elif count == 0:
                figures.killed_with_none += 1
            elif count == rows:
                figures.killed_with_all += 1
            if count not in (0, rows):
                figures.partial += 1
            for path in folder.glob(f"run-{number}.sqlite3*"):
                path.unlink()
            shutil.rmtree(folder / "backups", ignore_errors=True)
            print(f"run {number + 1}/{runs}: {count} rows, integrity {'ok' if ok else 'FAILED'}", flush=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    figures = run(args.runs, args.rows, args.seed)
    print(json.dumps(asdict(figures), indent=2))
    if args.json:
        args.json.write_text(json.dumps(asdict(figures), indent=2) + "\n", encoding="utf-8")
    return 0 if figures.partial == figures.integrity_failures == figures.reopen_failures == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
