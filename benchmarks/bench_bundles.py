"""Laptop bundles at scale: 10,000 contacts on each of two laptops, with edits of the same contacts on both.

    .venv/bin/python benchmarks/bench_bundles.py [--contacts 10000] [--overlap 1000]

Laptop A captures N contacts; laptop B merges A's bundle, then captures N contacts of its own; both
edit the phone of `overlap` contacts, half of them the same ones (concurrent edits: conflicts). Then
each exports and merges the other's bundle, and A merges the same bundle again (a no-op). The
baseline is a plain bulk insert of the same N contacts in one transaction, measured in the same run.
Also measured: a 10,000-row import (unchanged by bundles: nothing is recorded while writing) and the
capture of its rows as replicated states at the next export, where that cost is paid instead.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import insert, update

from enact_match.services import bundles, catalog
from enact_match.services.database import Database, open_database
from enact_match.services.importing import import_file
from enact_match.storage import sync
from enact_match.storage.models import Contact, utc_now

T = TypeVar("T")


FIGURES: list[tuple[str, float, float]] = []


def timed(label: str, fn: Callable[[], T]) -> T:
    """Run `fn`, keeping its wall-clock and CPU seconds under `label` (the CPU time tells what the
    work costs when other processes share the machine)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    FIGURES.append((label, time.perf_counter() - start, time.process_time() - cpu))
    return result


def contact_rows(count: int, prefix: str) -> list[dict[str, Any]]:
    now = utc_now()
    return [
        {
            "id": uuid.uuid4(),
            "ref": f"{prefix}-{number:05d}",
            "name": f"Personne {prefix} {number}",
            "email": f"{prefix.lower()}{number}@example.org",
            "organisation": f"Entreprise {number % 700}",
            "source": "salon",
            "legal_basis": "legitimate_interest",
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        for number in range(count)
    ]


def bulk_insert(db: Database, rows: list[dict[str, Any]]) -> None:
    with db.writing() as session:
        session.execute(insert(Contact), rows)


def edit_phones(db: Database, ids: list[uuid.UUID], phone: str) -> None:
    with db.writing() as session:
        for record_id in ids:
            session.execute(update(Contact).where(Contact.id == record_id).values(phone=phone))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--overlap", type=int, default=1_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-bundles-"))
    laptop_a = open_database(str(folder / "a.sqlite3"))
    laptop_b = open_database(str(folder / "b.sqlite3"))
    baseline = open_database(str(folder / "baseline.sqlite3"))
    rows_a = contact_rows(args.contacts, "A")
    timed(
        "baseline: bulk insert of the contacts",
        lambda: bulk_insert(baseline, contact_rows(args.contacts, "A")),
    )
    bulk_insert(laptop_a, rows_a)
    first = folder / "a-first.enact-bundle"
    timed("first export of A", lambda: bundles.export_bundle(laptop_a, first))
    timed("first merge into empty B", lambda: bundles.merge_bundle(laptop_b, first))
    bulk_insert(laptop_b, contact_rows(args.contacts, "B"))
    ids = [row["id"] for row in rows_a]
    half = args.overlap // 2
    edit_phones(laptop_a, ids[: args.overlap], "+33 3 00 00 00 01")
    edit_phones(laptop_b, ids[half : half + args.overlap], "+33 3 00 00 00 02")

    bundle_a, bundle_b = folder / "a.enact-bundle", folder / "b.enact-bundle"
    timed("export A", lambda: bundles.export_bundle(laptop_a, bundle_a))
    export_b = timed("export B", lambda: bundles.export_bundle(laptop_b, bundle_b))
    into_a = timed("merge B's bundle into A", lambda: bundles.merge_bundle(laptop_a, bundle_b))
    into_b = timed("merge A's bundle into B", lambda: bundles.merge_bundle(laptop_b, bundle_a))
    again = timed("merge B's bundle into A again", lambda: bundles.merge_bundle(laptop_a, bundle_b))
    counts = (len(catalog.list_contacts(laptop_a)), len(catalog.list_contacts(laptop_b)))

    importer = open_database(str(folder / "import.sqlite3"))
    csv_path = folder / "contacts.csv"
    lines = ["nom;courriel;organisme;origine"]
    lines += [f"Visiteur {n};v{n}@example.org;Entreprise {n % 700};salon" for n in range(args.contacts)]
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    timed("import of a contacts file (CSV)", lambda: import_file(importer, "contacts", csv_path))

    def capture() -> int:
        with importer.writing() as session:
            return sync.ReplicaSession(session).capture()

    captured = timed("capture of the imported rows (next export)", capture)

    baseline_cpu = FIGURES[0][2]
    print(f"contacts per laptop: {args.contacts}, edited on each: {args.overlap} ({half} on both)")
    print(f"{'step':<45} {'wall s':>8} {'CPU s':>8} {'CPU / baseline':>15}")
    for label, wall, cpu in FIGURES:
        print(f"{label:<45} {wall:>8.2f} {cpu:>8.2f} {cpu / baseline_cpu:>15.1f}")
    print(
        f"bundle B: {export_b.records} records, {bundle_b.stat().st_size / 1_000_000:.1f} MB; "
        f"merge into A: {sum(c.inserted for c in into_a.changes)} added, "
        f"{sum(c.updated for c in into_a.changes)} updated, {len(into_a.conflicts)} conflicts; "
        f"into B: {len(into_b.conflicts)} conflicts; again: changed {again.changed}"
    )
    print(f"contacts after the exchange: A {counts[0]}, B {counts[1]}; captured after import: {captured}")
    for db in (laptop_a, laptop_b, baseline, importer):
        db.dispose()


if __name__ == "__main__":
    main()
