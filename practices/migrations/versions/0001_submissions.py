"""Submissions, review decisions, refused ingest rows and abuse counters, with their rules as constraints."""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None

STATES = ("submitted", "changes_requested", "approved", "rejected", "published", "unpublished", "taken_down")
# (from, to) pairs a decision may make: the database refuses any other, whatever the code says.
MOVES = (("submitted", "approved"), ("submitted", "changes_requested"), ("submitted", "rejected"),
         ("changes_requested", "submitted"), ("changes_requested", "approved"), ("changes_requested", "rejected"),
         ("approved", "published"), ("approved", "rejected"), ("published", "unpublished"),
         ("published", "taken_down"), ("unpublished", "published"), ("unpublished", "taken_down"),
         ("taken_down", "published"))


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "submissions",
        sa.Column("ref", sa.String(13), primary_key=True),
        sa.Column("submitted_at", sa.String(40), nullable=False),
        sa.Column("origin", sa.String(200), nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("public_note", sa.Text, nullable=False, server_default=""),
        sa.CheckConstraint(_in("state", STATES), name="ck_submissions_state"),
        sa.CheckConstraint("ref LIKE 'GCM-____-____'", name="ck_submissions_ref"),
    )
    op.create_index("ix_submissions_state", "submissions", ["state", "submitted_at"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("ref", sa.String(13), sa.ForeignKey("submissions.ref", ondelete="CASCADE"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),  # the submission's version the decision was made on
        sa.Column("from_state", sa.String(20), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("public_note", sa.Text, nullable=False, server_default=""),
        # One decision per version: of two reviewers deciding on the same version, one fails.
        sa.UniqueConstraint("ref", "version", name="uq_decisions_ref_version"),
        sa.CheckConstraint(" OR ".join(f"(from_state = '{a}' AND state = '{b}')" for a, b in MOVES),
                           name="ck_decisions_move"),
    )
    op.create_index("ix_decisions_ref", "decisions", ["ref", "id"])
    op.create_table(
        "refused_rows",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("file", sa.String(200), nullable=False),
        sa.Column("line", sa.Integer),
        sa.Column("raw", sa.Text, nullable=False),  # public fields only (practices.ingest.public_raw)
        sa.Column("reasons", sa.Text, nullable=False),  # may quote values: reviewers only
        sa.Column("public_reasons", sa.Text, nullable=False),  # no values: what the warehouse gets
        sa.Column("at", sa.String(40), nullable=False),
    )
    op.create_table(
        "abuse_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(40), nullable=False),  # submit, review_failure
        sa.Column("subject", sa.String(200), nullable=False),  # a client address, an account, or "*"
        sa.Column("at", sa.Float, nullable=False),  # seconds since the epoch
    )
    op.create_index("ix_abuse_events", "abuse_events", ["kind", "subject", "at"])


def downgrade() -> None:
    for table in ("abuse_events", "refused_rows", "decisions", "submissions"):
        op.drop_table(table)
