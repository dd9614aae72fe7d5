"""The dashboard page: filters change the charts, bars open the lists behind them, gaps and the report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from enact_match.services.dashboard import DashboardFilter, compute_dashboard
from enact_match.services.database import Database
from enact_match.ui import prompts
from enact_match.ui.dashboard_page import DashboardPage, period_bounds
from enact_match.ui.main_window import MainWindow
from enact_match.ui.pipeline_page import PipelinePage
from enact_match.ui.record_pages import RecordPage
from tests.ui.app_fixtures import english, make_context, window_on

__all__ = ["english", "window_on"]


def open_dashboard(qtbot: QtBot, window: MainWindow) -> DashboardPage:
    window.show_page("dashboard")
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.dashboard() is not None, timeout=20000)
    return page


def listed(page: RecordPage) -> list[object]:
    """The view rows the needs page lists, through its filters."""
    proxy = page.proxy()
    return [
        page.model().row_at(proxy.mapToSource(proxy.index(row, 0)).row()) for row in range(proxy.rowCount())
    ]


def test_the_charts_show_the_figures_and_follow_the_filters(
    qtbot: QtBot, demo_db: Database, window_on: Callable[[Database], MainWindow]
) -> None:
    page = open_dashboard(qtbot, window_on(demo_db))
    everything = compute_dashboard(demo_db, DashboardFilter())
    assert page.axis_chart.bars() == [(item.key, item.count) for item in everything.needs_by_axis]
    assert page.axis_chart.drawn_counts() == [float(item.count) for item in everything.needs_by_axis]
    assert page.funnel_chart.drawn_counts() == [float(item.count) for item in everything.funnel]
    # a short title (a third of the page wide), what it counts in the tooltip
    assert page.funnel_chart.chart().title() == "Matching funnel"
    assert "furthest stage" in page.funnel_chart.toolTip()
    assert page.tiles["needs"].value.text() == str(everything.needs_total)

    chosen = DashboardFilter(date(2025, 1, 1), date(2025, 6, 30), axis=2)
    with qtbot.waitSignal(page.figures_loaded, timeout=20000):
        page.set_filter(chosen)
    filtered = compute_dashboard(demo_db, chosen)
    assert page.current_filter() == chosen
    assert page.structure_chart.drawn_counts() == [float(item.count) for item in filtered.needs_by_structure]
    assert page.month_chart.bars() == [(item.key, item.count) for item in filtered.needs_by_month]
    assert page.tiles["needs"].value.text() == str(filtered.needs_total) != str(everything.needs_total)

    with qtbot.waitSignal(page.figures_loaded, timeout=20000):
        page.structure_combo.setCurrentIndex(page.structure_combo.findData("GRAND_E_NOV"))
    structure_only = compute_dashboard(demo_db, DashboardFilter(chosen.start, chosen.end, 2, "GRAND_E_NOV"))
    assert page.axis_chart.bars() == [(item.key, item.count) for item in structure_only.needs_by_axis]


def test_clicking_an_axis_bar_shows_the_needs_of_that_axis(
    qtbot: QtBot, demo_db: Database, window_on: Callable[[Database], MainWindow]
) -> None:
    window = window_on(demo_db)
    page = open_dashboard(qtbot, window)
    keys = [key for key, _count in page.axis_chart.bars()]
    # The bar set's own signal, as a mouse click sends it: Qt draws the first code at the bottom.
    bar_set = page.axis_chart.chart().series()[0].barSets()[0]
    bar_set.clicked.emit(len(keys) - 1 - keys.index("3"))
    needs = window.page("needs")
    assert isinstance(needs, RecordPage)
    assert window.current_page_key() == "needs"
    rows = listed(needs)
    assert all(3 in row.axes for row in rows)  # type: ignore[attr-defined]
    assert len(rows) == compute_dashboard(demo_db, DashboardFilter()).count_of("needs_by_axis", "3") > 0


def test_clicking_a_structure_bar_filters_the_needs_by_structure(
    qtbot: QtBot, demo_db: Database, window_on: Callable[[Database], MainWindow]
) -> None:
    window = window_on(demo_db)
    page = open_dashboard(qtbot, window)
    key, count = page.structure_chart.bars()[0]
    page._on_structure_chart_bar_clicked(0)
    needs = window.page("needs")
    assert isinstance(needs, RecordPage)
    rows = listed(needs)
    assert {row.structure_code for row in rows} == {key}  # type: ignore[attr-defined]
    assert len(rows) == count


def test_clicking_a_funnel_bar_opens_the_matches_board(
    qtbot: QtBot, demo_db: Database, window_on: Callable[[Database], MainWindow]
) -> None:
    window = window_on(demo_db)
    page = open_dashboard(qtbot, window)
    with qtbot.waitSignal(page.figures_loaded, timeout=20000):
        page.set_filter(DashboardFilter(structure="POLARIS"))
    page._on_funnel_chart_bar_clicked(2)
    board = window.page("matches")
    assert isinstance(board, PipelinePage)
    assert window.current_page_key() == "matches"
    qtbot.waitUntil(lambda: board.model.rowCount() > 0, timeout=20000)
    assert board.structure_combo.currentData() == "POLARIS"


def test_the_gaps_are_listed_in_the_interface_language(
    qtbot: QtBot, demo_db: Database, window_on: Callable[[Database], MainWindow], qtmodeltester: object
) -> None:
    page = open_dashboard(qtbot, window_on(demo_db))
    qtbot.waitUntil(lambda: page.gaps_model.rowCount() > 0, timeout=60000)
    gap = page.gaps_model.gap_at(0)
    assert page.gaps_model.index(0, 0).data() == ", ".join(gap.terms_en)
    assert gap.needs[0].title in page.gaps_model.index(0, 1).data()
    qtmodeltester.check(page.gaps_model)  # type: ignore[attr-defined]


def test_exporting_the_report_writes_the_current_filter_in_the_background(
    qtbot: QtBot, demo_db: Database, english: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = DashboardPage(make_context(demo_db))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.dashboard() is not None, timeout=20000)
    chosen = DashboardFilter(date(2025, 1, 1), date(2025, 3, 31))
    with qtbot.waitSignal(page.figures_loaded, timeout=20000):
        page.set_filter(chosen)
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_info", lambda _parent, _title, words: shown.append(words))
    path = tmp_path / "report.xlsx"
    task = page.export_report(path, "en")
    with qtbot.waitSignal(task.finished, timeout=60000):
        pass
    summary = {row[0]: row[1] for row in openpyxl.load_workbook(path)["Summary"].iter_rows(values_only=True)}
    assert summary["Needs received"] == compute_dashboard(demo_db, chosen).needs_total
    assert shown and str(path) in shown[0]


@pytest.mark.parametrize(
    ("period", "today", "expected"),
    [
        ("this_quarter", date(2025, 5, 20), (date(2025, 4, 1), date(2025, 5, 20))),
        ("last_quarter", date(2025, 2, 10), (date(2024, 10, 1), date(2024, 12, 31))),
        ("this_year", date(2025, 5, 20), (date(2025, 1, 1), date(2025, 5, 20))),
        ("all", date(2025, 5, 20), (None, None)),
    ],
)
def test_named_periods_cover_the_expected_days(
    period: str, today: date, expected: tuple[date | None, date | None]
) -> None:
    assert period_bounds(period, today) == expected
