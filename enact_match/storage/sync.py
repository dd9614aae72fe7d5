"""Replicated record states for laptop bundles: stamped field values, capture of local changes, merging.

Every table with `RecordMixin` is replicated generically. A record's state (JSON, see docs/sync.md) is

    {"c": {replica: counter}, "f": {field: [[replica, counter, value], ...]}}

`c` (the causal context) says which edits of each replica the state has seen; each field holds the
values no seen edit superseded: one value, or several when edits were concurrent (a conflict).
`_alive` is a field like the others (False: deleted). Joining two states keeps a value when the other
side holds it too or has not seen it; this join is commutative, associative and idempotent, so
merging bundles in any order, any number of times, gives the same state.

Local changes are not stamped while they are made: `ReplicaSession.capture` compares every row with
the values its state last recorded and stamps the differences with one new counter. That sees every
write path (forms, imports, duplicate merges and their bulk UPDATEs, erasures, database cascades,
raw SQL) and costs nothing while writing.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Column, Table, UniqueConstraint, delete, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.types import Date, DateTime, Time, Uuid

from enact_match.storage.models import (
    AuditEvent,
    Base,
    MatchEvent,
    RecordMixin,
    SyncReplica,
    SyncState,
    utc_now,
)

ALIVE = "_alive"
# Kept by each database for itself: the key, and the optimistic-locking and change stamps.
LOCAL_COLUMNS = frozenset({"id", "version", "updated_at"})
State = dict[str, Any]
Dot = tuple[str, int]


# --------------------------------------------------------------------------- tables and values


def synced_tables() -> list[Table]:
    """The replicated tables (every mapped class with RecordMixin), parents before children."""
    tables = {
        mapper.class_.__table__ for mapper in Base.registry.mappers if issubclass(mapper.class_, RecordMixin)
    }
    return [table for table in Base.metadata.sorted_tables if table in tables]


def synced_table(name: str) -> Table | None:
    """The replicated table of that name (None: unknown here, e.g. from a newer version)."""
    return next((table for table in synced_tables() if table.name == name), None)


def field_columns(table: Table) -> list[Column[Any]]:
    """The replicated columns of a table."""
    return [column for column in table.columns if column.name not in LOCAL_COLUMNS]


def encode(column: Column[Any], value: Any) -> Any:
    """A column value as JSON (UUIDs as hex, times as ISO text in UTC)."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, Uuid):
        return uuid.UUID(str(value)).hex
    if isinstance(kind, DateTime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).isoformat()
    if isinstance(kind, Date | Time):
        return value.isoformat()
    return value


def decode(column: Column[Any], value: Any) -> Any:
    """The column value of `encode`'s JSON."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, Uuid):
        return uuid.UUID(value)
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Time):
        return time.fromisoformat(value)
    return value


def read_rows(session: Session, table: Table) -> dict[uuid.UUID, dict[str, Any]]:
    """Every row of a replicated table: id → encoded values of the replicated columns."""
    columns = field_columns(table)
    names = [column.name for column in columns]
    # Only ids and times need converting; the other values are JSON already.
    special = [
        (position, column)
        for position, column in enumerate(columns)
        if isinstance(column.type, Uuid | DateTime | Date | Time)
    ]
    rows: dict[uuid.UUID, dict[str, Any]] = {}
    for row in session.execute(select(table.c.id, *columns)):
        values = list(row[1:])
        for position, column in special:
            values[position] = encode(column, values[position])
        rows[row[0]] = dict(zip(names, values, strict=True))
    return rows


def dumps(state: State) -> str:
    """Canonical JSON of a state (equal states give equal text)."""
    return json.dumps(state, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# --------------------------------------------------------------------------- the join semilattice


def empty_state() -> State:
    return {"c": {}, "f": {}}


def _covered(replica: str, counter: int, context: Mapping[str, int]) -> bool:
    return context.get(replica, 0) >= counter


def join(first: State, second: State) -> State:
    """The least state that has seen everything both states have seen (the merge of two replicas)."""
    context_a, context_b = first["c"], second["c"]
    context = {
        replica: max(context_a.get(replica, 0), context_b.get(replica, 0))
        for replica in {*context_a, *context_b}
    }
    fields: dict[str, list[list[Any]]] = {}
    for name in {*first["f"], *second["f"]}:
        values_a, values_b = first["f"].get(name, []), second["f"].get(name, [])
        dots_a = {(replica, counter) for replica, counter, _ in values_a}
        dots_b = {(replica, counter) for replica, counter, _ in values_b}
        kept = [
            item
            for item in values_a
            if (item[0], item[1]) in dots_b or not _covered(item[0], item[1], context_b)
        ]
        kept += [
            item
            for item in values_b
            if (item[0], item[1]) not in dots_a and not _covered(item[0], item[1], context_a)
        ]
        if kept:
            fields[name] = sorted(kept, key=lambda item: (item[1], item[0]))
    return {"c": context, "f": fields}


def write(state: State, values: Mapping[str, Any], dot: Dot) -> None:
    """Record local edits (encoded values by field) with a new stamp that supersedes every value seen."""
    replica, counter = dot
    for name, value in values.items():
        state["f"][name] = [[replica, counter, value]]
    state["c"][replica] = max(state["c"].get(replica, 0), counter)


def current_values(state: State) -> dict[str, Any]:
    """The value shown for each field: the one of the latest stamp (deterministic while in conflict)."""
    return {name: items[-1][2] for name, items in state["f"].items() if name != ALIVE}


def is_alive(state: State) -> bool:
    """Whether the record exists: an edit concurrent with a deletion keeps it (and is a conflict)."""
    return any(value is True for _, _, value in state["f"].get(ALIVE, []))


def conflicts(state: State) -> dict[str, list[Any]]:
    """Fields whose concurrent edits left different values: field → values, the shown one first."""
    found: dict[str, list[Any]] = {}
    for name, items in state["f"].items():
        values: list[Any] = []
        for _, _, value in reversed(items):
            if value not in values:
                values.append(value)
        if len(values) > 1:
            found[name] = values
    return found


def max_counter(state: State) -> int:
    return max(state["c"].values(), default=0)


# --------------------------------------------------------------------------- a database as a replica


class ReplicaSession:
    """The replication state of one database within one unit of work (a write session).

    Loads each table's states once; every change is written through the session, so it is kept or
    rolled back with the caller's transaction.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        meta = session.scalars(select(SyncReplica)).first()
        if meta is None:
            meta = SyncReplica(id=uuid.uuid4(), clock=0)
            session.add(meta)
        self._meta = meta
        self._states: dict[str, dict[uuid.UUID, tuple[SyncState, State]]] = defaultdict(dict)
        self._loaded = False
        self._stamp_id: str | None = None
        self._now = utc_now()

    @property
    def replica(self) -> str:
        """This database's id (hex), made once; it names the laptop a bundle comes from."""
        return self._meta.id.hex

    @property
    def clock(self) -> int:
        return self._meta.clock

    def observe_clock(self, counter: int) -> None:
        """Move the logical clock past a counter seen elsewhere (the next edits then stamp later)."""
        self._meta.clock = max(self._meta.clock, counter)

    def _next_dot(self) -> Dot:
        # Stamps carry an id made for this unit of work, not the database's id: a database restored
        # from a backup (or a copied file) then never stamps a second edit with a stamp already sent.
        if self._stamp_id is None:
            self._stamp_id = uuid.uuid4().hex
        self._meta.clock += 1
        return self._stamp_id, self._meta.clock

    def states(self, table_name: str) -> dict[uuid.UUID, tuple[SyncState, State]]:
        """The states of a table's records by id (loaded once per unit of work)."""
        if not self._loaded:  # one query for every table: a capture visits them all
            for row in self.session.scalars(select(SyncState)):
                self._states[row.table_name][row.record_id] = (row, json.loads(row.state))
            self._loaded = True
        return self._states[table_name]

    def _store(self, table_name: str, record_id: uuid.UUID, state: State, materialized: bool) -> None:
        """Save a state (new or changed)."""
        known = self.states(table_name)
        alive = is_alive(state)
        conflicted = bool(conflicts(state))
        if record_id in known:
            row = known[record_id][0]
            row.state, row.alive, row.conflicted = dumps(state), alive, conflicted
            row.materialized, row.changed_at = materialized, self._now
        else:
            row = SyncState(
                table_name=table_name,
                record_id=record_id,
                alive=alive,
                materialized=materialized,
                conflicted=conflicted,
                changed_at=self._now,
                state=dumps(state),
            )
            self.session.add(row)
        known[record_id] = (row, state)

    # ------------------------------------------------------------------ local changes

    def capture(self, *, adjustments: bool = False) -> int:
        """Stamp every local change since the last capture (creations, edits, deletions); returns how
        many records changed. An erased person's deletion also blanks their values in the state.

        With `adjustments` (the capture that ends a merge), the changes to existing records are the
        merge's own (a reference made unique, a link cleared, a text naming an erased person), not
        edits: they do not write `_alive`, so they neither bring back a record deleted on another
        laptop nor settle a "deleted or kept" conflict."""
        self.session.flush()
        dot: Dot | None = None
        changed = 0
        erased: set[uuid.UUID] | None = None
        for table in synced_tables():
            rows = read_rows(self.session, table)
            states = self.states(table.name)
            for record_id, values in rows.items():
                known = states.get(record_id)
                if known is None:
                    state, edits = empty_state(), {**values, ALIVE: True}
                else:
                    state = known[1]
                    shown = current_values(state)
                    edits = {name: value for name, value in values.items() if shown.get(name, None) != value}
                    present = known[0].alive and known[0].materialized
                    if not edits and present:
                        continue
                    if not (adjustments and present):
                        edits[ALIVE] = True
                dot = dot or self._next_dot()
                write(state, edits, dot)
                self._store(table.name, record_id, state, materialized=True)
                changed += 1
            for record_id, (row, state) in list(states.items()):
                if record_id in rows or not row.alive or not row.materialized:
                    continue
                if erased is None:
                    erased = set(
                        self.session.scalars(select(AuditEvent.record_id).where(AuditEvent.action == "erase"))
                    )
                edits = {ALIVE: False}
                if record_id in erased:  # no personal data stays in the tombstone of an erased person
                    edits.update(dict.fromkeys(current_values(state)))
                dot = dot or self._next_dot()
                write(state, edits, dot)
                self._store(table.name, record_id, state, materialized=False)
                changed += 1
        return changed

    def blank(self, table_name: str, record_ids: Iterable[uuid.UUID]) -> int:
        """Delete records and blank every value of their states, over whatever was merged into them
        (for erased people: no personal data may stay, not even a concurrent edit). Returns how many."""
        states = self.states(table_name)
        dot: Dot | None = None
        done = 0
        for record_id in record_ids:
            row, state = states[record_id]
            dot = dot or self._next_dot()
            write(state, {**dict.fromkeys(name for name in state["f"] if name != ALIVE), ALIVE: False}, dot)
            self._store(table_name, record_id, state, materialized=row.materialized)
            done += 1
        if done:
            self.materialize({table_name: set(record_ids)})
        return done

    def resolve(self, table: Table, record_id: uuid.UUID, field: str, value: Any) -> None:
        """Settle a conflict: a new local edit of `field` (encoded value) that supersedes every value."""
        known = self.states(table.name).get(record_id)
        if known is None:
            raise KeyError(record_id)
        state = known[1]
        write(state, {field: value}, self._next_dot())
        self._store(table.name, record_id, state, materialized=known[0].materialized)
        self.materialize({table.name: {record_id}})

    # ------------------------------------------------------------------ merging

    def merge(self, table_name: str, incoming: Iterable[tuple[uuid.UUID, State]]) -> set[uuid.UUID]:
        """Join incoming states into the table's; returns the records whose state changed."""
        states = self.states(table_name)
        touched: set[uuid.UUID] = set()
        for record_id, state in incoming:
            known = states.get(record_id)
            if known is not None and known[1] == state:  # the common case of a bundle merged before
                continue
            # A copy of the top level: later local edits replace fields, never the caller's lists.
            merged = (
                {"c": dict(state["c"]), "f": dict(state["f"])} if known is None else join(known[1], state)
            )
            if known is not None and merged == known[1]:
                continue
            self.observe_clock(max_counter(state))
            self._store(
                table_name, record_id, merged, materialized=False if known is None else known[0].materialized
            )
            touched.add(record_id)
        return touched

    def pending(self) -> dict[str, set[uuid.UUID]]:
        """Alive records not in their table yet (waiting for a parent), by table."""
        found: dict[str, set[uuid.UUID]] = defaultdict(set)
        query = select(SyncState.table_name, SyncState.record_id).where(
            SyncState.alive.is_(True), SyncState.materialized.is_(False)
        )
        for table_name, record_id in self.session.execute(query):
            found[table_name].add(record_id)
        return found

    def materialize(self, touched: Mapping[str, Collection[uuid.UUID]]) -> dict[str, dict[str, int]]:
        """Make the rows of the touched records match their states; returns counts per table
        (`inserted`, `updated`, `deleted`, `waiting`, and `adjusted`: values changed here to keep a
        link or a unique key valid, which the next capture stamps as local edits)."""
        counts = _Materializer(self).run(touched)
        # Rows were written in SQL: loaded records are reloaded before use, never flushed over them.
        for item in list(self.session.identity_map.values()):
            if isinstance(item, RecordMixin):
                self.session.expire(item)
        return counts


# --------------------------------------------------------------------------- materialising states as rows


class _Materializer:
    """Writes merged states into their tables, parents first, respecting foreign keys and unique keys.

    A record whose parent is missing waits (retried at the next merge), unless its link to a parent
    deleted for good is `ON DELETE SET NULL`: then it is cleared, as the database itself does. When two
    records claim the same unique value, the record with the smaller id keeps it: a reference gets the
    other's id appended, any other key (a need × team match, say) removes the other record. Every
    replica decides the same way.
    """

    def __init__(self, replica: ReplicaSession) -> None:
        self.replica = replica
        self.session = replica.session
        self.rows: dict[str, dict[uuid.UUID, dict[str, Any]]] = {}
        self.ids: dict[str, set[uuid.UUID]] = {}
        self.unique: dict[str, dict[tuple[str, ...], dict[tuple[Any, ...], uuid.UUID]]] = {}
        self.counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.now = utc_now()
        self.synced = {table.name for table in synced_tables()}
        # New rows of the table being written, by id, inserted in one batch once the table is done.
        self.inserts: dict[uuid.UUID, dict[str, Any]] = {}

    def _load(self, table: Table) -> dict[uuid.UUID, dict[str, Any]]:
        if table.name not in self.rows:
            rows = read_rows(self.session, table)
            self.rows[table.name] = rows
            self.ids[table.name] = set(rows)
            keys: dict[tuple[str, ...], dict[tuple[Any, ...], uuid.UUID]] = {}
            for names in _unique_keys(table):
                keys[names] = {
                    tuple(values[name] for name in names): record_id
                    for record_id, values in rows.items()
                    if all(values[name] is not None for name in names)
                }
            self.unique[table.name] = keys
        return self.rows[table.name]

    def _exists(self, table: Table, record_id: uuid.UUID) -> bool:
        if table.name not in self.ids:
            if table.name in self.synced:
                self._load(table)
            else:
                self.ids[table.name] = set(self.session.scalars(select(table.c.id)))
        return record_id in self.ids[table.name]

    def run(self, touched: Mapping[str, Collection[uuid.UUID]]) -> dict[str, dict[str, int]]:
        tables = synced_tables()
        for table in reversed(tables):
            for record_id in sorted(touched.get(table.name, ())):
                row, state = self.replica.states(table.name)[record_id]
                if is_alive(state):
                    continue
                row.materialized = False
                if record_id in self._load(table):
                    self._delete(table, record_id)
                    self.counts[table.name]["deleted"] += 1
        for table in tables:
            for record_id in sorted(touched.get(table.name, ())):
                row, state = self.replica.states(table.name)[record_id]
                if is_alive(state):
                    self._upsert(table, record_id, row, state)
            self._insert_batch(table)
        self.session.flush()
        return {name: dict(counts) for name, counts in self.counts.items()}

    def _delete(self, table: Table, record_id: uuid.UUID) -> None:
        values = self.rows[table.name].pop(record_id)
        self.ids[table.name].discard(record_id)
        for names, keys in self.unique[table.name].items():
            keys.pop(tuple(values[name] for name in names), None)
        if self.inserts.pop(record_id, None) is None:
            self.session.execute(delete(table).where(table.c.id == record_id))

    def _upsert(self, table: Table, record_id: uuid.UUID, row: SyncState, state: State) -> None:
        rows = self._load(table)
        wanted = {name: value for name, value in current_values(state).items() if name in table.c}
        if not self._links_ready(table, wanted) or not self._keys_ready(table, record_id, wanted):
            row.materialized = False
            self.counts[table.name]["waiting"] += 1
            return
        row.materialized = True
        present = rows.get(record_id)
        if present is None:
            values = {name: decode(table.c[name], value) for name, value in wanted.items()}
            self.inserts[record_id] = {**values, "id": record_id, "version": 1, "updated_at": self.now}
            rows[record_id] = {**dict.fromkeys(column.name for column in field_columns(table)), **wanted}
            self.ids[table.name].add(record_id)
            self.counts[table.name]["inserted"] += 1
        else:
            changes = {name: value for name, value in wanted.items() if present.get(name) != value}
            if not changes:
                return
            self._write(table, record_id, changes)
            self.counts[table.name]["updated"] += 1
        for names, keys in self.unique[table.name].items():
            key = tuple(rows[record_id][name] for name in names)
            if None not in key:
                keys[key] = record_id

    def _insert_batch(self, table: Table) -> None:
        """Insert the table's new rows, in batches of rows with the same columns."""
        by_columns: dict[frozenset[str], list[dict[str, Any]]] = defaultdict(list)
        for values in self.inserts.values():
            by_columns[frozenset(values)].append(values)
        self.inserts.clear()
        for batch in by_columns.values():
            self.session.execute(insert(table), batch)

    def _write(self, table: Table, record_id: uuid.UUID, changes: Mapping[str, Any]) -> None:
        """Update a row (a new version, so that a form opened before the merge refuses a stale save)."""
        self.rows[table.name][record_id].update(changes)
        if record_id in self.inserts:
            self.inserts[record_id].update(
                {name: decode(table.c[name], value) for name, value in changes.items()}
            )
            return
        self.session.execute(
            update(table)
            .where(table.c.id == record_id)
            .values(
                version=table.c.version + 1,
                updated_at=self.now,
                **{name: decode(table.c[name], value) for name, value in changes.items()},
            )
        )

    def _links_ready(self, table: Table, wanted: dict[str, Any]) -> bool:
        """Whether every parent exists; clears nullable links to parents deleted for good."""
        for column in table.columns:
            value = wanted.get(column.name)
            if value is None or not column.foreign_keys:
                continue
            link = next(iter(column.foreign_keys))
            target = link.column.table
            parent_id = uuid.UUID(value)
            if self._exists(target, parent_id):
                continue
            if target.name in self.synced:  # a parent that may still arrive, unless it was deleted
                known = self.replica.states(target.name).get(parent_id)
                gone = known is not None and not is_alive(known[1])
            else:  # reference data, the same everywhere: a missing row never arrives
                gone = True
            if gone and link.ondelete == "SET NULL":  # what the database does when the parent goes
                wanted[column.name] = None
                self.counts[table.name]["adjusted"] += 1
            else:
                return False
        return all(
            wanted.get(column.name) is not None or column.nullable or column.name not in wanted
            for column in field_columns(table)
        )

    def _keys_ready(self, table: Table, record_id: uuid.UUID, wanted: dict[str, Any]) -> bool:
        """Settle unique-key collisions with other rows; False when this record gives way."""
        for names, keys in self.unique[table.name].items():
            key = tuple(wanted.get(name) for name in names)
            holder = keys.get(key)
            if None in key or holder is None or holder == record_id:
                continue
            loser = max(holder, record_id)
            if len(names) == 1 and isinstance(key[0], str):
                renamed = f"{key[0]}~{loser.hex[:6]}"
                self.counts[table.name]["adjusted"] += 1
                if loser == record_id:
                    wanted[names[0]] = renamed
                else:
                    keys.pop(key)
                    self._write(table, holder, {names[0]: renamed})
                    keys[(renamed,)] = holder
                continue
            if loser == record_id:
                return False
            if table.name == "matches":  # the history of the match given up joins the one kept
                self.session.execute(
                    update(MatchEvent).where(MatchEvent.match_id == holder).values(match_id=record_id)
                )
            self._delete(table, holder)
            self.counts[table.name]["deleted"] += 1
        return True


def _unique_keys(table: Table) -> list[tuple[str, ...]]:
    keys = {
        tuple(column.name for column in constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    }
    keys |= {(column.name,) for column in table.columns if column.unique}
    return sorted(keys)
