"""Why a need and a team match: shared terms highlighted in both texts, French ↔ English pairs, evidence."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from enact_match.services.suggestions import Explanation
from enact_match.services.views import NeedRow, TeamRow
from enact_match.ui import text
from enact_match.ui.i18n import Retranslating

# Highlight colours of matched terms: the same in both texts so the eye pairs them.
_MARK_STYLE = "background-color:#fff1a8;color:#000000;"
_EVIDENCE_ABSTRACT_CHARS = 700


def _form_pattern(form: str) -> str:
    # Words of a form may be separated by any run of spaces or hyphens in the text.
    words = [re.escape(word) for word in re.split(r"[\s\-‐]+", form.strip()) if word]
    return r"[\s\-‐]+".join(words)


def matched_spans(source: str, forms: Iterable[str]) -> list[tuple[int, int]]:
    """Where the forms occur in `source` as whole words (case-insensitive), overlaps merged, in order."""
    patterns = sorted({_form_pattern(form) for form in forms if form.strip()}, key=len, reverse=True)
    if not patterns:
        return []
    regex = re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE)
    spans: list[tuple[int, int]] = []
    for found in regex.finditer(source):
        start, end = found.span()
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def distinct_forms(forms: Iterable[str]) -> list[str]:
    """The forms without case variants ("Maintenance" and "maintenance" are shown once), in order."""
    seen: set[str] = set()
    kept: list[str] = []
    for form in forms:
        if form.casefold() not in seen:
            seen.add(form.casefold())
            kept.append(form)
    return kept


def _mark(plain: str) -> str:
    return f'<span style="{_MARK_STYLE}">{html.escape(plain)}</span>'


def highlight_html(source: str, forms: Iterable[str]) -> str:
    """`source` as escaped HTML with the forms wrapped in a highlight; line breaks kept.

    Every piece of user text is escaped before it is wrapped, so a text holding `<b>x</b>` shows
    those characters.
    """
    pieces: list[str] = []
    position = 0
    for start, end in matched_spans(source, forms):
        pieces.append(html.escape(source[position:start]))
        pieces.append(_mark(source[start:end]))
        position = end
    pieces.append(html.escape(source[position:]))
    return "".join(pieces).replace("\n", "<br/>")


class ExplanationView(Retranslating, QWidget):
    """Shows an explanation beside the need's text and the team's evidence, matched terms highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._explanation: Explanation | None = None
        self._need: NeedRow | None = None
        self._team: TeamRow | None = None
        self._score: float | None = None
        self._build_ui()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("explanationBrowser")
        self.browser.setOpenLinks(False)
        layout.addWidget(self.browser)

    def retranslate_ui(self) -> None:
        self._render()

    def clear(self) -> None:
        self._explanation, self._need, self._team, self._score = None, None, None, None
        self._render()

    def set_explanation(
        self,
        explanation: Explanation | None,
        need: NeedRow | None,
        team: TeamRow | None,
        score: float | None = None,
    ) -> None:
        """Show why `need` and `team` match (texts may be None while they load)."""
        self._explanation, self._need, self._team, self._score = explanation, need, team, score
        self._render()

    def _render(self) -> None:
        if self._explanation is None:
            hint = html.escape(self.tr("Select a suggestion to see why it matches."))
            self.browser.setHtml(f"<p style='color:gray'>{hint}</p>")
            return
        self.browser.setHtml(self.html())

    def html(self) -> str:
        """The explanation as HTML (user text escaped)."""
        explanation = self._explanation
        if explanation is None:
            return ""
        locale = QLocale()
        parts: list[str] = []
        heading = self.tr("Why they match")
        if self._score is not None:
            heading += " — " + self.tr("score %1/100").replace("%1", locale.toString(round(self._score)))
        parts.append(f"<h3>{html.escape(heading)}</h3>")
        parts.append(self._axes_html(explanation))
        parts.append(self._terms_html(explanation, locale))
        need_forms = [form for term in explanation.terms for form in term.need_forms]
        team_forms = [form for term in explanation.terms for form in term.team_forms]
        if self._need is not None:
            need = self._need
            heading = self.tr("The need")
            parts.append(f"<h4>{html.escape(heading)}</h4>")
            parts.append(f"<p><b>{highlight_html(need.title, need_forms)}</b></p>")
            if need.description.strip():
                parts.append(f"<p>{highlight_html(need.description, need_forms)}</p>")
            if need.keywords:
                label = html.escape(self.tr("Keywords:"))
                parts.append(f"<p><i>{label}</i> {highlight_html(', '.join(need.keywords), need_forms)}</p>")
        if self._team is not None:
            parts.append(self._team_html(self._team, explanation, team_forms, locale))
        return "".join(parts)

    def _axes_html(self, explanation: Explanation) -> str:
        need_axes = ", ".join(text.axis_label(axis) for axis in sorted(explanation.need_axes)) or "—"
        team_axes = ", ".join(text.axis_label(axis) for axis in sorted(explanation.team_axes)) or "—"
        line = self.tr("Need's axes: %1 · Team's axes: %2").replace("%1", need_axes).replace("%2", team_axes)
        if explanation.axes_suggested:
            line += " " + self.tr("(some axes suggested from the text)")
        if (
            explanation.need_axes
            and explanation.team_axes
            and not explanation.need_axes & explanation.team_axes
        ):
            line += " — " + self.tr("cross-axis match")
        return f"<p>{html.escape(line)}</p>"

    def _terms_html(self, explanation: Explanation, locale: QLocale) -> str:
        if not explanation.terms:
            nothing = self.tr("No shared term.")
            return f"<p>{html.escape(nothing)}</p>"
        rows = []
        for term in explanation.terms:
            need_side = " / ".join(distinct_forms(term.need_forms))
            team_side = " / ".join(distinct_forms(term.team_forms))
            if need_side.casefold() == team_side.casefold() or not team_side:
                pair = _mark(need_side)
            else:
                pair = f"{_mark(need_side)} ↔ {_mark(team_side)}"
            share = locale.toString(term.share * 100, "f", 0) + "\u202f%"
            rows.append(f"<tr><td>{pair}</td><td align='right'>&nbsp;&nbsp;{html.escape(share)}</td></tr>")
        title = html.escape(self.tr("Shared terms (share of the score)"))
        return f"<h4>{title}</h4><table cellspacing='2'>{''.join(rows)}</table>"

    def _team_html(self, team: TeamRow, explanation: Explanation, forms: list[str], locale: QLocale) -> str:
        heading = self.tr("The team: %1").replace("%1", team.name)
        parts = [f"<h4>{html.escape(heading)}</h4>"]
        if team.statement.strip():
            parts.append(f"<p>{highlight_html(team.statement, forms)}</p>")
        if team.keywords:
            label = html.escape(self.tr("Keywords:"))
            parts.append(f"<p><i>{label}</i> {highlight_html(', '.join(team.keywords), forms)}</p>")
        publications = {str(publication.id): publication for publication in team.publications}
        evidence = [item for item in explanation.evidence if item.kind == "publication"]
        if evidence:
            heading = self.tr("Publications behind the match")
            parts.append(f"<h4>{html.escape(heading)}</h4>")
        for item in evidence:
            publication = publications.get(item.key)
            title = publication.title if publication else item.title
            score = html.escape(self.tr("score %1/100").replace("%1", locale.toString(round(item.score))))
            year = f" ({publication.year})" if publication and publication.year else ""
            parts.append(f"<p><b>{highlight_html(title, forms)}</b>{html.escape(year)} — <i>{score}</i>")
            if publication and publication.abstract.strip():
                abstract = publication.abstract
                if len(abstract) > _EVIDENCE_ABSTRACT_CHARS:
                    abstract = abstract[:_EVIDENCE_ABSTRACT_CHARS].rsplit(" ", 1)[0] + "…"
                parts.append(f"<br/>{highlight_html(abstract, forms)}")
            parts.append("</p>")
        return "".join(parts)
