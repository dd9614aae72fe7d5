"""Start-up time: from launching `python -m enact_match --db FILE gui` to a window showing the demo needs.

Run: .venv/bin/python benchmarks/bench_startup.py [--runs 5]
The app is started with ENACT_MATCH_QUIT_WHEN_READY=1: it prints the time since launch once the main
window has shown and the needs list is populated, then quits. The baseline, in the same run, is a
bare interpreter importing PySide6.QtWidgets and showing an empty QMainWindow.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_BASELINE = """
import time, sys
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication(sys.argv)
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["ENACT_MATCH_HOME"] = str(home)
    env["ENACT_MATCH_QUIT_WHEN_READY"] = "1"
    return env


def _app_run(database: Path, env: dict[str, str]) -> tuple[float, str]:
    env = dict(env, ENACT_MATCH_LAUNCHED_AT=repr(time.time()))
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "enact_match", "--db", str(database), "gui"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    wall = time.perf_counter() - started
    ready = next(line for line in result.stdout.splitlines() if line.startswith("ready "))
    sklearn = next(line for line in result.stdout.splitlines() if line.startswith("sklearn_imported "))
    return float(ready.split()[1]), f"{sklearn} (process exit after {wall:.2f} s)"


def _baseline_run(env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", _BASELINE], env=env, check=True, capture_output=True, timeout=60)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = _environment(home)
        database = home / "demo.sqlite3"
        subprocess.run(
            [sys.executable, "-m", "enact_match", "--db", str(database), "init", "--demo"],
            env=env,
            check=True,
            capture_output=True,
        )
        _app_run(database, env)  # warm the file cache once
        app_times, notes = [], []
        baseline_times = []
        for _ in range(args.runs):
            ready, note = _app_run(database, env)
            app_times.append(ready)
            notes.append(note)
            baseline_times.append(_baseline_run(env))
    print(f"cores: {os.cpu_count()}")
    print(f"app ready with demo data: median {statistics.median(app_times):.2f} s  runs {sorted(app_times)}")
    print(f"baseline (import QtWidgets + empty window): median {statistics.median(baseline_times):.2f} s")
    print(notes[-1])


if __name__ == "__main__":
    main()
