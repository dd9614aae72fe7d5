"""Small, known data for the suggestion, introduction and pipeline flows, and an app context over it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from enact_match.config import Settings
from enact_match.services.catalog import save_record
from enact_match.services.database import Database, open_database
from enact_match.services.pipeline import StageChange, record_decision
from enact_match.ui.context import AppContext
from enact_match.ui.workers import wait_for_background_work
from tests.support import GDPR_FACTS

OFFICER = "Julie Martin"


@dataclass(frozen=True)
class FlowData:
    """Ids of the records the flows act on."""

    furnace_need: uuid.UUID
    imaging_need: uuid.UUID
    maintenance_team: uuid.UUID
    imaging_team: uuid.UUID
    robotics_team: uuid.UUID


def seed(db: Database) -> FlowData:
    """A foundry's maintenance need (French), a hospital's imaging need, three teams (English)."""
    save_record(db, "companies", {"ref": "C-1", "name": "Fonderie <b>Lorraine</b>", "city": "Metz"})
    save_record(db, "companies", {"ref": "C-2", "name": "Imagerie Est", "city": "Strasbourg"})
    save_record(db, "units", {"ref": "U-1", "name": "Centre de recherche en automatique", "acronym": "CRAN"})
    save_record(db, "units", {"ref": "U-2", "name": "ICube", "acronym": "ICUBE"})
    maintenance = save_record(
        db,
        "teams",
        {
            "ref": "T-1",
            "name": "Prognostics and health management",
            "unit": "U-1",
            "statement": "We develop predictive maintenance methods for industrial machines from vibration "
            "signals and thermal sensors, with machine learning models of degradation.",
            "keywords": "predictive maintenance; vibration analysis; prognostics",
            "axes": "2",
            "publications": [
                {
                    "title": "Predictive maintenance of furnaces with vibration analysis",
                    "abstract": "A degradation model predicts failures of industrial furnaces.",
                    "year": 2023,
                }
            ],
        },
    )
    imaging = save_record(
        db,
        "teams",
        {
            "ref": "T-2",
            "name": "Medical imaging",
            "unit": "U-2",
            "statement": "Deep learning for medical image segmentation of MRI and CT scans in hospitals.",
            "keywords": "medical imaging; segmentation; MRI",
            "axes": "3",
        },
    )
    robotics = save_record(
        db,
        "teams",
        {
            "ref": "T-3",
            "name": "Surgical robotics",
            "unit": "U-2",
            "statement": "Robots for minimally invasive surgery, control of flexible instruments and "
            "industrial machines maintenance planning.",
            "keywords": "robotics; surgery",
            "axes": "3",
        },
    )
    furnace = save_record(
        db,
        "needs",
        {
            "ref": "N-1",
            "title": "Maintenance prédictive des fours",
            "description": "Nous voulons anticiper les pannes de nos fours industriels grâce à l'analyse "
            "des vibrations et des capteurs thermiques.",
            "company": "C-1",
            "keywords": "maintenance prédictive; vibrations",
            "axes": "2",
            "structure": "GRAND_E_NOV",
            "owner": OFFICER,
        },
    )
    imaging_need = save_record(
        db,
        "needs",
        {
            "ref": "N-2",
            "title": "Segmentation d'images IRM",
            "description": "Segmenter automatiquement des images IRM par apprentissage profond.",
            "company": "C-2",
            "keywords": "imagerie médicale; IRM",
            "axes": "3",
            "structure": "BIOVALLEY",
        },
    )
    save_record(
        db,
        "contacts",
        {"name": "Zoé Durand", "email": "zoe@fonderie.example", "company": "C-1", **GDPR_FACTS},
    )
    save_record(
        db, "contacts", {"name": "Alain Petit", "email": "alain@cran.example", "team": "T-1", **GDPR_FACTS}
    )
    return FlowData(furnace.id, imaging_need.id, maintenance.id, imaging.id, robotics.id)


def make_match(
    db: Database, need_id: uuid.UUID, team_id: uuid.UUID, status: str = "shortlisted"
) -> uuid.UUID:
    """A match at `status`, reached through the pipeline service as an officer would."""
    return record_decision(db, need_id, team_id, StageChange(status), OFFICER, score=64.0).id


@pytest.fixture
def flow_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(str(tmp_path / "flows.sqlite3"))
    yield db
    wait_for_background_work()
    db.dispose()


@pytest.fixture
def flow_data(flow_db: Database) -> FlowData:
    return seed(flow_db)


@pytest.fixture
def context(flow_db: Database, flow_data: FlowData) -> AppContext:
    """The app's shared state over the flow data, with a current officer."""
    settings = Settings(language="en", user_name=OFFICER, user_structure="GRAND_E_NOV")
    return AppContext(flow_db, settings)
