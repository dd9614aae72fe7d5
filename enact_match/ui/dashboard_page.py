"""The dashboard page: key figures, charts and competency gaps for a period, an axis and a structure.

The figures are computed off the GUI thread (services.dashboard), then the competency gaps, which
need the matching engine and take longer (services.gaps). Clicking a bar opens the list behind it:
the needs of an axis or a structure, or the matches board.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QMargins,
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from enact_match.services import catalog, codes
from enact_match.services.dashboard import NONE_KEY, Dashboard, DashboardFilter, compute_dashboard
from enact_match.ui import i18n, prompts, text
from enact_match.ui.context import AppContext
from enact_match.ui.exports_ui import ask_save_path, offer_to_open, run_writing
from enact_match.ui.forms import refill_filter_combo
from enact_match.ui.i18n import Retranslating
from enact_match.ui.workers import BackgroundTask, run_in_background

Index = QModelIndex | QPersistentModelIndex
PERIODS = ("all", "this_quarter", "last_quarter", "this_year", "last_12_months", "custom")
_BAR_COLOUR = QColor("#3566a8")


def period_bounds(period: str, today: date) -> tuple[date | None, date | None]:
    """The first and last day of a named period around `today` (None, None for all dates)."""
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    if period == "this_quarter":
        return quarter_start, today
    if period == "last_quarter":
        end = quarter_start - timedelta(days=1)
        return date(end.year, end.month - 2, 1), end
    if period == "this_year":
        return date(today.year, 1, 1), today
    if period == "last_12_months":
        return today - timedelta(days=364), today
    return None, None


def _value_ticks(top: int) -> tuple[int, int]:
    """A whole step of 1, 2 or 5 × 10ⁿ and a tick count whose last tick leaves room above `top`."""
    step = 1
    while step * 4 < top * 1.15:
        for factor in (2, 2.5, 2):  # 1 → 2 → 5 → 10 → 20…
            step = int(step * factor)
            if step * 4 >= top * 1.15:
                break
    return step, math.ceil(top * 1.15 / step) + 1


class BarChartView(QChartView):
    """A bar chart of counts, one bar per code; `bar_clicked(position)` gives the clicked code's position.

    Horizontal charts list their first code at the top (Qt draws it at the bottom: the order is
    reversed for drawing and mapped back for clicks).
    """

    bar_clicked = Signal(int)

    def __init__(self, horizontal: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._horizontal = horizontal
        self._keys: list[str] = []
        self._counts: list[int] = []
        chart = QChart()
        chart.legend().hide()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFixedHeight(250)
        title = chart.titleFont()
        title.setBold(True)
        chart.setTitleFont(title)

    def set_bars(self, keys: Sequence[str], labels: Sequence[str], counts: Sequence[int]) -> None:
        """Show one bar per code, with its label (plain text; a newline breaks the line) and count."""
        self._keys, self._counts = list(keys), list(counts)
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        order = list(range(len(keys)))
        if self._horizontal:
            order.reverse()
        bars = QBarSet("")
        bars.setColor(_BAR_COLOUR)
        bars.setBorderColor(_BAR_COLOUR)
        bars.setLabelColor(self.palette().text().color())
        bars.append([float(counts[i]) for i in order])
        bars.clicked.connect(lambda drawn: self.bar_clicked.emit(order[drawn]))
        series = QHorizontalBarSeries() if self._horizontal else QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        series.setBarWidth(0.7)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        # Qt Charts reads category labels as rich text: escape them, and break lines where asked.
        categories.append([html.escape(labels[i]).replace("\n", "<br>") for i in order])
        values = QValueAxis()
        step, ticks = _value_ticks(max([*counts, 1]))
        values.setRange(0, step * (ticks - 1))
        values.setTickCount(ticks)
        values.setLabelFormat("%d")
        small = categories.labelsFont()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        for axis in (categories, values):
            axis.setLabelsFont(small)
        categories.setTruncateLabels(False)  # an axis's name is worth the room it takes
        if not self._horizontal and len(keys) > 8:
            categories.setLabelsAngle(-90)
        category_side, value_side = (
            (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
            if self._horizontal
            else (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft)
        )
        chart.addAxis(categories, category_side)
        chart.addAxis(values, value_side)
        series.attachAxis(categories)
        series.attachAxis(values)

    def set_title(self, title: str, note: str = "") -> None:
        """The chart's title (one short line: the chart is a third of the page wide) and, as a tooltip,
        what it counts."""
        self.chart().setTitle(title)
        self.setToolTip(note)

    def bars(self) -> list[tuple[str, int]]:
        """The codes and counts shown, in the order given."""
        return list(zip(self._keys, self._counts, strict=True))

    def drawn_counts(self) -> list[float]:
        """The values of the bars as the chart holds them, in the order given."""
        series = self.chart().series()
        if not series:
            return []
        drawn = [series[0].barSets()[0].at(i) for i in range(len(self._keys))]
        return list(reversed(drawn)) if self._horizontal else drawn


class GapsModel(QAbstractTableModel):
    """Competency gaps: the dominant terms (in the interface language), the needs and the best score."""

    COLUMNS = ("terms", "needs", "best_score")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gaps: list[Any] = []

    def set_gaps(self, gaps: Sequence[Any]) -> None:
        self.beginResetModel()
        self._gaps = list(gaps)
        self.endResetModel()

    def gap_at(self, row: int) -> Any:
        return self._gaps[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._gaps)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._gaps):
            return None
        gap = self._gaps[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "terms":
                return ", ".join(gap.terms_fr if i18n.current_language() == "fr" else gap.terms_en)
            if column == "needs":
                return "; ".join(f"{need.ref or ''} {need.title}".strip() for need in gap.needs)
            return "" if gap.best_score is None else QLocale().toString(float(gap.best_score), "f", 0)
        if role == Qt.ItemDataRole.ToolTipRole and column == "needs":
            return "\n".join(f"{need.ref or ''} {need.title}".strip() for need in gap.needs)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "best_score":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        words = {
            "terms": self.tr("Dominant terms"),
            "needs": self.tr("Needs"),
            "best_score": self.tr("Best score"),
        }
        return words[self.COLUMNS[section]]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._gaps:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._gaps) - 1, len(self.COLUMNS) - 1))


class _Tile(QFrame):
    """A key figure: a big number over its caption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("—")
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel()
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)


class DashboardPage(Retranslating, QWidget):
    """Key figures, charts and competency gaps, filtered by period, axis and structure.

    Signals:
        figures_loaded(): the figures of the current filter are on screen.
        gaps_loaded(): the competency gaps of the current filter are listed.
    """

    figures_loaded = Signal()
    gaps_loaded = Signal()

    def __init__(
        self,
        context: AppContext,
        open_page: Callable[[str], QWidget] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._open_page = open_page
        self._dashboard: Dashboard | None = None
        self._generation = 0
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(150)
        self._refresh_timer.timeout.connect(self.refresh)
        self._build_ui()
        self.retranslate_ui()
        self.refresh()

    # ----------------------------------------------------------------- building

    def _build_ui(self) -> None:
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodFilter")
        for code in PERIODS:
            self.period_combo.addItem("", code)
        self.period_combo.currentIndexChanged.connect(self._on_period_combo_changed)
        self.from_edit, self.to_edit = QDateEdit(), QDateEdit()
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDate(QDate.currentDate())
            edit.setEnabled(False)
            edit.dateChanged.connect(self._on_date_edit_changed)
        self.from_label, self.to_label = QLabel(), QLabel()
        self.axis_combo = QComboBox()
        self.axis_combo.setObjectName("axisFilter")
        self.structure_combo = QComboBox()
        self.structure_combo.setObjectName("structureFilter")
        self.structure_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for combo in (self.axis_combo, self.structure_combo):
            combo.currentIndexChanged.connect(self._on_filter_combo_changed)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.busy_label = QLabel()
        self.busy_label.setVisible(False)
        filters = QHBoxLayout()
        for widget in (
            self.period_combo,
            self.from_label,
            self.from_edit,
            self.to_label,
            self.to_edit,
            self.axis_combo,
            self.structure_combo,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.busy_label)
        filters.addWidget(self.export_button)

        self.tiles = {
            key: _Tile() for key in ("needs", "matches", "introduced", "collaborations", "delay", "units")
        }
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile)

        self.axis_chart = BarChartView(horizontal=True)
        self.axis_chart.bar_clicked.connect(self._on_axis_chart_bar_clicked)
        self.structure_chart = BarChartView(horizontal=True)
        self.structure_chart.bar_clicked.connect(self._on_structure_chart_bar_clicked)
        self.month_chart = BarChartView(horizontal=False)
        self.funnel_chart = BarChartView(horizontal=True)
        self.funnel_chart.bar_clicked.connect(self._on_funnel_chart_bar_clicked)
        self.types_chart = BarChartView(horizontal=True)
        self.types_chart.bar_clicked.connect(self._on_funnel_chart_bar_clicked)
        charts = QGridLayout()
        charts.addWidget(self.axis_chart, 0, 0)
        charts.addWidget(self.funnel_chart, 0, 1)
        charts.addWidget(self.types_chart, 0, 2)
        charts.addWidget(self.structure_chart, 1, 0)
        charts.addWidget(self.month_chart, 1, 1, 1, 2)
        for column, stretch in enumerate((4, 3, 3)):
            charts.setColumnStretch(column, stretch)

        self.coverage_label = QLabel()
        self.coverage_label.setTextFormat(Qt.TextFormat.PlainText)
        self.coverage_label.setWordWrap(True)
        self.gaps_title = QLabel()
        heading = self.gaps_title.font()
        heading.setBold(True)
        self.gaps_title.setFont(heading)
        self.gaps_note = QLabel()
        self.gaps_note.setWordWrap(True)
        self.gaps_model = GapsModel(self)
        self.gaps_view = QTableView()
        self.gaps_view.setModel(self.gaps_model)
        self.gaps_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.gaps_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.gaps_view.setWordWrap(True)
        self.gaps_view.verticalHeader().hide()
        header = self.gaps_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.gaps_view.setColumnWidth(0, 360)
        self.gaps_view.setMinimumHeight(160)

        content = QWidget()
        body = QVBoxLayout(content)
        body.addLayout(tiles)
        body.addLayout(charts)
        body.addWidget(self.coverage_label)
        body.addWidget(self.gaps_title)
        body.addWidget(self.gaps_note)
        body.addWidget(self.gaps_view)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(scroll, 1)

    def retranslate_ui(self) -> None:
        periods = {
            "all": self.tr("All dates"),
            "this_quarter": self.tr("This quarter"),
            "last_quarter": self.tr("Last quarter"),
            "this_year": self.tr("This year"),
            "last_12_months": self.tr("Last 12 months"),
            "custom": self.tr("Custom period"),
        }
        for position, code in enumerate(PERIODS):
            self.period_combo.setItemText(position, periods[code])
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        refill_filter_combo(
            self.axis_combo, self.tr("All axes"), [(axis, text.axis_label(axis)) for axis in codes.AXES]
        )
        if self.structure_combo.count() == 0:
            self.structure_combo.addItem("", None)
        self.structure_combo.setItemText(0, self.tr("All structures"))
        self.export_button.setText(self.tr("Export report…"))
        self.export_button.setToolTip(
            self.tr("The figures, charts and gaps as PDF or XLSX, in French or English")
        )
        self.busy_label.setText(self.tr("Computing…"))
        captions = {
            "needs": self.tr("Needs received"),
            "matches": self.tr("Matches proposed"),
            "introduced": self.tr("Introduced"),
            "collaborations": self.tr("Collaborations started"),
            "delay": self.tr("Median days to first introduction"),
            "units": self.tr("Research units with a match"),
        }
        for key, tile in self.tiles.items():
            tile.caption.setText(captions[key])
        self.axis_chart.set_title(self.tr("Needs per axis"))
        self.structure_chart.set_title(self.tr("Needs per structure"))
        self.month_chart.set_title(self.tr("Needs per month"))
        self.funnel_chart.set_title(
            self.tr("Matching funnel"),
            self.tr(
                "Each match is counted once, at the furthest stage it had reached by the end of the period."
            ),
        )
        self.types_chart.set_title(self.tr("Collaborations started by type"))
        self.gaps_title.setText(self.tr("Competency gaps"))
        self.gaps_note.setText(
            self.tr(
                "Needs for which no team scores well, grouped by theme: what the cluster could recruit or "
                "fund (chairs, theses)."
            )
        )
        self.gaps_model.retranslate()
        if self._dashboard is not None:
            self._show_figures(self._dashboard)

    # ----------------------------------------------------------------- filter

    def current_filter(self) -> DashboardFilter:
        """The filter the widgets describe."""
        period = self.period_combo.currentData()
        if period == "custom":
            start, end = self.from_edit.date().toPython(), self.to_edit.date().toPython()
        else:
            start, end = period_bounds(period, date.today())
        return DashboardFilter(start, end, self.axis_combo.currentData(), self.structure_combo.currentData())

    def set_filter(self, chosen: DashboardFilter) -> None:
        """Show the figures of a filter (a custom period when it has dates)."""
        widgets = (self.period_combo, self.from_edit, self.to_edit, self.axis_combo, self.structure_combo)
        blockers = [QSignalBlocker(widget) for widget in widgets]  # one refresh, not one per widget
        has_dates = chosen.start is not None or chosen.end is not None
        self.period_combo.setCurrentIndex(PERIODS.index("custom" if has_dates else "all"))
        self.from_edit.setDate(chosen.start or date(2000, 1, 1))
        self.to_edit.setDate(chosen.end or date.today())
        for edit in (self.from_edit, self.to_edit):
            edit.setEnabled(has_dates)
        self.axis_combo.setCurrentIndex(max(self.axis_combo.findData(chosen.axis), 0))
        if chosen.structure is not None and self.structure_combo.findData(chosen.structure) < 0:
            self.structure_combo.addItem(chosen.structure, chosen.structure)
        self.structure_combo.setCurrentIndex(max(self.structure_combo.findData(chosen.structure), 0))
        for blocker in blockers:
            blocker.unblock()
        self.refresh()

    def _on_period_combo_changed(self, _index: int) -> None:
        period = self.period_combo.currentData()
        custom = period == "custom"
        if not custom and period != "all":
            start, end = period_bounds(period, date.today())
            for edit, day in ((self.from_edit, start), (self.to_edit, end)):
                edit.blockSignals(True)
                edit.setDate(day)
                edit.blockSignals(False)
        for edit in (self.from_edit, self.to_edit):
            edit.setEnabled(custom)
        self._refresh_timer.start()

    def _on_date_edit_changed(self, _day: QDate) -> None:
        self._refresh_timer.start()

    def _on_filter_combo_changed(self, _index: int) -> None:
        self._refresh_timer.start()

    # ----------------------------------------------------------------- loading

    def refresh(self) -> None:
        """Compute the figures of the current filter in the background, then the gaps."""
        self._refresh_timer.stop()
        self._generation += 1
        generation = self._generation
        chosen = self.current_filter()
        db, viewer = self._context.db, self._context.viewer
        self.busy_label.setVisible(True)
        run_in_background(
            lambda: (compute_dashboard(db, chosen, viewer), catalog.list_structures(db)),
            lambda result: self._on_figures_computed(generation, *result),
            self._on_work_failed,
        )

    def _on_figures_computed(
        self, generation: int, dashboard: Dashboard, structures: list[tuple[str, str]]
    ) -> None:
        if generation != self._generation:
            return
        self._dashboard = dashboard
        refill_filter_combo(self.structure_combo, self.tr("All structures"), structures)
        self._show_figures(dashboard)
        self.figures_loaded.emit()
        self._find_gaps(generation, dashboard.filter)

    def _find_gaps(self, generation: int, chosen: DashboardFilter) -> BackgroundTask:
        context = self._context
        db, viewer = context.db, context.viewer

        def work() -> Any:
            from enact_match.services.gaps import find_gaps  # loads the matching engine

            return find_gaps(db, context.suggestions, chosen, viewer)

        def on_done(gaps: Any) -> None:
            if generation != self._generation:
                return
            self.busy_label.setVisible(False)
            self.gaps_model.set_gaps(gaps)
            self.gaps_view.resizeRowsToContents()
            self.gaps_loaded.emit()

        return run_in_background(work, on_done, self._on_work_failed)

    def _on_work_failed(self, error: BaseException) -> None:
        self.busy_label.setVisible(False)
        lines = str(error).strip().splitlines()
        prompts.show_error(
            self, self.tr("Cannot compute the figures"), lines[0] if lines else type(error).__name__
        )

    # ----------------------------------------------------------------- showing

    def _month_words(self, key: str) -> str:
        year, month = (int(part) for part in key.split("-"))
        return QLocale().toString(QDate(year, month, 1), "MMM yy")

    def _show_figures(self, dashboard: Dashboard) -> None:
        locale = QLocale()
        delay = dashboard.time_to_introduction
        coverage = dashboard.coverage
        values = {
            "needs": locale.toString(dashboard.needs_total),
            "matches": locale.toString(dashboard.count_of("funnel", "suggested")),
            "introduced": locale.toString(dashboard.count_of("funnel", "introduced")),
            "collaborations": locale.toString(sum(item.count for item in dashboard.collaborations_by_type)),
            "delay": "—" if delay.median is None else locale.toString(delay.median, "f", 0),
            "units": f"{coverage.suggested} / {coverage.units}",
        }
        for key, tile in self.tiles.items():
            tile.value.setText(values[key])
        self.tiles["delay"].setToolTip(
            self.tr(
                "%1 needs introduced, %2 still waiting; half of the introductions took between %3 and %4 days"
            )
            .replace("%1", str(delay.count))
            .replace("%2", str(delay.pending))
            .replace(
                "%3", "—" if delay.first_quartile is None else locale.toString(delay.first_quartile, "f", 0)
            )
            .replace(
                "%4", "—" if delay.third_quartile is None else locale.toString(delay.third_quartile, "f", 0)
            )
        )
        no_axis, no_structure = self.tr("No axis"), self.tr("No structure")
        figures: list[tuple[BarChartView, str, Callable[[str], str]]] = [
            (
                self.axis_chart,
                "needs_by_axis",
                lambda key: no_axis if key == NONE_KEY else text.axis_label(int(key)).replace(" · ", "\n"),
            ),
            (
                self.structure_chart,
                "needs_by_structure",
                lambda key: no_structure if key == NONE_KEY else key,
            ),
            (self.month_chart, "needs_by_month", self._month_words),
            (self.funnel_chart, "funnel", text.match_status_label),
            (self.types_chart, "collaborations_by_type", text.collaboration_type_label),
        ]
        for chart, figure, words in figures:
            items = getattr(dashboard, figure)
            chart.set_bars(
                [item.key for item in items],
                [words(item.key) for item in items],
                [item.count for item in items],
            )
        institutions = "; ".join(
            f"{text.institution_label(row.key)} {row.suggested}/{row.units}"
            for row in dashboard.coverage_by_institution
        )
        self.coverage_label.setText(
            self.tr(
                "Coverage: %1 of %2 research units had a team proposed, %3 introduced, %4 in a "
                "collaboration. By institution (units with a team proposed): %5"
            )
            .replace("%1", str(coverage.suggested))
            .replace("%2", str(coverage.units))
            .replace("%3", str(coverage.introduced))
            .replace("%4", str(coverage.collaborating))
            .replace("%5", institutions or "—")
        )

    def dashboard(self) -> Dashboard | None:
        """The figures on screen (None before the first load)."""
        return self._dashboard

    # ----------------------------------------------------------------- bar clicks

    def _needs_page(self) -> QWidget | None:
        return self._open_page("needs") if self._open_page is not None else None

    def _on_axis_chart_bar_clicked(self, position: int) -> None:
        key = self.axis_chart.bars()[position][0]
        page = self._needs_page()
        if page is not None:
            page.set_filter_value("axes", None if key == NONE_KEY else int(key))  # type: ignore[attr-defined]
            page.set_filter_value("structure_code", self.structure_combo.currentData())  # type: ignore[attr-defined]

    def _on_structure_chart_bar_clicked(self, position: int) -> None:
        key = self.structure_chart.bars()[position][0]
        page = self._needs_page()
        if page is not None:
            page.set_filter_value("structure_code", None if key == NONE_KEY else key)  # type: ignore[attr-defined]
            page.set_filter_value("axes", self.axis_combo.currentData())  # type: ignore[attr-defined]

    def _on_funnel_chart_bar_clicked(self, _position: int) -> None:
        if self._open_page is None:
            return
        page = self._open_page("matches")
        structure = self.structure_combo.currentData()
        page.set_filters(structure, None)  # type: ignore[attr-defined]
        # A board built just now fills its structure list when its matches arrive: filter again then.
        page.matches_loaded.connect(  # type: ignore[attr-defined]
            lambda _count: page.set_filters(structure, None),  # type: ignore[attr-defined]
            Qt.ConnectionType.SingleShotConnection,
        )

    # ----------------------------------------------------------------- export

    def _on_export_button_clicked(self) -> BackgroundTask | None:
        filters = [
            (self.tr("PDF in French (*.pdf)"), "pdf:fr", ".pdf"),
            (self.tr("PDF in English (*.pdf)"), "pdf:en", ".pdf"),
            (self.tr("Excel workbook in French (*.xlsx)"), "xlsx:fr", ".xlsx"),
            (self.tr("Excel workbook in English (*.xlsx)"), "xlsx:en", ".xlsx"),
        ]
        chosen = ask_save_path(
            self,
            self.tr("Export the report"),
            Path.home() / "enact-report.pdf",
            filters,
            f"pdf:{i18n.current_language()}",
        )
        if chosen is None:
            return None
        path, code = chosen
        return self.export_report(path, code.split(":")[1])

    def export_report(self, path: Path, language: str) -> BackgroundTask:
        """Write the report of the current filter to `path` (.pdf or .xlsx) in the background."""
        context, chosen = self._context, self.current_filter()

        def work() -> Path:
            from enact_match.services.report import write_report  # loads the matching engine and ReportLab

            write_report(context.db, context.suggestions, path, chosen, language, context.viewer)
            return path

        def on_written(written: Path) -> None:
            if written.suffix.lower() == ".pdf":
                offer_to_open(self, written)
            else:
                prompts.show_info(
                    self, self.tr("Report written"), self.tr("%1 is written.").replace("%1", str(written))
                )

        return run_writing(
            self, self.tr("Writing the report…"), work, on_written, self.tr("Cannot write the report")
        )
