"""Introduction e-mails between a company and a research team: French and English templates, mailto links.

The templates are data (one per language) filled with the need, the team, the contacts and why
they match (shared terms and the publication behind the match). The result is plain text: the
desktop app shows it for editing, opens it in the mail client or copies it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from enact_match.services.catalog import Viewer, need_visibility
from enact_match.services.records import RecordNotFoundError
from enact_match.storage.database import Database
from enact_match.storage.models import Contact, Match, Need, Structure, Team

LANGUAGES = ("fr", "en")
# Shared terms and publications quoted in the "why" paragraph (more reads like a keyword dump).
MAX_TERMS = 4
MAX_EVIDENCE = 2
# A need's description is quoted up to this many characters (cut at a word boundary).
SUMMARY_CHARS = 600


@dataclass(frozen=True)
class IntroductionTemplate:
    """The words of an introduction e-mail in one language (`{placeholders}` are filled in)."""

    subject: str
    greeting: str
    opening: str
    need_intro: str
    keywords: str
    team_intro: str
    score: str
    terms: str
    evidence: str
    closing: str
    signature_fallback: str
    unnamed_company: str
    percent: str


TEMPLATES: dict[str, IntroductionTemplate] = {
    "fr": IntroductionTemplate(
        subject="Mise en relation ENACT : {need_title}",
        greeting="Bonjour,",
        opening=(
            "Dans le cadre du réseau ENACT Grand Est, je me permets de vous mettre en relation : "
            "le besoin de R&D ci-dessous et les compétences de l'équipe de recherche nous "
            "semblent bien se correspondre."
        ),
        need_intro="{company} recherche un partenaire pour le besoin suivant :",
        keywords="Mots-clés : {keywords}",
        team_intro="L'équipe {team} nous semble bien placée pour y répondre.",
        score="Indice de proximité : {score}/100",
        terms="Points communs : {terms}",
        evidence="Travaux de l'équipe en lien : {titles}",
        closing=(
            "Je vous laisse prendre contact directement ; je reste à votre disposition pour organiser "
            "un premier échange."
        ),
        signature_fallback="Bien cordialement,",
        unnamed_company="Une entreprise",
        percent="{value} %",
    ),
    "en": IntroductionTemplate(
        subject="ENACT introduction: {need_title}",
        greeting="Hello,",
        opening=(
            "As part of the ENACT Grand Est network, I would like to introduce you to each other: "
            "the R&D need below and the research team's expertise appear to be a good fit."
        ),
        need_intro="{company} is looking for a partner for the following need:",
        keywords="Keywords: {keywords}",
        team_intro="The {team} team appears well placed to answer it.",
        score="Match score: {score}/100",
        terms="Common ground: {terms}",
        evidence="Related work by the team: {titles}",
        closing=("I will let you get in touch directly; I am happy to help arrange a first meeting."),
        signature_fallback="Best regards,",
        unnamed_company="A company",
        percent="{value}%",
    ),
}


@dataclass(frozen=True)
class Introduction:
    """A composed introduction e-mail.

    `recipients` are the e-mail addresses (team's contacts first, then the company's);
    `recipient_labels` the same people as `Name <address>` for display.
    """

    subject: str
    body: str
    recipients: tuple[str, ...]
    mailto_url: str
    recipient_labels: tuple[str, ...] = ()


class IntroductionError(ValueError):
    """An introduction cannot be composed; `code` is stable (`language`)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


def mailto_url(recipients: tuple[str, ...] | list[str], subject: str, body: str) -> str:
    """A `mailto:` URL (RFC 6068) opening a new message with these recipients, subject and body."""
    to = ",".join(quote(address, safe="@.+-_") for address in recipients)
    # RFC 6068: line breaks in a body are CRLF, percent-encoded like every reserved character.
    crlf_body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    query = f"subject={quote(subject, safe='')}&body={quote(crlf_body, safe='')}"
    return f"mailto:{to}?{query}"


def summarise(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The text cut to `limit` characters at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def term_pairs(explanation: dict[str, Any], language: str, limit: int = MAX_TERMS) -> list[str]:
    """Shared terms of an explanation (as `explanation_as_dict` writes it): `need ↔ team (share)`."""
    words = TEMPLATES[language]
    pairs: list[str] = []
    for term in explanation.get("terms", [])[:limit]:
        need_side = " / ".join(_distinct(term.get("need") or []))
        team_side = " / ".join(_distinct(term.get("team") or []))
        pair = (
            need_side
            if need_side.casefold() == team_side.casefold() or not team_side
            else (f"{need_side} ↔ {team_side}")
        )
        share = words.percent.format(value=round(float(term.get("share", 0.0)) * 100))
        pairs.append(f"{pair} ({share})")
    return pairs


def _distinct(forms: list[str]) -> list[str]:
    """The forms without case variants, in order."""
    kept: dict[str, str] = {}
    for form in forms:
        kept.setdefault(form.casefold(), form)
    return list(kept.values())


def evidence_titles(explanation: dict[str, Any], limit: int = MAX_EVIDENCE) -> list[str]:
    """Titles of the publications behind a match, best first."""
    titles = [
        item["title"]
        for item in explanation.get("evidence", [])
        if item.get("kind") == "publication" and item.get("title")
    ]
    return titles[:limit]


def compose_introduction(
    db: Database,
    need_id: uuid.UUID,
    team_id: uuid.UUID,
    language: str,
    *,
    explanation: dict[str, Any] | None = None,
    score: float | None = None,
    sender: str = "",
    sender_structure: str = "",
    viewer: Viewer | None = None,
) -> Introduction:
    """Compose the introduction e-mail of a need's company and a team.

    Args:
        language: `fr` or `en`.
        explanation: why they match, as `suggestions.explanation_as_dict` writes it; by default the
            one stored with the match, if any (none: the "why" paragraph is left out).
        score: the match score (0–100); by default the stored one.
        sender: the signing officer's name; sender_structure: their structure code (its name is signed).

    Raises:
        IntroductionError: `language` for an unknown language.
        RecordNotFoundError: the need or the team does not exist, or the viewer may not see the need.
    """
    if language not in TEMPLATES:
        raise IntroductionError("language", language)
    words = TEMPLATES[language]
    with db.reading() as session:
        need = session.scalars(
            select(Need)
            .options(selectinload(Need.company))
            .where(Need.id == need_id, need_visibility(viewer))
        ).first()
        team = session.scalars(
            select(Team).options(selectinload(Team.unit)).where(Team.id == team_id)
        ).first()
        if need is None:
            raise RecordNotFoundError(f"needs/{need_id}")
        if team is None:
            raise RecordNotFoundError(f"teams/{team_id}")
        match = session.scalars(
            select(Match).where(Match.need_id == need_id, Match.team_id == team_id)
        ).first()
        if match is not None:
            explanation = explanation if explanation is not None else match.explanation
            score = score if score is not None else match.score
        contacts = _contacts(session, team_id, need.company_id)
        structure_name = (
            session.scalar(select(Structure.name).where(Structure.code == sender_structure))
            if sender_structure
            else None
        )
        need_title, description = need.title, need.description or ""
        keywords = list(need.keywords or ())
        company = need.company.name if need.company else words.unnamed_company
        team_label = team.name + (f" ({team.unit.acronym})" if team.unit and team.unit.acronym else "")

    lines = [words.greeting, "", words.opening, "", words.need_intro.format(company=company)]
    lines.append(f"« {need_title} »" if language == "fr" else f"“{need_title}”")
    if description.strip():
        lines.append(summarise(description))
    if keywords:
        lines.append(words.keywords.format(keywords=", ".join(keywords)))
    lines += ["", words.team_intro.format(team=team_label)]
    if score is not None:
        lines.append(words.score.format(score=round(score)))
    if explanation:
        pairs = term_pairs(explanation, language)
        if pairs:
            lines.append(words.terms.format(terms="; ".join(pairs)))
        titles = evidence_titles(explanation)
        if titles:
            quoted = "; ".join(f"« {title} »" if language == "fr" else f"“{title}”" for title in titles)
            lines.append(words.evidence.format(titles=quoted))
    lines += ["", words.closing, "", words.signature_fallback]
    lines += [part for part in (sender, structure_name or sender_structure) if part]
    body = "\n".join(lines)
    subject = words.subject.format(need_title=need_title)
    addresses = tuple(address for address, _label in contacts)
    return Introduction(
        subject,
        body,
        addresses,
        mailto_url(addresses, subject, body),
        tuple(label for _address, label in contacts),
    )


def _contacts(session: Any, team_id: uuid.UUID, company_id: uuid.UUID | None) -> list[tuple[str, str]]:
    """(address, `Name <address>`) of the team's contacts, then the company's, without duplicates."""
    condition = Contact.team_id == team_id
    if company_id is not None:
        condition = or_(condition, Contact.company_id == company_id)
    found = session.scalars(select(Contact).where(condition, Contact.email.is_not(None)))
    ordered = sorted(found, key=lambda contact: (contact.team_id != team_id, contact.name.casefold()))
    seen: set[str] = set()
    result: list[tuple[str, str]] = []
    for contact in ordered:
        address = (contact.email or "").strip()
        if address and address.casefold() not in seen:
            seen.add(address.casefold())
            result.append((address, f"{contact.name} <{address}>"))
    return result
