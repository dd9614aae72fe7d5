"""A non-editable install carries resources/ and db/ and works from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", out, ROOT],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("enact_match-*.whl")
    return built


def test_the_wheel_ships_resources_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "enact_match/_data/resources/thesaurus.tsv" in names
    assert "enact_match/_data/resources/demo/demo.json" in names
    assert "enact_match/_data/db/migrations/env.py" in names
    assert any(name.startswith("enact_match/_data/db/migrations/versions/0001") for name in names)


def test_an_installed_wheel_loads_the_demo_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    # The installed copy comes first on the path; the dependencies come from this environment.
    path = os.pathsep.join([str(target), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    env = {**os.environ, "PYTHONPATH": path, "ENACT_MATCH_HOME": str(tmp_path / "home")}
    script = (
        "import enact_match, sys; from enact_match.cli import main; "
        "assert enact_match.__file__.startswith(sys.argv[1]), enact_match.__file__; "
        "sys.exit(main(['--db', sys.argv[2], 'init', '--demo']))"
    )
    result = subprocess.run(
        [sys.executable, "-P", "-c", script, str(target), str(tmp_path / "demo.sqlite3")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "demo data loaded" in result.stdout
