"""initial schema and reference structures

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The region's innovation structures. Their ids derive from their codes, so that every laptop and
# server has the same ids and merged bundles agree on them.
STRUCTURE_NAMESPACE = uuid.UUID("6f1c2b1e-3f0a-4d55-9a53-0e1a7c3b9d10")
STRUCTURES = (
    ("POLARIS", "POLARIS (pôle universitaire d'innovation, Lorraine)", "innovation_hub"),
    ("PUI_ALSACE", "PUI-Alsace (pôle universitaire d'innovation)", "innovation_hub"),
    ("SATT_CONECTUS", "SATT Conectus", "tech_transfer"),
    ("SATT_SAYENS", "SATT Sayens", "tech_transfer"),
    ("IHU_INFINY", "IHU INFINY Nancy", "ihu"),
    ("IHU_STRASBOURG", "IHU Strasbourg", "ihu"),
    ("BIOVALLEY", "BioValley France", "cluster"),
    ("MATERALIA", "Materalia", "cluster"),
    ("SEMIA", "SEMIA / Quest for Change", "incubator"),
    ("INCUBATEUR_LORRAIN", "Incubateur Lorrain", "incubator"),
    ("GRAND_E_NOV", "Grand E-Nov+", "regional_agency"),
)


def upgrade() -> None:
    op.create_table(
        "companies",
        sa.Column("ref", sa.String(length=80), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("legal_form", sa.String(length=40), nullable=True),
        sa.Column("siren", sa.String(length=9), nullable=True),
        sa.Column("naf", sa.String(length=10), nullable=True),
        sa.Column("size_class", sa.String(length=3), nullable=True),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("department", sa.String(length=3), nullable=True),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_companies")),
        sa.UniqueConstraint("ref", name=op.f("uq_companies_ref")),
    )
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_companies_siren"), ["siren"], unique=False)

    op.create_table(
        "research_units",
        sa.Column("ref", sa.String(length=80), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("acronym", sa.String(length=40), nullable=True),
        sa.Column("unit_code", sa.String(length=40), nullable=True),
        sa.Column("rnsr_id", sa.String(length=20), nullable=True),
        sa.Column("institutions", sa.JSON(), nullable=False),
        sa.Column("institutions_other", sa.String(length=300), nullable=True),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_units")),
        sa.UniqueConstraint("ref", name=op.f("uq_research_units_ref")),
    )
    with op.batch_alter_table("research_units", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_research_units_rnsr_id"), ["rnsr_id"], unique=False)

    op.create_table(
        "structures",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_structures")),
        sa.UniqueConstraint("code", name=op.f("uq_structures_code")),
    )
    structures = sa.table(
        "structures",
        sa.column("id", sa.Uuid()),
        sa.column("code", sa.String),
        sa.column("name", sa.String),
        sa.column("kind", sa.String),
    )
    op.bulk_insert(
        structures,
        [
            {"id": uuid.uuid5(STRUCTURE_NAMESPACE, code), "code": code, "name": name, "kind": kind}
            for code, name, kind in STRUCTURES
        ],
    )
    op.create_table(
        "needs",
        sa.Column("ref", sa.String(length=80), nullable=True),
        sa.Column("company_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("axes", sa.JSON(), nullable=False),
        sa.Column("trl", sa.Integer(), nullable=True),
        sa.Column("horizon", sa.String(length=80), nullable=True),
        sa.Column("budget", sa.String(length=80), nullable=True),
        sa.Column("data_available", sa.String(length=20), nullable=False),
        sa.Column("confidentiality", sa.String(length=20), nullable=False),
        sa.Column("structure_id", sa.Uuid(), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name=op.f("fk_needs_company_id_companies"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["structure_id"],
            ["structures.id"],
            name=op.f("fk_needs_structure_id_structures"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_needs")),
        sa.UniqueConstraint("ref", name=op.f("uq_needs_ref")),
    )
    with op.batch_alter_table("needs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_needs_company_id"), ["company_id"], unique=False)

    op.create_table(
        "teams",
        sa.Column("ref", sa.String(length=80), nullable=True),
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("acronym", sa.String(length=40), nullable=True),
        sa.Column("leader", sa.String(length=200), nullable=True),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("axes", sa.JSON(), nullable=False),
        sa.Column("platforms", sa.Text(), nullable=True),
        sa.Column("cifre_open", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["research_units.id"],
            name=op.f("fk_teams_unit_id_research_units"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
        sa.UniqueConstraint("ref", name=op.f("uq_teams_ref")),
    )
    op.create_table(
        "contacts",
        sa.Column("ref", sa.String(length=80), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("organisation", sa.String(length=300), nullable=True),
        sa.Column("company_id", sa.Uuid(), nullable=True),
        sa.Column("team_id", sa.Uuid(), nullable=True),
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("structure_id", sa.Uuid(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("legal_basis", sa.String(length=40), nullable=True),
        sa.Column("informed_on", sa.Date(), nullable=True),
        sa.Column("last_contact_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_contacts_company_id_companies"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["structure_id"],
            ["structures.id"],
            name=op.f("fk_contacts_structure_id_structures"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_contacts_team_id_teams"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["research_units.id"],
            name=op.f("fk_contacts_unit_id_research_units"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
        sa.UniqueConstraint("ref", name=op.f("uq_contacts_ref")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_email"), ["email"], unique=False)

    op.create_table(
        "exclusions",
        sa.Column("company_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_exclusions_company_id_companies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_exclusions_team_id_teams"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exclusions")),
        sa.UniqueConstraint("company_id", "team_id", name="uq_exclusions_company_team"),
    )
    op.create_table(
        "matches",
        sa.Column("need_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("explanation", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("collaboration_type", sa.String(length=30), nullable=True),
        sa.Column("decline_reason", sa.String(length=30), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["need_id"], ["needs.id"], name=op.f("fk_matches_need_id_needs"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_matches_team_id_teams"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matches")),
        sa.UniqueConstraint("need_id", "team_id", name="uq_matches_need_team"),
    )
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_matches_need_id"), ["need_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_matches_team_id"), ["team_id"], unique=False)

    op.create_table(
        "publications",
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("abstract", sa.Text(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("venue", sa.String(length=300), nullable=True),
        sa.Column("doi", sa.String(length=200), nullable=True),
        sa.Column("hal_id", sa.String(length=60), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_publications_team_id_teams"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publications")),
    )
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_publications_team_id"), ["team_id"], unique=False)

    op.create_table(
        "match_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("match_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=True),
        sa.Column("from_status", sa.String(length=30), nullable=True),
        sa.Column("to_status", sa.String(length=30), nullable=True),
        sa.Column("collaboration_type", sa.String(length=30), nullable=True),
        sa.Column("decline_reason", sa.String(length=30), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["match_id"], ["matches.id"], name=op.f("fk_match_events_match_id_matches"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_events")),
    )
    with op.batch_alter_table("match_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_events_match_id"), ["match_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("match_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_match_events_match_id"))

    op.drop_table("match_events")
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publications_team_id"))

    op.drop_table("publications")
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matches_team_id"))
        batch_op.drop_index(batch_op.f("ix_matches_need_id"))

    op.drop_table("matches")
    op.drop_table("exclusions")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_email"))

    op.drop_table("contacts")
    op.drop_table("teams")
    with op.batch_alter_table("needs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_needs_company_id"))

    op.drop_table("needs")
    op.drop_table("structures")
    with op.batch_alter_table("research_units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_research_units_rnsr_id"))

    op.drop_table("research_units")
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_companies_siren"))

    op.drop_table("companies")
