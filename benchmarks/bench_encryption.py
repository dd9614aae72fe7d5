"""The cost of encryption at rest: the same commands on a plain and on an encrypted (SQLCipher) database.

Measured in one run, on copies of the same data: opening the database (in the process, and the whole
`enact-match check` command), importing 10,000 contacts, `enact-match match --all` on the demo data,
and `enact-match backup`. Each figure is the median of `--repeat` runs, plain and encrypted runs
alternating so that the load of the machine weighs on both alike; commands are timed from
process start to exit. The key of the encrypted copies is given in $ENACT_MATCH_KEY (the keyring is
not involved).

    .venv/bin/python benchmarks/bench_encryption.py               # the figures of docs/reliability.md
    .venv/bin/python benchmarks/bench_encryption.py --repeat 1    # a quick look
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from crash_import import write_contacts

from enact_match.config import HOME_ENV, KEY_ENV
from enact_match.services.database import open_database
from enact_match.services.demo import load_demo
from enact_match.services.encryption import encrypt_database
from enact_match.services.suggestions import SuggestionService

KEY = "benchmark passphrase, not a secret"
MODES = ("plain", "encrypted")


def _command(database: Path, *arguments: str, home: Path) -> float:
    environment = {**os.environ, KEY_ENV: KEY, HOME_ENV: str(home)}
    command = [sys.executable, "-m", "enact_match", "--db", str(database), *arguments]
    started = time.perf_counter()
    subprocess.run(command, env=environment, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _prepare(folder: Path) -> dict[str, dict[str, Path]]:
    """Per mode: an empty migrated database and one with the demo data and its suggestions."""
    files: dict[str, dict[str, Path]] = {mode: {} for mode in MODES}
    for kind in ("empty", "demo"):
        plain = folder / f"{kind}-plain.sqlite3"
        db = open_database(str(plain))
        if kind == "demo":
            load_demo(db)
            SuggestionService.with_shipped_resources(db).score_missing_matches()
        db.dispose()
        encrypted = folder / f"{kind}-encrypted.sqlite3"
        shutil.copyfile(plain, encrypted)
        encrypt_database(open_database(str(encrypted)), KEY).database.dispose()
        shutil.rmtree(folder / "backups", ignore_errors=True)
        files["plain"][kind], files["encrypted"][kind] = plain, encrypted
    return files


def _measures(
    folder: Path, files: dict[str, Path], contacts: Path, key: str | None
) -> dict[str, Callable[[], float]]:
    """The timed operations on one mode's files (`key` None: the plain ones)."""
    home = folder / "home"
    demo = files["demo"]

    def open_and_read() -> float:
        started = time.perf_counter()
        db = open_database(str(demo), key_for=None if key is None else lambda _path: key)
        with db.reading() as session:
            session.connection().exec_driver_sql("SELECT count(*) FROM needs").scalar()
        elapsed = time.perf_counter() - started
        db.dispose()
        return elapsed

    def import_contacts() -> float:
        copy = folder / f"import-{demo.stem}.sqlite3"
        shutil.copyfile(files["empty"], copy)
        elapsed = _command(copy, "import", "contacts", str(contacts), home=home)
        copy.unlink()
        return elapsed

    return {
        "open (in process)": open_and_read,
        "enact-match check": lambda: _command(demo, "check", home=home),
        "import 10,000 contacts": import_contacts,
        "match --all (demo)": lambda: _command(demo, "match", "--all", "--format", "csv", home=home),
        "enact-match backup": lambda: _command(demo, "backup", home=home),
    }


def run(repeat: int) -> dict[str, dict[str, float]]:
    """Every figure, per mode (seconds). Plain and encrypted runs alternate, so that the load of the
    machine weighs on both alike."""
    with tempfile.TemporaryDirectory(prefix="enact-bench-crypt-") as temporary:
        folder = Path(temporary)
        files = _prepare(folder)
        contacts = folder / "contacts.csv"
        write_contacts(contacts, 10_000)
        measures = {
            mode: _measures(folder, files[mode], contacts, KEY if mode == "encrypted" else None)
            for mode in MODES
        }
        timings: dict[str, dict[str, list[float]]] = {mode: {} for mode in MODES}
        for name in measures["plain"]:
            for _ in range(repeat):
                for mode in MODES:
                    timings[mode].setdefault(name, []).append(measures[mode][name]())
        figures = {
            mode: {name: statistics.median(runs) for name, runs in timings[mode].items()} for mode in MODES
        }
        for mode in MODES:
            figures[mode]["demo file size (MB)"] = files[mode]["demo"].stat().st_size / 1e6
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median; 5)")
    args = parser.parse_args()
    figures = run(args.repeat)
    print(f"| median of {args.repeat} runs | plain | encrypted | overhead |")
    print("| --- | ---: | ---: | ---: |")
    for name, plain in figures["plain"].items():
        encrypted = figures["encrypted"][name]
        overhead = f"{(encrypted / plain - 1) * 100:+.0f} %" if plain else ""
        unit = "" if "MB" in name else " s"
        print(f"| {name} | {plain:.2f}{unit} | {encrypted:.2f}{unit} | {overhead} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
