"""mediation not accepted (不予受理, PML art 17): a status of its own with its date, reason and note

The status check and outcome_matches_status widen to 'not_accepted'; four checks tie the new columns to it; the
statistics index of registration dates gains not_accepted_on (a cohort figure reads it).

On SQLite, changing a CHECK constraint rebuilds mediation_cases (batch mode), which drops every trigger and
index of the table: the FTS triggers of migration 5f3b9c2d7e41 and the indexes (the partial ix_mediation_cases_open_due
of 8a1d4e6c2b90 among them) are created again from SQLITE_INDEXES and TRIGGERS below, and the search index is
rebuilt. The rebuilt table keeps every id (migrations/env.py turns SQLite's foreign keys off while migrating and
checks every reference afterwards).

Downgrade maps a not-accepted case back to 'registered' (its acceptance never happened) and keeps its decision
in the case history: one change row per case naming the date, the reason and the note, so nothing is lost.

Revision ID: d7ba276c50e9
Revises: 5531fb0ba72a
Create Date: 2026-12-02 10:55:35.962692

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "d7ba276c50e9"
down_revision = "5531fb0ba72a"
branch_labels = None
depends_on = None

TABLE = "mediation_cases"
OLD_STATUSES = "('registered', 'accepted', 'mediating', 'concluded', 'archived', 'voided')"
NEW_STATUSES = "('registered', 'accepted', 'mediating', 'concluded', 'archived', 'voided', 'not_accepted')"
OUTCOME_MATCHES_STATUS = (
    "(status IN ('concluded', 'archived') AND outcome IS NOT NULL)"
    " OR (status IN {open} AND outcome IS NULL)"
    " OR status = 'voided'"
)
OLD_OPEN = "('registered', 'accepted', 'mediating')"
NEW_OPEN = "('registered', 'accepted', 'mediating', 'not_accepted')"
NEW_CHECKS = {
    "not_accepted_reason_known": (
        "not_accepted_reason IS NULL OR not_accepted_reason IN ('party_refused', 'out_of_scope', 'other')"
    ),
    "not_accepted_matches_status": (
        "(status = 'not_accepted' AND not_accepted_on IS NOT NULL AND not_accepted_reason IS NOT NULL"
        " AND accepted_on IS NULL)"
        " OR (status NOT IN ('not_accepted', 'voided') AND not_accepted_on IS NULL"
        " AND not_accepted_reason IS NULL AND not_accepted_note IS NULL)"
        " OR status = 'voided'"
    ),
    "not_accepted_other_has_note": (
        "not_accepted_reason IS NULL OR not_accepted_reason <> 'other' OR not_accepted_note IS NOT NULL"
    ),
    "not_accepted_after_registered": "not_accepted_on IS NULL OR not_accepted_on >= registered_on",
}
STATS_REGISTERED = [
    "registered_on",
    "is_voided",
    "committee_id",
    "dispute_type_id",
    "source",
    "outcome",
    "closed_on",
]
OPEN = "outcome IS NULL"

# Every index of mediation_cases at this revision except the unique case number (part of the table): a SQLite
# rebuild loses them, so they are created again. (name, columns, partial condition)
SQLITE_INDEXES = [
    ("ix_mediation_cases_area_id", ["area_id"], None),
    ("ix_mediation_cases_closed_on", ["closed_on"], None),
    ("ix_mediation_cases_dispute_type_id", ["dispute_type_id"], None),
    ("ix_mediation_cases_due_on", ["due_on"], None),
    ("ix_mediation_cases_registered_on", ["registered_on"], None),
    ("ix_mediation_cases_status", ["status"], None),
    ("ix_mediation_cases_voided_registered", ["is_voided", "registered_on", "id"], None),
    (
        "ix_mediation_cases_stats_closed",
        [
            "closed_on",
            "is_voided",
            "committee_id",
            "dispute_type_id",
            "source",
            "outcome",
            "due_on",
            "agreement_on",
            "id",
        ],
        None,
    ),
    (
        "ix_mediation_cases_open_due",
        ["due_on", "status", "is_voided", "committee_id", "registered_on", "id"],
        OPEN,
    ),
    ("ix_mediation_cases_committee_registered", ["committee_id", "is_voided", "registered_on", "id"], None),
]

# The FTS5 search index's triggers, as migration 5f3b9c2d7e41 created them.
TRIGGERS = {
    "mediation_cases_search_ai": (
        "AFTER INSERT ON mediation_cases BEGIN "
        "INSERT INTO mediation_cases_search(rowid, search_text) VALUES (new.id, new.search_text); END"
    ),
    "mediation_cases_search_ad": (
        "AFTER DELETE ON mediation_cases BEGIN "
        "INSERT INTO mediation_cases_search(mediation_cases_search, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); END"
    ),
    "mediation_cases_search_au": (
        "AFTER UPDATE OF search_text ON mediation_cases BEGIN "
        "INSERT INTO mediation_cases_search(mediation_cases_search, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); "
        "INSERT INTO mediation_cases_search(rowid, search_text) VALUES (new.id, new.search_text); END"
    ),
}


def _is_sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _restore_sqlite_extras(stats_registered: list[str]) -> None:
    """Create again what a rebuild of mediation_cases dropped: its indexes, the search triggers and index."""
    indexes = [*SQLITE_INDEXES, ("ix_mediation_cases_stats_registered", stats_registered, None)]
    for name, columns, where in indexes:
        op.execute(f"DROP INDEX IF EXISTS {name}")
        condition = {"sqlite_where": sa.text(where)} if where else {}
        op.create_index(name, TABLE, columns, unique=False, **condition)
    for name, body in TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute("INSERT INTO mediation_cases_search(mediation_cases_search) VALUES ('rebuild')")


def _swap_checks(batch_op, statuses: str, open_statuses: str, new_checks: dict) -> None:
    batch_op.drop_constraint(op.f("ck_mediation_cases_status_known"), type_="check")
    batch_op.create_check_constraint(op.f("ck_mediation_cases_status_known"), f"status IN {statuses}")
    batch_op.drop_constraint(op.f("ck_mediation_cases_outcome_matches_status"), type_="check")
    batch_op.create_check_constraint(
        op.f("ck_mediation_cases_outcome_matches_status"), OUTCOME_MATCHES_STATUS.format(open=open_statuses)
    )
    for name, condition in new_checks.items():
        batch_op.create_check_constraint(op.f(f"ck_mediation_cases_{name}"), condition)


def upgrade():
    sqlite = _is_sqlite()
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.add_column(sa.Column("not_accepted_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("not_accepted_reason", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("not_accepted_note", sa.Text(), nullable=True))
        _swap_checks(batch_op, NEW_STATUSES, NEW_OPEN, NEW_CHECKS)
        batch_op.drop_index("ix_mediation_cases_stats_registered")
        if not sqlite:
            batch_op.create_index(
                "ix_mediation_cases_stats_registered", [*STATS_REGISTERED, "not_accepted_on"], unique=False
            )
    if sqlite:
        _restore_sqlite_extras([*STATS_REGISTERED, "not_accepted_on"])


def downgrade():
    sqlite = _is_sqlite()
    # A not-accepted case goes back to 'registered'; its decision stays readable in its history.
    op.execute(
        "INSERT INTO mediation_case_changes (case_id, user_id, action, field, before, after, note, version, changed_at)"
        " SELECT id, NULL, 'edit', 'status', 'not_accepted', 'registered',"
        " '不予受理 ' || not_accepted_on || ' ' || not_accepted_reason || COALESCE(' ' || not_accepted_note, ''),"
        " version, CURRENT_TIMESTAMP FROM mediation_cases WHERE status = 'not_accepted'"
    )
    op.execute(
        "UPDATE mediation_cases SET status = 'registered', not_accepted_on = NULL, not_accepted_reason = NULL,"
        " not_accepted_note = NULL WHERE status = 'not_accepted'"
    )
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        for name in NEW_CHECKS:
            batch_op.drop_constraint(op.f(f"ck_mediation_cases_{name}"), type_="check")
        _swap_checks(batch_op, OLD_STATUSES, OLD_OPEN, {})
        batch_op.drop_index("ix_mediation_cases_stats_registered")
        batch_op.drop_column("not_accepted_note")
        batch_op.drop_column("not_accepted_reason")
        batch_op.drop_column("not_accepted_on")
        if not sqlite:
            batch_op.create_index("ix_mediation_cases_stats_registered", STATS_REGISTERED, unique=False)
    if sqlite:
        _restore_sqlite_extras(STATS_REGISTERED)
