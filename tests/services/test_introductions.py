"""Introduction e-mails: templates filled with the need, the team, the contacts and why they match."""

from __future__ import annotations

import uuid
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from enact_match.services.catalog import save_record
from enact_match.services.database import Database
from enact_match.services.introductions import IntroductionError, compose_introduction, mailto_url
from enact_match.services.pipeline import StageChange, record_decision
from enact_match.services.records import RecordNotFoundError
from tests.support import GDPR_FACTS

EXPLANATION = {
    "terms": [
        {
            "need": ["maintenance prédictive"],
            "team": ["predictive maintenance"],
            "concept": "c1",
            "share": 0.42,
        },
        {"need": ["vibrations"], "team": ["vibrations"], "concept": None, "share": 0.2},
    ],
    "evidence": [
        {"kind": "statement", "key": "", "title": "", "score": 50.0},
        {"kind": "publication", "key": "p1", "title": "Deep learning for bearing faults", "score": 61.0},
    ],
    "need_axes": [1],
    "team_axes": [1],
    "axes_suggested": False,
}


def _pair(db: Database) -> tuple[uuid.UUID, uuid.UUID]:
    company = save_record(db, "companies", {"name": "Fonderie <b>Lorraine</b>", "ref": "C-1"})
    unit = save_record(db, "units", {"name": "Laboratoire lorrain", "acronym": "LORIA", "ref": "U-1"})
    team = save_record(db, "teams", {"name": "Équipe Signal", "unit": "U-1", "statement": "Signal."})
    need = save_record(
        db,
        "needs",
        {
            "title": "Maintenance prédictive des fours",
            "description": "Nous voulons anticiper les pannes. " * 40,
            "company": "C-1",
            "keywords": "vibrations; fours",
        },
    )
    save_record(
        db,
        "contacts",
        {"name": "Zoé Martin", "email": "zoe@fonderie.example", "company": "C-1", **GDPR_FACTS},
    )
    save_record(
        db,
        "contacts",
        {"name": "Alain Chercheur", "email": "alain@univ.example", "team": team.ref, **GDPR_FACTS},
    )
    save_record(db, "contacts", {"name": "Sans Adresse", "company": "C-1", **GDPR_FACTS})
    assert company.id and unit.id
    return need.id, team.id


def test_french_introduction_names_need_team_reasons_and_publication(database: Database) -> None:
    need_id, team_id = _pair(database)
    intro = compose_introduction(
        database, need_id, team_id, "fr", explanation=EXPLANATION, score=72.4, sender="Julie Officer"
    )
    assert intro.subject == "Mise en relation ENACT : Maintenance prédictive des fours"
    assert "Fonderie <b>Lorraine</b> recherche un partenaire" in intro.body
    assert "L'équipe Équipe Signal (LORIA)" in intro.body
    assert "Indice de proximité : 72/100" in intro.body
    assert "maintenance prédictive ↔ predictive maintenance (42 %)" in intro.body
    assert "vibrations (20 %)" in intro.body
    assert "« Deep learning for bearing faults »" in intro.body
    assert intro.body.rstrip().endswith("Julie Officer")
    assert "…" in intro.body  # the long description is summarised


def test_english_introduction_uses_english_template(database: Database) -> None:
    need_id, team_id = _pair(database)
    intro = compose_introduction(database, need_id, team_id, "en", explanation=EXPLANATION)
    assert intro.subject == "ENACT introduction: Maintenance prédictive des fours"
    assert intro.body.startswith("Hello,")
    assert "(42%)" in intro.body
    assert "Match score" not in intro.body  # no score given and no match stored


def test_recipients_are_team_contacts_then_company_contacts_with_an_address(database: Database) -> None:
    need_id, team_id = _pair(database)
    intro = compose_introduction(database, need_id, team_id, "fr")
    assert intro.recipients == ("alain@univ.example", "zoe@fonderie.example")
    assert intro.recipient_labels[0] == "Alain Chercheur <alain@univ.example>"


def test_mailto_url_carries_recipients_subject_and_body_encoded(database: Database) -> None:
    need_id, team_id = _pair(database)
    intro = compose_introduction(database, need_id, team_id, "fr", explanation=EXPLANATION)
    parts = urlsplit(intro.mailto_url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "alain@univ.example,zoe@fonderie.example"
    query = parse_qs(parts.query)
    assert query["subject"] == [intro.subject]
    assert query["body"][0].replace("\r\n", "\n") == intro.body
    assert " " not in intro.mailto_url and "&body=" in intro.mailto_url


def test_mailto_escapes_ampersands_and_question_marks_in_text() -> None:
    url = mailto_url(["a@b.example"], "R&D?", "x&y=z")
    query = parse_qs(urlsplit(url).query)
    assert query == {"subject": ["R&D?"], "body": ["x&y=z"]}


def test_stored_match_explanation_and_score_are_used_by_default(database: Database) -> None:
    need_id, team_id = _pair(database)
    record_decision(
        database, need_id, team_id, StageChange("shortlisted"), "julie", score=55.0, explanation=EXPLANATION
    )
    intro = compose_introduction(database, need_id, team_id, "en")
    assert "Match score: 55/100" in intro.body
    assert "maintenance prédictive ↔ predictive maintenance" in intro.body


def test_unknown_language_and_unknown_need_are_refused(database: Database) -> None:
    need_id, team_id = _pair(database)
    with pytest.raises(IntroductionError):
        compose_introduction(database, need_id, team_id, "de")
    with pytest.raises(RecordNotFoundError):
        compose_introduction(database, uuid.uuid4(), team_id, "fr")
