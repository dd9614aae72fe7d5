"""Helpers of the bundle tests: a canonical dump of what a database holds, to compare replicas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from enact_match.services import bundles
from enact_match.services.database import Database
from enact_match.storage import sync
from enact_match.storage.models import ErasureTombstone, MatchEvent, SyncState


def canonical_dump(db: Database) -> dict[str, Any]:
    """Every replicated row (without the local stamps), the open conflicts, the histories and the
    erasures, in a canonical order: equal dumps mean the same data, whatever the merge order."""
    with db.reading() as session:
        rows = {
            table.name: sorted(
                (record_id.hex, json.dumps(values, sort_keys=True))
                for record_id, values in sync.read_rows(session, table).items()
            )
            for table in sync.synced_tables()
        }
        conflicts = sorted(
            (row.table_name, row.record_id.hex, field, sorted(json.dumps(value) for value in values))
            for row in session.scalars(select(SyncState).where(SyncState.conflicted.is_(True)))
            for field, values in sync.conflicts(json.loads(row.state)).items()
        )
        history = sorted(
            (event.id.hex, event.match_id.hex, event.note or "")
            for event in session.scalars(select(MatchEvent))
        )
        erasures = sorted(
            (item.email_hash or "", item.identity_hash) for item in session.scalars(select(ErasureTombstone))
        )
    return {"rows": rows, "conflicts": conflicts, "history": history, "erasures": erasures}


def bundle_path(folder: Path, name: str) -> Path:
    """Where `exchange` writes the bundle called `name`."""
    return folder / f"{name}.enact-bundle"


def exchange(source: Database, target: Database, folder: Path, name: str = "bundle") -> bundles.MergeReport:
    """Export a bundle from `source` (kept at `bundle_path(folder, name)`) and merge it into `target`."""
    path = bundle_path(folder, name)
    bundles.export_bundle(source, path)
    return bundles.merge_bundle(target, path)
