"""Laptop bundles: export this database's changes as one file, merge another laptop's bundle (docs/sync.md).

A bundle is gzip-compressed JSON: the replicated states of the records (storage/sync.py), the match
histories (append-only, merged by id) and the erasure tombstones (always all of them: an erased
person never comes back through a merge). The audit log and the import mappings stay local.
A merge is one transaction; merging the same bundle twice changes nothing, and bundles can be merged
in any order.
"""

from __future__ import annotations

import gzip
import json
import os
import uuid
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from enact_match.services import audit, gdpr
from enact_match.services.backup import backup_before
from enact_match.services.dedup import DuplicateMember, duplicate_pairs
from enact_match.storage import sync
from enact_match.storage.database import Database, head_revision
from enact_match.storage.models import (
    Company,
    Contact,
    ErasureTombstone,
    Match,
    MatchEvent,
    SyncState,
    Team,
    utc_now,
)

FORMAT = "enact-match-bundle"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 256 * 1024 * 1024  # compressed
MAX_CONTENT_BYTES = 1024 * 1024 * 1024  # decompressed: a gzip bomb is refused, not unpacked
_HISTORY_TABLE = MatchEvent.__table__
_LABEL_FIELDS = ("name", "title", "table_label", "ref")


class BundleError(ValueError):
    """A bundle was refused and nothing changed; `code` is stable: `unreadable`, `not_a_bundle`,
    `corrupt`, `too_large`, `format_version`, `schema_newer`, `no_conflict`, `choice`."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Bundle:
    """A bundle as read and checked."""

    replica: str
    clock: int
    created_at: datetime
    schema: str
    records: Mapping[str, Mapping[uuid.UUID, sync.State]]
    history: tuple[dict[str, Any], ...]
    erasures: tuple[tuple[str | None, str, str], ...]

    @property
    def record_count(self) -> int:
        return sum(len(states) for states in self.records.values())


@dataclass(frozen=True)
class BundleExport:
    """A bundle written: where, how many records per table, history entries and erasures."""

    path: Path
    replica: str
    tables: tuple[tuple[str, int], ...]
    history: int
    erasures: int

    @property
    def records(self) -> int:
        return sum(count for _, count in self.tables)


@dataclass(frozen=True)
class TableChange:
    """What a merge did to one table."""

    table: str
    inserted: int
    updated: int
    deleted: int
    waiting: int  # records whose parent is missing here; they appear when it arrives


@dataclass(frozen=True)
class Conflict:
    """A field edited on two laptops at once: the values (the one shown now first), for the user to pick.

    `field` "_alive" means the record was deleted on one laptop and edited on another (values True:
    kept, False: deleted). Values are as stored in bundles (ids and dates as text).
    """

    table: str
    record_id: uuid.UUID
    label: str
    field: str
    values: tuple[Any, ...]


@dataclass(frozen=True)
class DuplicateProposal:
    """Two companies that look like the same one captured twice (same SIREN, or name and city)."""

    kind: str
    rule: str
    first: DuplicateMember
    second: DuplicateMember


@dataclass(frozen=True)
class MergeReport:
    """What merging a bundle changed (or would change, for a dry run)."""

    source_replica: str
    dry_run: bool
    records_in_bundle: int
    changes: tuple[TableChange, ...]
    history_added: int
    erasures_added: int
    people_erased: int
    conflicts: tuple[Conflict, ...]
    duplicates: tuple[DuplicateProposal, ...]
    backup: Path | None

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.history_added or self.erasures_added or self.people_erased)


# --------------------------------------------------------------------------- export


def export_bundle(db: Database, path: Path, since: datetime | None = None) -> BundleExport:
    """Write this database's changes (every record's state, or those changed since `since`) to `path`.

    The file is written under a temporary name and renamed into place: a failed export leaves no
    half-written bundle.
    """
    with db.writing() as session:
        replica = sync.ReplicaSession(session)
        replica.capture()
        query = select(SyncState.table_name, SyncState.record_id, SyncState.state)
        if since is not None:
            query = query.where(SyncState.changed_at >= since)
        records: dict[str, dict[str, Any]] = {}
        for table_name, record_id, state in session.execute(query.order_by(SyncState.table_name)):
            records.setdefault(table_name, {})[record_id.hex] = json.loads(state)
        history_query = select(MatchEvent.__table__)
        if since is not None:
            history_query = history_query.where(MatchEvent.at >= since)
        history = [
            {column.name: sync.encode(column, row._mapping[column.name]) for column in _HISTORY_TABLE.columns}
            for row in session.execute(history_query)
        ]
        erasures = [
            [item.email_hash, item.identity_hash, item.erased_on.isoformat()]
            for item in session.scalars(select(ErasureTombstone))
        ]
        content = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "schema": head_revision(),
            "replica": replica.replica,
            "clock": replica.clock,
            "created_at": utc_now().isoformat(),
            "since": since.isoformat() if since else None,
            "records": records,
            "history": history,
            "erasures": erasures,
        }
    data = gzip.compress(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode(), 6)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, path)
    tables = tuple(sorted((name, len(states)) for name, states in records.items()))
    return BundleExport(path, content["replica"], tables, len(history), len(erasures))


# --------------------------------------------------------------------------- reading


def read_bundle(path: Path) -> Bundle:
    """Read and check a bundle: size, format, version, schema revision and the shape of every state.

    Raises:
        BundleError: `unreadable`, `too_large`, `not_a_bundle`, `corrupt`, `format_version`,
            `schema_newer` (made by a newer version of the app: update this one first).
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BundleError("too_large", str(path))
        with path.open("rb") as handle:
            if handle.read(2) != b"\x1f\x8b":
                raise BundleError("not_a_bundle", str(path))
        with gzip.open(path, "rb") as stream:
            data = stream.read(MAX_CONTENT_BYTES + 1)
    except BundleError:
        raise
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise BundleError("corrupt", str(error)) from error
    except OSError as error:
        raise BundleError("unreadable", f"{path}: {error.strerror or error}") from error
    if len(data) > MAX_CONTENT_BYTES:
        raise BundleError("too_large", str(path))
    try:
        content = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BundleError("corrupt", str(error)) from error
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        raise BundleError("not_a_bundle", str(path))
    if content.get("format_version") != FORMAT_VERSION:
        raise BundleError("format_version", str(content.get("format_version")))
    schema = content.get("schema")
    if not isinstance(schema, str) or schema > head_revision():
        raise BundleError("schema_newer", str(schema))
    replicas: dict[str, str] = {}
    try:
        return Bundle(
            replica=uuid.UUID(content["replica"]).hex,
            clock=_counter(content["clock"]),
            created_at=datetime.fromisoformat(content["created_at"]),
            schema=schema,
            records={
                str(table): {uuid.UUID(key): _checked_state(state, replicas) for key, state in states.items()}
                for table, states in content["records"].items()
            },
            history=tuple(_checked_history(row) for row in content["history"]),
            erasures=tuple(_checked_erasure(item) for item in content["erasures"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise BundleError("corrupt", f"{type(error).__name__}: {error}") from error


def _counter(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"bad counter {value!r}")
    return value


def _checked_state(state: Any, replicas: dict[str, str]) -> sync.State:
    """A state from a bundle, checked; `replicas` caches the replica ids already checked."""
    context = {_replica_id(replica, replicas): _counter(counter) for replica, counter in state["c"].items()}
    fields: dict[str, list[list[Any]]] = {}
    for name, items in state["f"].items():
        checked = []
        for replica, counter, value in items:
            replica_id = _replica_id(replica, replicas)
            if context.get(replica_id, 0) < _counter(counter):
                raise ValueError(f"a value of {name!r} is newer than the state's context")
            checked.append([replica_id, counter, value])
        fields[str(name)] = sorted(checked, key=lambda item: (item[1], item[0]))
    return {"c": context, "f": fields}


def _replica_id(text: Any, replicas: dict[str, str]) -> str:
    if text not in replicas:
        replicas[text] = uuid.UUID(text).hex
    return replicas[text]


def _checked_history(row: Any) -> dict[str, Any]:
    uuid.UUID(row["id"])
    uuid.UUID(row["match_id"])
    datetime.fromisoformat(row["at"])
    return {column.name: row.get(column.name) for column in _HISTORY_TABLE.columns}


def _checked_erasure(item: Any) -> tuple[str | None, str, str]:
    email, identity, erased_on = item
    if not isinstance(identity, str) or not (email is None or isinstance(email, str)):
        raise ValueError("bad erasure tombstone")
    datetime.fromisoformat(erased_on)
    return email, identity, erased_on


# --------------------------------------------------------------------------- merging


def merge_bundle(
    db: Database, path: Path, *, dry_run: bool = False, author: str | None = None
) -> MergeReport:
    """Merge a bundle into the database in one transaction (a SQLite database is backed up first).

    Concurrent edits of a field keep a deterministic value and become conflicts for the user to settle
    (`list_conflicts`, `resolve_conflict`); companies that look captured twice are proposed for the
    duplicate review. With `dry_run` everything is computed, then rolled back.

    Raises:
        BundleError: the file was refused (see `read_bundle`); nothing changed.
    """
    bundle = read_bundle(path)
    backup = None if dry_run else backup_before(db, "merge")
    with db.writing(dry_run=dry_run) as session:
        replica = sync.ReplicaSession(session)
        replica.capture()
        erasures_added = _add_erasures(session, bundle)
        erased = _erase_recognised(session, author)
        if erased:
            # stamped as erased before the bundle is joined; the texts that named them are rewritten, not
            # edited (`_alive` is left as it was)
            replica.capture(adjustments=True)
        touched: dict[str, set[uuid.UUID]] = {}
        for table_name, states in bundle.records.items():
            if sync.synced_table(table_name) is not None:  # a table of a newer version is ignored
                touched[table_name] = replica.merge(table_name, states.items())
        replica.observe_clock(bundle.clock)
        for table_name, ids in replica.pending().items():
            touched.setdefault(table_name, set()).update(ids)
        counts = replica.materialize(touched)
        history = _add_history(session, bundle)
        erased += _erase_recognised(session, author)
        rewritten = _erase_mentions(session, bundle, author)
        _blank_erased(replica)
        if (
            erased
            or rewritten
            or any(found.get("deleted") or found.get("adjusted") for found in counts.values())
        ):
            # Deletions cascade, erasures and adjustments are local changes to stamp; on the records still
            # present they are not edits (`_alive` is left as merged).
            replica.capture(adjustments=True)
        changes = tuple(
            TableChange(name, *(found.get(key, 0) for key in ("inserted", "updated", "deleted", "waiting")))
            for name, found in sorted(counts.items())
        )
        conflicts = tuple(
            conflict
            for name, ids in sorted(touched.items())
            for record_id in sorted(ids)
            for conflict in _conflicts_of(name, record_id, replica.states(name)[record_id][1])
        )
        duplicates = _proposed_duplicates(session, touched.get(Company.__tablename__, set()))
        report = MergeReport(
            bundle.replica,
            dry_run,
            bundle.record_count,
            changes,
            history,
            erasures_added,
            erased,
            conflicts,
            duplicates,
            None if backup is None else backup.path,
        )
        if report.changed:
            audit.record_event(session, author, "database", None, "merge")
    return report


def _add_erasures(session: Session, bundle: Bundle) -> int:
    known = {(item.email_hash, item.identity_hash) for item in session.scalars(select(ErasureTombstone))}
    added = 0
    for email, identity, erased_on in bundle.erasures:
        if (email, identity) not in known:
            session.add(
                ErasureTombstone(
                    email_hash=email,
                    identity_hash=identity,
                    erased_on=datetime.fromisoformat(erased_on).date(),
                )
            )
            known.add((email, identity))
            added += 1
    session.flush()
    return added


def _blank_erased(replica: sync.ReplicaSession) -> None:
    """Blank again the state of an erased person into which the bundle brought values (edits made on a
    laptop before the erasure reached it). An erased state is known by a blank name: only an erasure
    writes one (a contact's name is required)."""
    erased = [
        record_id
        for record_id, (_, state) in replica.states(Contact.__tablename__).items()
        if any(value is None for _, _, value in state["f"].get("name", []))
        and (sync.is_alive(state) or any(value is not None for *_, value in _all_values(state)))
    ]
    replica.blank(Contact.__tablename__, erased)


def _all_values(state: sync.State) -> list[list[Any]]:
    return [item for name, items in state["f"].items() if name != sync.ALIVE for item in items]


def _erase_recognised(session: Session, author: str | None) -> int:
    """Erase every contact here that a tombstone recognises (an erasure made on another laptop)."""
    erased_people = gdpr.ErasedPeople.of_session(session)
    if not erased_people:
        return 0
    query = select(Contact).options(selectinload(Contact.company), selectinload(Contact.team))
    again = [contact for contact in session.scalars(query) if erased_people.recognises(contact)]
    for contact in again:
        gdpr.erase_in_session(session, contact, author)  # one erasure, the same as a request made here
    session.flush()
    return len(again)


def _erase_mentions(session: Session, bundle: Bundle, author: str | None) -> int:
    """Rewrite the texts mentioning an erased person whose record is gone here but who is named in the
    bundle (e.g. a history note written on the other laptop before the erasure reached it)."""
    erased_people = gdpr.ErasedPeople.of_session(session)
    incoming = bundle.records.get(Contact.__tablename__, {})
    if not erased_people or not incoming:
        return 0
    organisations = {company.id.hex: company.name for company in session.scalars(select(Company))}
    organisations |= {team.id.hex: team.name for team in session.scalars(select(Team))}
    found = 0
    for state in incoming.values():
        shown = sync.current_values(state)
        if not shown.get("name"):
            continue
        linked = organisations.get(shown.get("company_id") or "") or organisations.get(
            shown.get("team_id") or ""
        )
        probe = Contact(
            name=shown["name"], email=shown.get("email"), organisation=shown.get("organisation") or linked
        )
        if erased_people.recognises(probe):
            # A stand-in with the person's name and e-mail, erased at once: gdpr rewrites every mention
            # (and the stand-in never reaches a bundle: it is gone before the next capture).
            session.add(probe)
            session.flush()
            gdpr.erase_in_session(session, probe, author)
            found += 1
    session.flush()
    return found


def _add_history(session: Session, bundle: Bundle) -> int:
    """Add the history entries not known here, of matches that exist here."""
    if not bundle.history:
        return 0
    known = set(session.scalars(select(MatchEvent.id)))
    matches = set(session.scalars(select(Match.id)))
    rows = []
    for row in bundle.history:
        values = {column.name: sync.decode(column, row[column.name]) for column in _HISTORY_TABLE.columns}
        if values["id"] not in known and values["match_id"] in matches:
            rows.append(values)
            known.add(values["id"])
    if rows:
        session.execute(_HISTORY_TABLE.insert(), rows)
    return len(rows)


def _label(state: sync.State) -> str:
    shown = sync.current_values(state)
    return next((str(shown[name]) for name in _LABEL_FIELDS if shown.get(name)), "")


def _conflicts_of(table_name: str, record_id: uuid.UUID, state: sync.State) -> list[Conflict]:
    label = _label(state)
    return [
        Conflict(table_name, record_id, label, field, tuple(values))
        for field, values in sorted(sync.conflicts(state).items())
    ]


def _proposed_duplicates(session: Session, companies: set[uuid.UUID]) -> tuple[DuplicateProposal, ...]:
    """Pairs of companies, one of them from the bundle, that the duplicate rules join."""
    if not companies:
        return ()
    proposals = []
    for first, second, rule in duplicate_pairs("companies", session.scalars(select(Company))):
        if first.id in companies or second.id in companies:
            proposals.append(DuplicateProposal("companies", rule, _member(first), _member(second)))
    return tuple(
        sorted(proposals, key=lambda item: (item.first.label.casefold(), item.second.label.casefold()))
    )


def _member(company: Company) -> DuplicateMember:
    return DuplicateMember(
        company.id, company.ref, company.name, " ".join(filter(None, (company.siren, company.city)))
    )


# --------------------------------------------------------------------------- conflicts


def list_conflicts(db: Database) -> list[Conflict]:
    """Every open conflict, by table and record."""
    with db.reading() as session:
        query = select(SyncState).where(SyncState.conflicted.is_(True)).order_by(SyncState.table_name)
        return [
            conflict
            for row in session.scalars(query)
            for conflict in _conflicts_of(row.table_name, row.record_id, json.loads(row.state))
        ]


def resolve_conflict(db: Database, record_id: uuid.UUID, field: str, choice: int) -> None:
    """Settle a conflict by keeping one of its values (`choice` indexes `Conflict.values`): a new edit
    that supersedes every value, sent to the other laptops with the next bundle.

    Raises:
        BundleError: `no_conflict` (no such record or field in conflict), `choice` (no such value).
    """
    with db.writing() as session:
        replica = sync.ReplicaSession(session)
        replica.capture()
        row = session.scalars(select(SyncState).where(SyncState.record_id == record_id)).first()
        if row is None:
            raise BundleError("no_conflict", f"{record_id} {field}")
        table = sync.synced_table(row.table_name)
        values = sync.conflicts(replica.states(row.table_name)[record_id][1]).get(field)
        if table is None or values is None:
            raise BundleError("no_conflict", f"{record_id} {field}")
        if not 0 <= choice < len(values):
            raise BundleError("choice", str(choice))
        replica.resolve(table, record_id, field, values[choice])
        replica.capture()
