"""Qt models pass the model tester; every interface string has a French translation; workers report back."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from enact_match.paths import resource_path
from enact_match.services import catalog
from enact_match.services.database import Database
from enact_match.ui.record_pages import COMPANIES, NEEDS, TEAMS
from enact_match.ui.table_models import (
    ItemListModel,
    PageEntry,
    PageListModel,
    PublicationsModel,
    RecordFilterProxyModel,
    RecordTableModel,
)
from enact_match.ui.workers import run_in_background, run_write_in_background

UI_DIR = Path(__file__).resolve().parents[2] / "enact_match" / "ui"


@pytest.mark.parametrize("config", [NEEDS, COMPANIES, TEAMS], ids=lambda config: config.kind)
def test_record_table_and_filter_proxy_pass_the_model_tester(
    qtmodeltester: object, demo_db: Database, config: object
) -> None:
    rows = {"needs": catalog.list_needs, "companies": catalog.list_companies, "teams": catalog.list_teams}
    model = RecordTableModel(config.columns)  # type: ignore[attr-defined]
    model.set_rows(rows[config.kind](demo_db))  # type: ignore[attr-defined]
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    proxy = RecordFilterProxyModel()
    proxy.setSourceModel(model)
    if config.kind == "companies":  # type: ignore[attr-defined]
        proxy.set_text("a")
    else:
        proxy.set_filter("axes", 1)
    proxy.sort(1)
    qtmodeltester.check(proxy)  # type: ignore[attr-defined]


def test_small_list_models_pass_the_model_tester(qtmodeltester: object) -> None:
    pages = PageListModel()
    pages.add(PageEntry("needs", lambda: "Needs"))
    qtmodeltester.check(pages)  # type: ignore[attr-defined]
    items = ItemListModel()
    items.set_items([(1, "one", "<b>tip</b>"), (2, "two", "")])
    qtmodeltester.check(items)  # type: ignore[attr-defined]
    publications = PublicationsModel()
    publications.set_publications(
        [{"title": "A paper", "year": 2024, "venue": "", "doi": "", "abstract": ""}]
    )
    publications.add_empty()
    qtmodeltester.check(publications)  # type: ignore[attr-defined]


def test_publication_year_accepts_only_digits(qapp: object) -> None:
    model = PublicationsModel()
    model.add_empty()
    assert not model.setData(model.index(0, 1), "20x4")
    assert model.setData(model.index(0, 1), "2024")
    assert model.publications()[0]["year"] == "2024"


def test_every_interface_string_has_a_french_translation(tmp_path: Path) -> None:
    extracted = tmp_path / "extracted.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run(
        [str(lupdate), *sorted(str(path) for path in UI_DIR.glob("*.py")), "-ts", str(extracted)],
        check=True,
        capture_output=True,
    )
    shipped: dict[tuple[str, str], ET.Element] = {}
    for context in ET.parse(resource_path("translations", "enact_match_fr.ts")).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            shipped[(name, message.findtext("source") or "")] = message
    missing = []
    for context in ET.parse(extracted).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "")
            translated = shipped.get(key)
            translation = translated.find("translation") if translated is not None else None
            finished = translation is not None and translation.get("type") not in ("unfinished", "obsolete")
            if not finished or not (
                "".join(translation.itertext()).strip() if translation is not None else ""
            ):
                missing.append(key)
    assert missing == []
    assert (
        resource_path("translations", "enact_match_fr.qm").stat().st_mtime
        >= resource_path("translations", "enact_match_fr.ts").stat().st_mtime - 1
    )


def test_background_work_reports_progress_and_can_be_cancelled(qtbot: QtBot) -> None:
    seen: list[tuple[int, int]] = []
    errors: list[BaseException] = []

    def work(progress: object, cancelled: object) -> int:
        for step in range(1, 1000):
            progress(step, 1000)  # type: ignore[operator]
            if cancelled():  # type: ignore[operator]
                raise RuntimeError("cancelled")
            time.sleep(0.002)
        return 1

    task = run_in_background(
        work, lambda _r: None, errors.append, lambda i, n: seen.append((i, n)), with_progress=True
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.cancel()
    assert isinstance(errors[0], RuntimeError)


def test_writes_run_one_after_another_and_results_come_back(qtbot: QtBot) -> None:
    order: list[int] = []
    results: list[int] = []

    def write(number: int) -> int:
        order.append(number)
        return number

    tasks = [run_write_in_background(lambda n=n: write(n), results.append) for n in range(5)]
    with qtbot.waitSignal(tasks[-1].finished, timeout=5000):
        pass
    assert order == [0, 1, 2, 3, 4]
    assert results == [0, 1, 2, 3, 4]


def test_the_shipped_qm_is_compiled_from_the_current_ts(tmp_path: Path) -> None:
    compiled = tmp_path / "fresh.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    source = resource_path("translations", "enact_match_fr.ts")
    subprocess.run([str(lrelease), str(source), "-qm", str(compiled)], check=True, capture_output=True)
    assert compiled.read_bytes() == resource_path("translations", "enact_match_fr.qm").read_bytes()


def test_no_translatable_string_hides_inside_an_f_string() -> None:
    # pyside6-lupdate does not see tr() calls inside f-string expressions: they would stay English.
    hidden = [
        f"{path.name}:{number}"
        for path in sorted(UI_DIR.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"""\bf(["']).*\{[^}]*\btr\(""", line)
    ]
    assert hidden == []
