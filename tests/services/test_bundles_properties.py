"""Bundles as a replicated data type: three laptops edit, delete and exchange in any order (hypothesis).

A model follows, for each edit, which laptops have seen it: an edit supersedes the edits of the same
field its laptop had seen. After every laptop has exchanged with every other one, the values left of
each field must be exactly the edits nobody superseded: one is the value, several are a conflict.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import sqlite3
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, rule

from enact_match.services import bundles, catalog
from enact_match.services.database import Database, open_database
from enact_match.storage import sync
from tests.services.bundle_support import canonical_dump

REPLICAS = 3
FIELDS = ("city", "website")
VALUES = ("Metz", "Nancy", "Reims", None)
replica_numbers = st.integers(min_value=0, max_value=REPLICAS - 1)


def _scratch_folder() -> Path:
    # In memory where the system has it: each merge backs up and syncs to disk, which would make the
    # run I/O-bound (durability is tested elsewhere).
    memory = Path("/dev/shm")
    return Path(tempfile.mkdtemp(prefix="enact-bundles-", dir=memory if memory.is_dir() else None))


@functools.cache
def _empty_database() -> Path:
    """A migrated, empty database file, copied for each laptop (migrating costs more than a test step)."""
    folder = _scratch_folder()
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "empty.sqlite3"
    open_database(str(path)).dispose()
    return path


@dataclass
class _Edit:
    """One write as the model sees it: which record and field, the value, and who has seen it."""

    number: int
    record_id: uuid.UUID
    field: str  # a column, or "_alive" (a creation or an edit writes True, a deletion False)
    value: object
    superseded: set[int] = field(default_factory=set)


class LaptopsMachine(RuleBasedStateMachine):
    """Three SQLite replicas and a model of the edits each has seen."""

    companies = Bundle("companies")

    def __init__(self) -> None:
        super().__init__()
        self.folder = _scratch_folder()
        self.replicas: list[Database] = []
        for number in range(REPLICAS):
            path = self.folder / f"laptop-{number}.sqlite3"
            shutil.copyfile(_empty_database(), path)  # each copy makes its own replica id on first use
            self.replicas.append(open_database(str(path)))
        self.edits: list[_Edit] = []
        self.seen: list[set[int]] = [set() for _ in range(REPLICAS)]
        self.bundle_count = 0
        self.companies_created = 0

    def teardown(self) -> None:
        for db in self.replicas:
            db.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)

    # ------------------------------------------------------------------ the model

    def _record(self, replica: int, record_id: uuid.UUID, name: str, value: object) -> None:
        edit = _Edit(len(self.edits), record_id, name, value)
        for other in self.edits:
            if other.number in self.seen[replica] and (other.record_id, other.field) == (record_id, name):
                other.superseded.add(edit.number)
        self.edits.append(edit)
        self.seen[replica].add(edit.number)

    def _expected(self, record_id: uuid.UUID, name: str) -> set[object]:
        return {
            edit.value
            for edit in self.edits
            if (edit.record_id, edit.field) == (record_id, name) and not edit.superseded
        }

    def _capture(self, replica: int) -> None:
        """Stamp a laptop's edit at once. Edits made between two captures count as one (docs/sync.md):
        stamping each one lets the model follow every edit."""
        with self.replicas[replica].writing() as session:
            sync.ReplicaSession(session).capture()

    def _bundle_path(self) -> Path:
        self.bundle_count += 1
        return self.folder / f"bundle-{self.bundle_count}.enact-bundle"

    def _exchange(self, source: int, receiver: int) -> Path:
        path = self._bundle_path()
        bundles.export_bundle(self.replicas[source], path)
        bundles.merge_bundle(self.replicas[receiver], path)
        self.seen[receiver] |= self.seen[source]
        return path

    # ------------------------------------------------------------------ rules

    @initialize(target=companies)
    def a_company_every_laptop_has(self) -> uuid.UUID:
        """A company known everywhere from the start: edits of it on two laptops are soon concurrent."""
        record_id = self.create_company(0, "Metz")
        for receiver in range(1, REPLICAS):
            self._exchange(0, receiver)
        return record_id

    @rule(target=companies, replica=replica_numbers, city=st.sampled_from(VALUES[:-1]))
    def create_company(self, replica: int, city: str) -> uuid.UUID:
        self.companies_created += 1
        row = catalog.save_record(
            self.replicas[replica], "companies", {"name": f"Société {self.companies_created}", "city": city}
        )
        self._capture(replica)
        self._record(replica, row.id, "_alive", True)
        for name in FIELDS:
            self._record(replica, row.id, name, getattr(row, name))
        return row.id

    @rule(
        replica=replica_numbers,
        record_id=companies,
        name=st.sampled_from(FIELDS),
        value=st.sampled_from(VALUES),
    )
    def edit_field(self, replica: int, record_id: uuid.UUID, name: str, value: str | None) -> None:
        db = self.replicas[replica]
        rows = {row.id: row for row in catalog.list_companies(db)}
        if record_id not in rows or getattr(rows[record_id], name) == value:
            return  # absent here, or no change: nothing is written
        catalog.save_record(db, "companies", {"name": rows[record_id].name, name: value}, record_id=record_id)
        self._capture(replica)
        self._record(replica, record_id, "_alive", True)
        self._record(replica, record_id, name, value)

    @rule(replica=replica_numbers, record_id=companies)
    def delete_company(self, replica: int, record_id: uuid.UUID) -> None:
        db = self.replicas[replica]
        if record_id in {row.id for row in catalog.list_companies(db)}:
            catalog.delete_record(db, "companies", record_id)
            self._capture(replica)
            self._record(replica, record_id, "_alive", False)

    @rule(source=replica_numbers, receiver=replica_numbers)
    def exchange(self, source: int, receiver: int) -> None:
        if source != receiver:
            self._exchange(source, receiver)

    @rule(source=replica_numbers, receiver=replica_numbers)
    def merging_the_same_bundle_twice_changes_nothing(self, source: int, receiver: int) -> None:
        if source == receiver:
            return
        path = self._exchange(source, receiver)
        before = canonical_dump(self.replicas[receiver])
        again = bundles.merge_bundle(self.replicas[receiver], path)
        assert not again.changed
        assert canonical_dump(self.replicas[receiver]) == before

    @rule(first=replica_numbers, second=replica_numbers, receiver=replica_numbers)
    def merging_two_bundles_in_either_order_gives_the_same_data(
        self, first: int, second: int, receiver: int
    ) -> None:
        if len({first, second, receiver}) < 3:
            return
        # The laptop's own changes are stamped first, so that both copies start from the same state.
        bundles.export_bundle(self.replicas[receiver], self._bundle_path())
        paths = []
        for source in (first, second):
            paths.append(self._bundle_path())
            bundles.export_bundle(self.replicas[source], paths[-1])
        dumps = []
        for order in (paths, paths[::-1]):
            copy = self._copy(self.replicas[receiver])
            try:
                for path in order:
                    bundles.merge_bundle(copy, path)
                dumps.append(canonical_dump(copy))
            finally:
                copy.dispose()
        assert dumps[0] == dumps[1]

    def _copy(self, db: Database) -> Database:
        assert db.file_path is not None
        target = self._bundle_path().with_suffix(".sqlite3")
        source = sqlite3.connect(db.file_path)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            source.close()
            copy.close()
        return open_database(str(target))

    @rule()
    def everyone_exchanges_with_everyone(self) -> None:
        for _ in range(2):
            for source in range(REPLICAS):
                for target in range(REPLICAS):
                    if source != target:
                        self._exchange(source, target)
        dumps = [canonical_dump(db) for db in self.replicas]
        assert dumps[0] == dumps[1] == dumps[2], "the laptops did not converge"
        self._check_no_edit_lost(self.replicas[0])

    def _check_no_edit_lost(self, db: Database) -> None:
        """Every edit nobody superseded is the value or one of the values of a conflict, and nothing else."""
        conflicts = {(item.record_id, item.field): set(item.values) for item in bundles.list_conflicts(db)}
        rows = {row.id: row for row in catalog.list_companies(db)}
        for record_id in {edit.record_id for edit in self.edits}:
            alive = self._expected(record_id, "_alive")
            assert (record_id in rows) == (True in alive)
            if len(alive) > 1:
                assert conflicts[(record_id, "_alive")] == alive
            if record_id not in rows:
                continue
            for name in FIELDS:
                expected = self._expected(record_id, name)
                shown = getattr(rows[record_id], name)
                assert conflicts.get((record_id, name), {shown}) == expected


LaptopsMachine.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestLaptopsMachine = LaptopsMachine.TestCase
