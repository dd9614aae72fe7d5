"""The quarterly report for ENACT's governance: the dashboard's figures, charts and gaps, as PDF or XLSX.

A report is a finished document in French or English, so its words live here (as those of the
briefs do), with the briefs' fonts and text escaping. The PDF draws its charts with
reportlab.graphics; the XLSX has one sheet per group of figures, formula-safe cells (exports), and
native bar and line charts.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from enact_match.services.briefs import LABELS, PdfLayout, build_pdf
from enact_match.services.catalog import Viewer
from enact_match.services.dashboard import Dashboard, DashboardFilter, compute_dashboard
from enact_match.services.exports import fill_sheet, write_atomically
from enact_match.services.gaps import GAP_THRESHOLD, CompetencyGap, find_gaps
from enact_match.services.suggestions import SuggestionService
from enact_match.storage.database import Database

LANGS = ("fr", "en")
FORMATS = {".pdf": "pdf", ".xlsx": "xlsx"}
# Gap needs listed per theme in the PDF (the XLSX lists them all).
GAP_NEEDS_SHOWN = 4

_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Rapport d'activité ENACT",
        "period": "Période",
        "all_dates": "toutes dates",
        "from_to": "du {0} au {1}",
        "since": "depuis le {0}",
        "until": "jusqu'au {0}",
        "axis": "Axe",
        "structure": "Structure",
        "all": "tous",
        "all_structures": "toutes",
        "summary": "Chiffres clés",
        "figure": "Indicateur",
        "value": "Valeur",
        "needs": "Besoins reçus",
        "matches": "Mises en relation proposées",
        "introductions": "Mises en relation présentées",
        "collaborations": "Collaborations engagées",
        "median_days": "Délai médian jusqu'à la première présentation (jours)",
        "quartiles": "1er et 3e quartiles (jours)",
        "introduced_needs": "Besoins présentés à une équipe",
        "pending": "Besoins en attente de présentation",
        "declined": "Mises en relation déclinées",
        "by_axis": "Besoins par axe",
        "by_structure": "Besoins par structure",
        "by_month": "Besoins par mois",
        "funnel": "Entonnoir des mises en relation",
        "funnel_note": "Mises en relation proposées dans la période, par étape la plus avancée atteinte.",
        "by_type": "Collaborations engagées par type",
        "coverage": "Couverture des unités de recherche",
        "institution": "Établissement",
        "units": "Unités",
        "suggested": "Proposées",
        "introduced": "Présentées",
        "collaborating": "En collaboration",
        "all_units": "Toutes les unités",
        "gaps": "Manques de compétences",
        "gaps_note": "Besoins pour lesquels aucune équipe n'atteint {0}/100, regroupés par thème.",
        "theme": "Thème",
        "terms": "Termes dominants",
        "gap_needs": "Besoins",
        "best_score": "Meilleur score",
        "need_ref": "Référence",
        "need_title": "Besoin",
        "no_gap": "Aucun manque : chaque besoin a une équipe qui y répond bien.",
        "count": "Nombre",
        "key": "Code",
        "label": "Libellé",
        "month": "Mois",
        "stage": "Étape",
        "type": "Type",
        "none_axis": "Sans axe",
        "none_structure": "Sans structure",
        "more": "et {0} autres",
        "sheet_summary": "Synthèse",
        "sheet_axes": "Axes",
        "sheet_structures": "Structures",
        "sheet_months": "Mois",
        "sheet_funnel": "Entonnoir",
        "sheet_types": "Collaborations",
        "sheet_coverage": "Couverture",
        "sheet_gaps": "Manques",
        "suggested_stage": "Suggérée",
        "shortlisted_stage": "Retenue",
        "introduced_stage": "Présentée",
        "meeting_held_stage": "Rencontre faite",
        "collaboration_started_stage": "Collaboration engagée",
        "cifre": "Thèse CIFRE",
        "research_contract": "Contrat de recherche",
        "service_contract": "Prestation de service",
        "licence": "Licence",
        "joint_lab": "Laboratoire commun",
        "enact_chair": "Chaire ENACT",
        "maturation": "Maturation",
        "other": "Autre",
        "UL": "Université de Lorraine",
        "UNISTRA": "Université de Strasbourg",
        "INRIA": "Inria",
        "CNRS": "CNRS",
        "INSERM": "Inserm",
        "CHRU_NANCY": "CHRU de Nancy",
        "HUS": "Hôpitaux universitaires de Strasbourg",
        "OTHER": "Autre",
    },
    "en": {
        "title": "ENACT activity report",
        "period": "Period",
        "all_dates": "all dates",
        "from_to": "{0} to {1}",
        "since": "since {0}",
        "until": "until {0}",
        "axis": "Axis",
        "structure": "Structure",
        "all": "all",
        "all_structures": "all",
        "summary": "Key figures",
        "figure": "Figure",
        "value": "Value",
        "needs": "Needs received",
        "matches": "Matches proposed",
        "introductions": "Matches introduced",
        "collaborations": "Collaborations started",
        "median_days": "Median time to first introduction (days)",
        "quartiles": "First and third quartiles (days)",
        "introduced_needs": "Needs introduced to a team",
        "pending": "Needs awaiting an introduction",
        "declined": "Matches declined",
        "by_axis": "Needs per axis",
        "by_structure": "Needs per structure",
        "by_month": "Needs per month",
        "funnel": "Matching funnel",
        "funnel_note": "Matches proposed in the period, by the furthest stage they reached.",
        "by_type": "Collaborations started by type",
        "coverage": "Coverage of research units",
        "institution": "Institution",
        "units": "Units",
        "suggested": "Proposed",
        "introduced": "Introduced",
        "collaborating": "Collaborating",
        "all_units": "All units",
        "gaps": "Competency gaps",
        "gaps_note": "Needs for which no team reaches {0}/100, grouped by theme.",
        "theme": "Theme",
        "terms": "Dominant terms",
        "gap_needs": "Needs",
        "best_score": "Best score",
        "need_ref": "Reference",
        "need_title": "Need",
        "no_gap": "No gap: every need has a team that answers it well.",
        "count": "Count",
        "key": "Code",
        "label": "Label",
        "month": "Month",
        "stage": "Stage",
        "type": "Type",
        "none_axis": "No axis",
        "none_structure": "No structure",
        "more": "and {0} more",
        "sheet_summary": "Summary",
        "sheet_axes": "Axes",
        "sheet_structures": "Structures",
        "sheet_months": "Months",
        "sheet_funnel": "Funnel",
        "sheet_types": "Collaborations",
        "sheet_coverage": "Coverage",
        "sheet_gaps": "Gaps",
        "suggested_stage": "Suggested",
        "shortlisted_stage": "Shortlisted",
        "introduced_stage": "Introduced",
        "meeting_held_stage": "Meeting held",
        "collaboration_started_stage": "Collaboration started",
        "cifre": "CIFRE thesis",
        "research_contract": "Research contract",
        "service_contract": "Service contract",
        "licence": "Licence",
        "joint_lab": "Joint laboratory",
        "enact_chair": "ENACT chair",
        "maturation": "Maturation",
        "other": "Other",
        "UL": "Université de Lorraine",
        "UNISTRA": "Université de Strasbourg",
        "INRIA": "Inria",
        "CNRS": "CNRS",
        "INSERM": "Inserm",
        "CHRU_NANCY": "CHRU Nancy",
        "HUS": "Strasbourg University Hospitals",
        "OTHER": "Other",
    },
}


class ReportError(ValueError):
    """A report was refused: `lang` (unknown language) or `format` (not .pdf or .xlsx)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class ReportContent:
    """What a report shows: the figures and the competency gaps of one filter."""

    dashboard: Dashboard
    gaps: tuple[CompetencyGap, ...]


@dataclass(frozen=True)
class ReportResult:
    """What was written: the file, its format and its page count (PDF only)."""

    path: Path
    format: str
    pages: int | None


def read_report(
    db: Database, service: SuggestionService, chosen: DashboardFilter, viewer: Viewer | None = None
) -> ReportContent:
    """The figures and gaps of a report (the slow part: the gaps rank every need)."""
    return ReportContent(compute_dashboard(db, chosen, viewer), find_gaps(db, service, chosen, viewer))


def report_format(path: Path) -> str:
    """`pdf` or `xlsx` from the file's extension; raises ReportError(`format`)."""
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise ReportError("format", path.suffix)
    return found


def write_report(
    db: Database,
    service: SuggestionService,
    path: Path,
    chosen: DashboardFilter,
    lang: str = "fr",
    viewer: Viewer | None = None,
) -> ReportResult:
    """Write the report of a filter (period, axis, structure) as PDF or XLSX, chosen by the extension.

    Raises:
        ReportError: `lang` or `format`, before anything is computed.
        ExportError: `unwritable` when the XLSX file cannot be written.
    """
    kind = report_format(path)
    if lang not in LANGS:
        raise ReportError("lang", lang)
    content = read_report(db, service, chosen, viewer)
    if kind == "pdf":
        return ReportResult(path, kind, write_pdf(content, path, lang))
    write_xlsx(content, path, lang)
    return ReportResult(path, kind, None)


# --------------------------------------------------------------------------- shared wording


def _number(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def _day(value: date, lang: str) -> str:
    return value.strftime("%d/%m/%Y") if lang == "fr" else value.isoformat()


def _period_words(chosen: DashboardFilter, lang: str) -> str:
    words = _WORDS[lang]
    start = _day(chosen.start, lang) if chosen.start else None
    end = _day(chosen.end, lang) if chosen.end else None
    if start and end:
        return words["from_to"].format(start, end)
    if start:
        return words["since"].format(start)
    if end:
        return words["until"].format(end)
    return words["all_dates"]


def _axis_words(key: str, lang: str) -> str:
    return LABELS[lang].get(int(key), key) if key.isdigit() else _WORDS[lang]["none_axis"]


def _bar_words(figure: str, key: str, lang: str) -> str:
    """The label of a bar of a figure: an axis, a structure code, a month, a stage or a type."""
    words = _WORDS[lang]
    if figure == "needs_by_axis":
        return _axis_words(key, lang)
    if figure == "needs_by_structure":
        return words["none_structure"] if key == "none" else key
    if figure == "funnel":
        return words[f"{key}_stage"]
    if figure == "collaborations_by_type":
        return words.get(key, key)
    return key


def _filter_rows(chosen: DashboardFilter, lang: str) -> list[tuple[str, str]]:
    words = _WORDS[lang]
    return [
        (words["period"], _period_words(chosen, lang)),
        (words["axis"], _axis_words(str(chosen.axis), lang) if chosen.axis else words["all"]),
        (words["structure"], chosen.structure or words["all_structures"]),
    ]


def _summary_rows(dashboard: Dashboard, lang: str) -> list[tuple[str, Any]]:
    """The key figures as (words, value): numbers stay numbers (None where there is no value)."""
    words = _WORDS[lang]
    delay = dashboard.time_to_introduction
    return [
        (words["needs"], dashboard.needs_total),
        (words["matches"], dashboard.count_of("funnel", "suggested")),
        (words["introductions"], dashboard.count_of("funnel", "introduced")),
        (words["collaborations"], sum(item.count for item in dashboard.collaborations_by_type)),
        (words["declined"], dashboard.declined),
        (words["introduced_needs"], delay.count),
        (words["pending"], delay.pending),
        (words["median_days"], delay.median),
    ]


def _quartiles(dashboard: Dashboard, lang: str) -> str:
    delay = dashboard.time_to_introduction
    return f"{_number(delay.first_quartile, lang)} – {_number(delay.third_quartile, lang)}"


def _coverage_rows(dashboard: Dashboard, lang: str) -> list[list[Any]]:
    words = _WORDS[lang]
    rows = [dashboard.coverage, *dashboard.coverage_by_institution]
    return [
        [
            words["all_units"] if row.key == "all" else words.get(row.key, row.key),
            row.units,
            row.suggested,
            row.introduced,
            row.collaborating,
        ]
        for row in rows
    ]


def _rounded(score: float | None) -> float | None:
    return None if score is None else round(score, 1)


def _terms(gap: CompetencyGap, lang: str) -> str:
    return ", ".join(gap.terms_fr if lang == "fr" else gap.terms_en)


# --------------------------------------------------------------------------- PDF


def _chart(
    items: Sequence[tuple[str, int]], width: float, height: float, horizontal: bool, slanted: bool = False
) -> Any:
    """A bar chart Drawing with the count printed at the end of each bar."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    drawing = Drawing(width, height)
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    label_room = 175 if horizontal else 10
    bottom = 60 if slanted else 30
    chart.x, chart.y = label_room, (10 if horizontal else bottom)
    chart.width = width - label_room - 25
    chart.height = height - chart.y - 15
    # A horizontal chart draws its first category at the bottom: reverse, so the list reads downwards.
    shown = list(reversed(items)) if horizontal else list(items)
    chart.data = [[count for _key, count in shown] or [0]]
    chart.categoryAxis.categoryNames = [label for label, _count in shown] or [""]
    chart.bars[0].fillColor = colors.HexColor("#3566a8")
    chart.bars[0].strokeColor = None
    top = max([count for _key, count in items] + [1])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top * 1.15
    chart.valueAxis.valueStep = max(1, math.ceil(top / 5))  # whole numbers only: counts
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.valueAxis.labels.fontName = "EnactVera"
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d"
    labels = chart.categoryAxis.labels
    labels.fontName = "EnactVera"
    labels.fontSize = 7.5
    if slanted:
        labels.angle, labels.boxAnchor, labels.dy = 45, "ne", -2
    elif horizontal:
        labels.boxAnchor, labels.dx = "e", -4
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = "EnactVera"
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 7
    drawing.add(chart)
    return drawing


def _table(rows: list[list[Any]], widths: list[float], layout: PdfLayout) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    cells = [[layout.para(value, layout.small) for value in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#3566a8")),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#cccccc")),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def write_pdf(content: ReportContent, path: Path, lang: str) -> int:
    """Write the report as an A4 PDF; returns its page count."""
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, Spacer

    layout = PdfLayout(lang)
    words = _WORDS[lang]
    dashboard = content.dashboard
    width = 170 * mm
    story: list[Any] = [layout.para(words["title"], layout.title), Spacer(1, 2 * mm)]
    for label, value in _filter_rows(dashboard.filter, lang):
        story.append(layout.para(value, bold_label=f"{label}{layout.labels['colon']}"))
    story.append(layout.para(words["summary"], layout.heading))
    summary = [[words["figure"], words["value"]]]
    summary += [[label, _number(value, lang)] for label, value in _summary_rows(dashboard, lang)]
    summary.append([words["quartiles"], _quartiles(dashboard, lang)])
    story.append(_table(summary, [120 * mm, 40 * mm], layout))

    def chart_section(title: str, figure: str, height: float, horizontal: bool, note: str = "") -> None:
        items = [(_bar_words(figure, item.key, lang), item.count) for item in getattr(dashboard, figure)]
        story.append(CondPageBreak(height + 20 * mm))
        story.append(layout.para(title, layout.heading))
        if note:
            story.append(layout.para(note, layout.small))
        slanted = figure == "needs_by_month" and len(items) > 8
        story.append(_chart(items, width, height, horizontal, slanted))

    chart_section(words["by_axis"], "needs_by_axis", 45 * mm, horizontal=True)
    rows = max(len(dashboard.needs_by_structure), 1)
    chart_section(words["by_structure"], "needs_by_structure", (12 + 6 * rows) * mm, horizontal=True)
    chart_section(words["by_month"], "needs_by_month", 60 * mm, horizontal=False)
    chart_section(words["funnel"], "funnel", 50 * mm, horizontal=True, note=words["funnel_note"])
    if dashboard.collaborations_by_type:
        types = max(len(dashboard.collaborations_by_type), 1)
        chart_section(words["by_type"], "collaborations_by_type", (12 + 6 * types) * mm, horizontal=True)
    story.append(CondPageBreak(50 * mm))
    story.append(layout.para(words["coverage"], layout.heading))
    header = [words["institution"], words["units"], words["suggested"], words["introduced"]]
    coverage = [[*header, words["collaborating"]], *_coverage_rows(dashboard, lang)]
    story.append(_table(coverage, [66 * mm, 26 * mm, 26 * mm, 26 * mm, 26 * mm], layout))
    story.append(CondPageBreak(40 * mm))
    story.append(layout.para(words["gaps"], layout.heading))
    story.append(layout.para(words["gaps_note"].format(f"{GAP_THRESHOLD:.0f}"), layout.small))
    if content.gaps:
        gaps = [[words["terms"], words["gap_needs"], words["best_score"]]]
        for gap in content.gaps:
            listed = [f"{need.ref or ''} {need.title}".strip() for need in gap.needs[:GAP_NEEDS_SHOWN]]
            if len(gap.needs) > GAP_NEEDS_SHOWN:
                listed.append(words["more"].format(len(gap.needs) - GAP_NEEDS_SHOWN))
            gaps.append([_terms(gap, lang), "\n".join(listed), _number(gap.best_score, lang)])
        story.append(_table(gaps, [55 * mm, 95 * mm, 20 * mm], layout))
    else:
        story.append(layout.para(words["no_gap"]))
    return build_pdf(path, story, layout, words["title"])


# --------------------------------------------------------------------------- XLSX


def _figure_rows(dashboard: Dashboard, figure: str, lang: str) -> list[list[Any]]:
    return [[item.key, _bar_words(figure, item.key, lang), item.count] for item in getattr(dashboard, figure)]


def _add_chart(sheet: Any, title: str, rows: int, line: bool = False) -> None:
    """A native chart of the sheet's count column (C) by its label column (B), right of the table."""
    from openpyxl.chart import BarChart, LineChart, Reference

    if rows == 0:
        return
    chart = LineChart() if line else BarChart()
    if not line:
        chart.type = "bar"  # horizontal bars: long labels stay readable
    chart.title = title
    chart.legend = None
    chart.add_data(Reference(sheet, min_col=3, min_row=1, max_row=rows + 1), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=2, min_row=2, max_row=rows + 1))
    chart.width, chart.height = 18, max(7.5, 0.6 * rows + 3)
    sheet.add_chart(chart, "E2")


def write_xlsx(content: ReportContent, path: Path, lang: str) -> None:
    """Write the report as an XLSX workbook: one sheet per group of figures, with native charts."""
    import openpyxl

    words = _WORDS[lang]
    dashboard = content.dashboard
    workbook = openpyxl.Workbook()
    summary = workbook.active
    summary.title = words["sheet_summary"]
    rows: list[list[Any]] = [[label, value] for label, value in _filter_rows(dashboard.filter, lang)]
    rows += [[label, value] for label, value in _summary_rows(dashboard, lang)]
    rows.append([words["quartiles"], _quartiles(dashboard, lang)])
    fill_sheet(summary, [words["figure"], words["value"]], rows)
    charts = (
        ("sheet_axes", "needs_by_axis", words["axis"], words["by_axis"], False),
        ("sheet_structures", "needs_by_structure", words["structure"], words["by_structure"], False),
        ("sheet_months", "needs_by_month", words["month"], words["by_month"], True),
        ("sheet_funnel", "funnel", words["stage"], words["funnel"], False),
        ("sheet_types", "collaborations_by_type", words["type"], words["by_type"], False),
    )
    for sheet_word, figure, label, title, line in charts:
        sheet = workbook.create_sheet(words[sheet_word])
        figure_rows = _figure_rows(dashboard, figure, lang)
        fill_sheet(sheet, [words["key"], label, words["count"]], figure_rows)
        _add_chart(sheet, title, len(figure_rows), line)
    coverage = workbook.create_sheet(words["sheet_coverage"])
    header = [words["institution"], words["units"], words["suggested"], words["introduced"]]
    fill_sheet(coverage, [*header, words["collaborating"]], _coverage_rows(dashboard, lang))
    gaps = workbook.create_sheet(words["sheet_gaps"])
    gap_rows = [
        [number, _terms(gap, lang), need.ref, need.title, _rounded(need.best_score)]
        for number, gap in enumerate(content.gaps, start=1)
        for need in gap.needs
    ]
    gap_header = [words["theme"], words["terms"], words["need_ref"], words["need_title"], words["best_score"]]
    fill_sheet(gaps, gap_header, gap_rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_atomically(path, buffer.getvalue())
