"""Opening databases: locations, SQLite settings, write transactions and optimistic concurrency."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import text, update
from sqlalchemy.orm.exc import StaleDataError

from enact_match.services.database import Database, DatabaseUrlError, open_database
from enact_match.storage.database import decode_json, normalise_url
from enact_match.storage.models import Company, Need


def test_a_file_path_becomes_an_absolute_sqlite_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert normalise_url("x.db") == f"sqlite:///{tmp_path / 'x.db'}"


def test_a_plain_postgresql_url_gets_the_psycopg_driver() -> None:
    url = normalise_url("postgresql://u:secret@db.example:5432/enact")
    assert url == "postgresql+psycopg://u:secret@db.example:5432/enact"


def test_an_invalid_url_is_refused_with_a_clear_error() -> None:
    with pytest.raises(DatabaseUrlError):
        normalise_url("postgresql+psycopg://:@:notaport/x")
    with pytest.raises(DatabaseUrlError):
        normalise_url("   ")


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    db = open_database(str(tmp_path / "a.db"))
    with db.reading() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    db.dispose()


def test_the_sqlite_file_and_its_folder_are_created(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "enact.sqlite3"
    db = open_database(str(path))
    db.dispose()
    assert path.is_file()


def test_a_failed_unit_of_work_writes_nothing(database: Database) -> None:
    with pytest.raises(RuntimeError), database.writing() as session:
        session.add(Company(name="Aciéries de test"))
        session.flush()
        raise RuntimeError("boom")
    with database.reading() as session:
        assert session.query(Company).count() == 0


def test_each_update_increments_the_version_counter(database: Database) -> None:
    with database.writing() as session:
        company = Company(name="Verrerie Test")
        session.add(company)
    assert company.version == 1
    with database.writing() as session:
        session.get(Company, company.id).city = "Metz"
    with database.reading() as session:
        assert session.get(Company, company.id).version == 2


def test_an_update_based_on_a_stale_version_is_refused(database: Database) -> None:
    with database.writing() as session:
        company = Company(name="Verrerie Test")
        session.add(company)
    with pytest.raises(StaleDataError), database.writing() as session:
        mine = session.get(Company, company.id)
        # Another writer saves the record meanwhile (simulated in the same transaction).
        bump = update(Company).where(Company.id == company.id).values(version=Company.version + 1)
        session.execute(bump, execution_options={"synchronize_session": False})
        mine.city = "Épinal"
        session.flush()
    with database.reading() as session:
        assert session.get(Company, company.id).city is None


def test_concurrent_sqlite_writers_wait_instead_of_failing(tmp_path: Path) -> None:
    db = open_database(str(tmp_path / "c.db"))
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for index in range(20):
                with db.writing() as session:
                    session.execute(text("SELECT count(*) FROM companies")).scalar()
                    session.add(Company(name=f"Société {worker}-{index}"))
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with db.reading() as session:
        count = session.query(Company).count()
    db.dispose()
    assert errors == []
    assert count == 80


def test_json_lists_read_back_as_written_and_each_empty_list_is_a_new_one(database: Database) -> None:
    with database.writing() as session:
        session.add_all(
            [
                Need(ref="J1", title="Empty", keywords=[], axes=[]),
                Need(ref="J2", title="Full", keywords=["jumeau numérique", "[]"], axes=[2, 3]),
                Need(ref="J3", title="Empty too", keywords=[], axes=[1]),
            ]
        )
    with database.reading() as session:
        found = {
            need.ref: (need.keywords, need.axes) for need in session.query(Need).filter(Need.ref.like("J%"))
        }
    assert found == {"J1": ([], []), "J2": (["jumeau numérique", "[]"], [2, 3]), "J3": ([], [1])}
    found["J1"][0].append("changed")
    assert found["J3"][0] == []  # no empty list is shared
    assert decode_json("[]") == [] and decode_json("[]") is not decode_json("[]")
    assert decode_json(b"[1, 2]") == [1, 2] and decode_json('{"a": [ ]}') == {"a": []}
