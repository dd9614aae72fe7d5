"""The whole `enact-match match --all` command against the naive scikit-learn peer, on generated data.

The command is timed from process start to its last CSV line: start-up, reading the database,
text analysis, ranking and output. The peer (scikit-learn defaults, dense cosine similarity, full
sort; see bench_engine.py) only vectorises and ranks texts it already holds in memory. With
``--repeat``, the command and the peer run alternately and medians are printed, with the CPU time of
the command (user + system: less sensitive than wall time to other jobs on a shared machine) and the
load average.

    .venv/bin/python benchmarks/bench_match_cli.py                       # 10k × 2k and 100k × 20k
    .venv/bin/python benchmarks/bench_match_cli.py --quick --repeat 5    # 10k × 2k only, 5 times
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from statistics import median

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


def _tree_pss_mb(pid: int) -> float:
    """Proportional set size (MB) of a process and its children: shared pages (a forked child's copy of
    its parent) are counted once, split between them."""
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) / 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


# the sampler waits this many times as long as its last sample took (at least 0.1 s)
_SAMPLE_PAUSE = 20


class _PeakMemory(threading.Thread):
    """Samples the PSS of a process tree (Linux; 0 elsewhere), pausing 20 times as long as a sample takes.

    A sample walks the page tables of every process of the tree: 36 ms of CPU (72 ms of wall time) for
    the 1.7 GB of the command at 100k × 20k. Every 0.1 s, as until the eleventh round, the sampler took
    about a fifth of a core from a command that keeps both cores of the 2-core benchmark machine busy;
    now it takes at most a twentieth, and small commands are still sampled every 0.1 s."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        pause = 0.1
        while not self.done.wait(pause):
            started = time.perf_counter()
            self.peak = max(self.peak, _tree_pss_mb(self.pid))
            pause = max(0.1, _SAMPLE_PAUSE * (time.perf_counter() - started))


def time_command(database: Path) -> tuple[float, float, float, float, int]:
    """Seconds (wall and CPU), peak memory (MB: largest single process, whole process tree) of
    `match --all --format csv`, and the lines printed."""
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
    # as installed: byte-code caches written and read (this session's PYTHONDONTWRITEBYTECODE=1 would
    # recompile every changed module at each start)
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, cwd=ROOT, env=environment)
    sampler = _PeakMemory(process.pid)
    sampler.start()
    output = process.stdout
    assert output is not None
    lines = sum(chunk.count(b"\n") for chunk in iter(lambda: output.read(1 << 20), b""))
    # the usage of this child and of its own children (RUSAGE_CHILDREN would mix in the naive peer's)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, sampler.peak, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k × 2k only")
    parser.add_argument("--repeat", type=int, default=1, help="runs of the command and of the peer (medians)")
    args = parser.parse_args()
    sizes = [(10_000, 2_000)] if args.quick else [(10_000, 2_000), (100_000, 20_000)]
    with tempfile.TemporaryDirectory() as folder:
        for needs, teams in sizes:
            database = Path(folder) / f"bench-{needs}x{teams}.sqlite3"
            filled = build_database(database, needs, teams)
            print(f"== {needs:,} needs × {teams:,} teams (database filled in {filled:.1f} s)")
            walls, cpus, peers, ratios, cpu_ratios = [], [], [], [], []
            time_command(database)  # warm-up: byte-code caches, the database file in the page cache
            for _ in range(max(args.repeat, 1)):
                elapsed, cpu, peak, tree, lines = time_command(database)
                naive = measure("naive", needs, teams)
                load = os.getloadavg()[0]
                walls.append(elapsed)
                cpus.append(cpu)
                line = (
                    f"match --all --format csv: {elapsed:.2f} s (CPU {cpu:.2f} s), peak {peak:.0f} MB "
                    f"(process tree, PSS: {tree:.0f} MB), "
                    f"{lines - 1:,} rows; load average {load:.1f}"
                )
                if "out_of_reach" not in naive:
                    peer = naive["fit_s"] + naive["best_pairs_s"]
                    peers.append(peer)
                    ratios.append(elapsed / peer)
                    cpu_ratios.append(cpu / naive["cpu_s"])
                    line += (
                        f"; naive peer {peer:.2f} s (CPU {naive['cpu_s']:.2f} s) +{naive['peak_mb']:.0f} MB; "
                        f"ratio {elapsed / peer:.2f} (CPU {cpu / naive['cpu_s']:.2f})"
                    )
                print(line, flush=True)
            if not peers:
                print(
                    "naive peer (vectorise + dense cosine + full sort): out of reach (dense matrix > 16 GB)"
                )
            summary = f"median of {len(walls)}: command {median(walls):.2f} s (CPU {median(cpus):.2f} s)"
            if peers:
                summary += (
                    f", naive peer (vectorise + dense cosine + full sort, texts in memory) "
                    f"{median(peers):.2f} s, ratio {median(ratios):.2f} (CPU time {median(cpu_ratios):.2f})"
                )
            print(summary)


if __name__ == "__main__":
    main()
