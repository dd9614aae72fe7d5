"""Alembic environment: migrations run on the connection handed over by enact_match.storage.database."""

from alembic import context

from enact_match.storage.models import Base

target_metadata = Base.metadata
connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `alembic revision --autogenerate` by developers
    raise SystemExit("run migrations through enact_match.storage.database.upgrade_schema()")

context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
