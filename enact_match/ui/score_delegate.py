"""Painting scores and axes: score bars (0–100), axis chips with the cross-axis flag, and match cards."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from enact_match.services.views import MatchRow
from enact_match.ui import text

# Custom roles the models of the suggestions and pipeline pages fill for these delegates.
SCORE_ROLE = Qt.ItemDataRole.UserRole + 1  # float, 0–100
AXES_ROLE = Qt.ItemDataRole.UserRole + 2  # tuple[int, ...]
CROSS_AXIS_ROLE = Qt.ItemDataRole.UserRole + 3  # bool
MATCH_ROLE = Qt.ItemDataRole.UserRole + 4  # MatchRow
SORT_ROLE = Qt.ItemDataRole.UserRole + 5  # a sortable value (numbers as numbers)

# One hue per ENACT axis, readable with white text on light and dark palettes.
AXIS_COLOURS = {1: QColor("#3566a8"), 2: QColor("#2b7a4b"), 3: QColor("#a33f6e")}
CROSS_AXIS_COLOUR = QColor("#b25b00")

_Index = QModelIndex | QPersistentModelIndex


def score_colour(score: float) -> QColor:
    """Bar colour: grey-blue for weak, blue for fair, green for strong scores."""
    if score >= 60:
        return QColor("#2e8b57")
    if score >= 35:
        return QColor("#3b78c2")
    return QColor("#8a94a6")


def paint_score_bar(painter: QPainter, rect: QRect, score: float, palette: QPalette) -> None:
    """A horizontal bar filled to `score`/100 with the rounded score written after it."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = painter.fontMetrics()
    label = str(round(score))
    label_width = metrics.horizontalAdvance("100") + 6
    bar = QRect(rect.left(), rect.center().y() - 4, max(rect.width() - label_width, 10), 8)
    groove = QColor(palette.color(QPalette.ColorRole.Mid))
    groove.setAlpha(90)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(groove)
    painter.drawRoundedRect(bar, 4, 4)
    filled = QRect(bar)
    filled.setWidth(max(int(bar.width() * min(max(score, 0.0), 100.0) / 100.0), 4))
    painter.setBrush(score_colour(score))
    painter.drawRoundedRect(filled, 4, 4)
    painter.setPen(palette.color(QPalette.ColorRole.Text))
    text_rect = QRect(bar.right() + 4, rect.top(), label_width, rect.height())
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, label)
    painter.restore()


def chip_width(metrics: QFontMetrics, label: str) -> int:
    return metrics.horizontalAdvance(label) + 12


def paint_chips(painter: QPainter, rect: QRect, chips: list[tuple[str, QColor]]) -> None:
    """Rounded coloured labels side by side from the left of `rect` (those that do not fit are left out)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = painter.fontMetrics()
    height = min(metrics.height() + 4, rect.height())
    x = rect.left()
    top = rect.center().y() - height // 2
    for label, colour in chips:
        width = chip_width(metrics, label)
        if x + width > rect.right() + 1:
            break
        chip = QRect(x, top, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(chip, height / 2, height / 2)
        painter.setPen(QColor("white"))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)
        x += width + 4
    painter.restore()


def axis_chips(axes: tuple[int, ...], cross_axis: bool) -> list[tuple[str, QColor]]:
    """The chips of a set of axes, followed by the cross-axis flag when it applies."""
    chips = [(text.axis_short(axis), AXIS_COLOURS.get(axis, QColor("#666666"))) for axis in sorted(axes)]
    if cross_axis:
        chips.append((QApplication.translate("ScoreDelegate", "cross-axis"), CROSS_AXIS_COLOUR))
    return chips


def _paint_background(painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
    """The item's selection and hover background, without its text (the delegate paints the rest)."""
    background = QStyleOptionViewItem(option)
    QStyledItemDelegate().initStyleOption(background, index)
    background.text = ""
    style = background.widget.style() if background.widget else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, background.widget)


class ScoreDelegate(QStyledItemDelegate):
    """Paints the `SCORE_ROLE` of a cell as a bar from 0 to 100."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        score = index.data(SCORE_ROLE)
        if score is None:
            super().paint(painter, option, index)
            return
        _paint_background(painter, option, index)
        paint_score_bar(painter, option.rect.adjusted(6, 2, -6, -2), float(score), option.palette)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(140, max(super().sizeHint(option, index).height(), 22))


class AxisChipsDelegate(QStyledItemDelegate):
    """Paints the `AXES_ROLE` of a cell as chips, with a "cross-axis" chip when `CROSS_AXIS_ROLE` is set."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        axes = index.data(AXES_ROLE)
        if axes is None:
            super().paint(painter, option, index)
            return
        _paint_background(painter, option, index)
        chips = axis_chips(tuple(axes), bool(index.data(CROSS_AXIS_ROLE)))
        paint_chips(painter, option.rect.adjusted(6, 2, -4, -2), chips)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        metrics = option.fontMetrics
        chips = axis_chips(tuple(index.data(AXES_ROLE) or ()), bool(index.data(CROSS_AXIS_ROLE)))
        width = sum(chip_width(metrics, label) + 4 for label, _colour in chips) + 12
        return QSize(max(width, 40), metrics.height() + 8)


def two_lines(text: str, metrics: QFontMetrics, width: int) -> tuple[str, str]:
    """Split a title over two lines at a word boundary; the second line is elided if still too long."""
    words = text.split()
    first: list[str] = []
    while words and metrics.horizontalAdvance(" ".join([*first, words[0]])) <= width:
        first.append(words.pop(0))
    if not first:  # a single word wider than the card
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width), ""
    return " ".join(first), metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width)


class MatchCardDelegate(QStyledItemDelegate):
    """Paints a match (`MATCH_ROLE`) as a card: need title, team and unit, company, score bar."""

    PADDING = 8

    def _lines(self, option: QStyleOptionViewItem) -> tuple[QFont, int]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFontMetrics(option.font).height()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        _bold, line = self._lines(option)
        match = index.data(MATCH_ROLE)
        lines = 5 if isinstance(match, MatchRow) and match.score is not None else 4
        # A narrow width hint: the card takes the column's width, never a horizontal scroll bar.
        return QSize(120, 2 * self.PADDING + lines * line + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        match = index.data(MATCH_ROLE)
        if not isinstance(match, MatchRow):
            super().paint(painter, option, index)
            return
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        card = option.rect.adjusted(3, 3, -3, -3)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Mid))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(card, 6, 6)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(QRect(card.left(), card.top(), 4, card.height()), 2, 2)
        bold, line = self._lines(option)
        inner = card.adjusted(self.PADDING, self.PADDING - 2, -self.PADDING, -self.PADDING)
        width = inner.width()
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.setFont(bold)
        for number, title_line in enumerate(two_lines(match.need_title, QFontMetrics(bold), width)):
            painter.drawText(
                QRect(inner.left(), inner.top() + number * line, width, line),
                Qt.AlignmentFlag.AlignLeft,
                title_line,
            )
        painter.setFont(option.font)
        metrics = QFontMetrics(option.font)
        team = match.team_name + (f" · {match.unit_acronym}" if match.unit_acronym else "")
        company = match.company_name or "—"
        for number, value in ((2, team), (3, company)):
            shown = metrics.elidedText(value, Qt.TextElideMode.ElideRight, width)
            painter.drawText(
                QRect(inner.left(), inner.top() + number * line, width, line),
                Qt.AlignmentFlag.AlignLeft,
                shown,
            )
        if match.score is not None:
            bar = QRect(inner.left(), inner.top() + 4 * line + 2, min(width, 160), line)
            paint_score_bar(painter, bar, match.score, palette)
        painter.restore()
