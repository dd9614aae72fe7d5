"""Migrations: from empty to head they build exactly the models' schema, and seed the structures."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from enact_match.services.database import Database, open_database
from enact_match.storage.models import Base, Structure

EXPECTED_STRUCTURES = {
    "POLARIS",
    "PUI_ALSACE",
    "SATT_CONECTUS",
    "SATT_SAYENS",
    "IHU_INFINY",
    "IHU_STRASBOURG",
    "BIOVALLEY",
    "MATERALIA",
    "SEMIA",
    "INCUBATEUR_LORRAIN",
    "GRAND_E_NOV",
}


def test_migrations_from_empty_give_the_models_schema(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_first_migration_seeds_the_region_structures(database: Database) -> None:
    with database.reading() as session:
        codes = set(session.scalars(select(Structure.code)))
    assert codes == EXPECTED_STRUCTURES


def test_reopening_an_up_to_date_database_changes_nothing(database: Database) -> None:
    with database.reading() as session:
        before = session.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    again = open_database(database.url)
    with again.reading() as session:
        after = session.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        structures = session.scalar(text("SELECT count(*) FROM structures"))
    again.dispose()
    assert before == after
    assert structures == len(EXPECTED_STRUCTURES)
