"""Match briefs: a one-page PDF for a need (to print at a stand) and a shortlist report for several.

Laid out with ReportLab's Platypus (flowing paragraphs and tables, pagination, page numbers). A PDF
is a finished document, not a screen, so its few labels live here in French and English rather than
in `ui/`. User text is escaped before it reaches ReportLab's paragraph mini-markup (a company named
`<b>x</b>` prints those characters), and characters the embedded font lacks become "?" instead of
black boxes. The font is Bitstream Vera, shipped inside ReportLab, so every machine prints alike.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from sqlalchemy import or_, select

from enact_match.services.catalog import Viewer, need_visibility
from enact_match.services.records import RecordNotFoundError, find_by_ref
from enact_match.services.suggestions import SuggestionRow, SuggestionService
from enact_match.storage.database import Database
from enact_match.storage.models import Contact, Need

LANGS = ("fr", "en")
LABELS = {
    "fr": {
        "colon": " :",
        "brief": "Fiche de mise en relation",
        "shortlist": "Sélection d'équipes par besoin",
        "company": "Entreprise",
        "structure": "Structure",
        "owner": "Suivi par",
        "trl": "TRL",
        "axes": "Axes ENACT",
        "keywords": "Mots-clés",
        "teams": "Équipes suggérées",
        "team": "Équipe",
        "score": "Score",
        "why": "Pourquoi",
        "contacts": "Contacts",
        "none": "aucune",
        "evidence": "à l'appui",
        "page": "page",
        "anonymous": "entreprise non précisée",
        "cross_axis": "hors axe",
        1: "Axe 1 · Langage et multimodal",
        2: "Axe 2 · IA pour l'ingénierie et les sciences",
        3: "Axe 3 · Santé numérique",
    },
    "en": {
        "colon": ":",
        "brief": "Match brief",
        "shortlist": "Shortlist of teams per need",
        "company": "Company",
        "structure": "Structure",
        "owner": "Followed by",
        "trl": "TRL",
        "axes": "ENACT axes",
        "keywords": "Keywords",
        "teams": "Suggested teams",
        "team": "Team",
        "score": "Score",
        "why": "Why",
        "contacts": "Contacts",
        "none": "none",
        "evidence": "evidence",
        "page": "page",
        "anonymous": "company not given",
        "cross_axis": "cross-axis",
        1: "Axis 1 · Language & multimodal",
        2: "Axis 2 · AI for engineering & science",
        3: "Axis 3 · Digital health",
    },
}
DESCRIPTION_CHARS = 1200


class BriefError(ValueError):
    """A brief was refused: `lang` or `need` (unknown reference)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class ContactLine:
    """A contact printed on a brief."""

    name: str
    role: str | None
    email: str | None
    phone: str | None
    organisation: str | None


@dataclass(frozen=True)
class NeedBrief:
    """Everything printed about one need: plain values read in one unit of work."""

    ref: str | None
    title: str
    description: str
    company: str | None
    structure: str | None
    owner: str | None
    trl: int | None
    axes: tuple[int, ...]
    keywords: tuple[str, ...]
    suggestions: tuple[SuggestionRow, ...]
    contacts: tuple[ContactLine, ...]


@dataclass(frozen=True)
class BriefReport:
    """What was written: the file, its page count and the needs it covers."""

    path: Path
    pages: int
    needs: tuple[str, ...]


def _contact_line(contact: Contact, organisation: str | None) -> ContactLine:
    return ContactLine(
        contact.name, contact.role, contact.email, contact.phone, contact.organisation or organisation
    )


def read_brief(
    db: Database, service: SuggestionService, need_ref: str, top: int = 5, viewer: Viewer | None = None
) -> NeedBrief:
    """The need, its best teams (with the engine's explanation) and the contacts to call.

    Raises:
        BriefError: `need` when no need has this reference, or the viewer may not see it.
    """
    with db.reading() as session:
        need = find_by_ref(session, "needs", need_ref)
        hidden = (
            need is not None
            and viewer is not None
            and session.scalar(select(Need.id).where(Need.id == need.id, need_visibility(viewer))) is None
        )
        if need is None or hidden:
            raise BriefError("need", need_ref)
        need_id: uuid.UUID = need.id
    suggestions = tuple(service.teams_for_need(need_id, top, explain=True))
    with db.reading() as session:
        need = session.get(Need, need_id)
        if need is None:
            raise RecordNotFoundError(need_ref)
        team_ids = [row.team_id for row in suggestions]
        conditions: list[Any] = [Contact.team_id.in_(team_ids)] if team_ids else []
        if need.company_id is not None:
            conditions.append(Contact.company_id == need.company_id)
        contacts: list[ContactLine] = []
        if conditions:
            for contact in session.scalars(select(Contact).where(or_(*conditions)).order_by(Contact.name)):
                organisation = contact.company.name if contact.company else None
                if contact.team is not None:
                    organisation = contact.team.acronym or contact.team.name
                contacts.append(_contact_line(contact, organisation))
        company = need.company
        return NeedBrief(
            need.ref,
            need.title,
            need.description or "",
            ", ".join(filter(None, (company.name, company.city))) if company else None,
            need.structure.name if need.structure else None,
            need.owner,
            need.trl,
            tuple(need.axes or ()),
            tuple(need.keywords or ()),
            suggestions,
            tuple(contacts[:8]),
        )


# --------------------------------------------------------------------------- layout


class PdfLayout:
    """Fonts, styles and the text helpers of one document."""

    def __init__(self, lang: str) -> None:
        from reportlab.lib import colors
        from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        if "EnactVera" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("EnactVera", "Vera.ttf"))
            pdfmetrics.registerFont(TTFont("EnactVera-Bold", "VeraBd.ttf"))
        self.font = pdfmetrics.getFont("EnactVera")
        self.labels: dict[Any, str] = LABELS[lang]
        sample = getSampleStyleSheet()
        base = ParagraphStyle("base", parent=sample["Normal"], fontName="EnactVera", fontSize=9, leading=11.5)
        self.body = base
        self.small = ParagraphStyle(
            "small", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#333333")
        )
        self.title = ParagraphStyle("title", parent=base, fontName="EnactVera-Bold", fontSize=15, leading=19)
        self.heading = ParagraphStyle(
            "heading",
            parent=base,
            fontName="EnactVera-Bold",
            fontSize=11,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
        )
        self.kicker = ParagraphStyle("kicker", parent=base, fontSize=8, textColor=colors.HexColor("#3566a8"))

    def text(self, value: Any) -> str:
        """User text made safe for Paragraph markup, with glyphs the font lacks replaced by "?"."""
        face = self.font.face
        plain = "".join(
            char if ord(char) in face.charToGlyph or char in "\n\t" else "?" for char in str(value)
        )
        return escape(plain).replace("\n", "<br/>")

    def para(self, value: Any, style: Any = None, bold_label: str | None = None) -> Any:
        from reportlab.platypus import Paragraph

        body = self.text(value)
        if bold_label:
            body = f'<font name="EnactVera-Bold">{self.text(bold_label)}</font> {body}'
        return Paragraph(body, style or self.body)


def _why(row: SuggestionRow, layout: PdfLayout) -> str:
    explanation = row.explanation
    if explanation is None:
        return ""
    parts = []
    for term in explanation.terms[:4]:
        need_side, team_side = " / ".join(term.need_forms), " / ".join(term.team_forms)
        pair = need_side if need_side == team_side else f"{need_side} ~ {team_side}"
        parts.append(f"{pair} ({term.share * 100:.0f} %)")
    text = "; ".join(parts)
    publications = [item for item in explanation.evidence if item.kind == "publication" and item.title]
    if publications:
        text += f" — {layout.labels['evidence']}: {publications[0].title[:140]}"
    if row.cross_axis:
        text += f" [{layout.labels['cross_axis']}]"
    return text


def _need_flowables(brief: NeedBrief, layout: PdfLayout) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table, TableStyle

    labels = layout.labels
    story: list[Any] = [
        layout.para(f"{brief.ref or ''} — {brief.title}", layout.title),
        Spacer(1, 2 * mm),
    ]
    facts = [
        (labels["company"], brief.company or labels["anonymous"]),
        (labels["structure"], brief.structure or "—"),
        (labels["owner"], brief.owner or "—"),
        (labels["trl"], brief.trl if brief.trl is not None else "—"),
        (labels["axes"], ", ".join(labels[axis] for axis in brief.axes if axis in labels) or labels["none"]),
        (labels["keywords"], ", ".join(brief.keywords) or "—"),
    ]
    story.extend(layout.para(value, bold_label=label + labels["colon"]) for label, value in facts)
    description = brief.description
    if len(description) > DESCRIPTION_CHARS:
        description = description[:DESCRIPTION_CHARS].rsplit(" ", 1)[0] + " …"
    if description:
        story.extend([Spacer(1, 2 * mm), layout.para(description)])
    story.append(layout.para(labels["teams"], layout.heading))
    if brief.suggestions:
        rows = [
            [
                layout.para(labels["team"], layout.small),
                layout.para(labels["score"], layout.small),
                layout.para(labels["why"], layout.small),
            ]
        ]
        for row in brief.suggestions:
            team = f"{row.rank}. {row.team_name}" + (f" ({row.unit_acronym})" if row.unit_acronym else "")
            rows.append(
                [
                    layout.para(team),
                    layout.para(f"{row.score:.0f}"),
                    layout.para(_why(row, layout), layout.small),
                ]
            )
        table = Table(rows, colWidths=[55 * mm, 14 * mm, 101 * mm], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#3566a8")),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#cccccc")),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        story.append(table)
    else:
        story.append(layout.para(labels["none"]))
    if brief.contacts:
        story.append(layout.para(labels["contacts"], layout.heading))
        for contact in brief.contacts:
            details = " · ".join(
                filter(None, (contact.role, contact.organisation, contact.email, contact.phone))
            )
            story.append(layout.para(details, layout.small, bold_label=contact.name))
    return story


def build_pdf(path: Path, story: list[Any], layout: PdfLayout, title: str) -> int:
    """Write `story` as an A4 PDF with the house page furniture; returns the number of pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    pages = [0]

    def decorate(canvas: Any, document: Any) -> None:
        pages[0] = document.page
        canvas.saveState()
        canvas.setFont("EnactVera", 7.5)
        canvas.setFillGray(0.35)
        canvas.drawString(18 * mm, 10 * mm, f"ENACT Match · {title} · {date.today().isoformat()}")
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"{layout.labels['page']} {document.page}")
        canvas.restoreState()

    document = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="ENACT Match",
    )
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return pages[0]


def _layout(lang: str) -> PdfLayout:
    if lang not in LANGS:
        raise BriefError("lang", lang)
    return PdfLayout(lang)


def write_need_brief(
    db: Database,
    service: SuggestionService,
    need_ref: str,
    path: Path,
    lang: str = "fr",
    top: int = 5,
    viewer: Viewer | None = None,
) -> BriefReport:
    """A one-page brief for a need: the need, its best teams and why, contacts, structure and axes.

    The page is shrunk to fit when a long description or many contacts would overflow it.
    """
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepInFrame

    layout = _layout(lang)
    brief = read_brief(db, service, need_ref, top, viewer)
    kicker = layout.para(layout.labels["brief"], layout.kicker)
    # The frame of A4 less the margins: the brief is shrunk into one page rather than split.
    frame = KeepInFrame(170 * mm, 263 * mm, [kicker, *_need_flowables(brief, layout)], mode="shrink")
    pages = build_pdf(path, [frame], layout, layout.labels["brief"])
    return BriefReport(path, pages, (need_ref,))


def write_shortlist(
    db: Database,
    service: SuggestionService,
    need_refs: Sequence[str],
    path: Path,
    lang: str = "fr",
    top: int = 3,
    viewer: Viewer | None = None,
) -> BriefReport:
    """A report with, for each need, its facts and its shortlist of teams; paginated as needed."""
    from reportlab.platypus import CondPageBreak, Spacer

    layout = _layout(lang)
    story: list[Any] = [layout.para(layout.labels["shortlist"], layout.title), Spacer(1, 4)]
    for ref in need_refs:
        story.append(CondPageBreak(90))  # a need's title never ends a page on its own
        story.extend(_need_flowables(read_brief(db, service, ref, top, viewer), layout))
        story.append(Spacer(1, 10))
    pages = build_pdf(path, story, layout, layout.labels["shortlist"])
    return BriefReport(path, pages, tuple(need_refs))
