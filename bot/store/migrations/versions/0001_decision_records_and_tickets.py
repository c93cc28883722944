"""Decision records and help-desk tickets.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "decision_records",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("channel", sa.String(64)),
        sa.Column("jurisdiction", sa.String(8)),
        sa.Column("topic", sa.String(64)),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("advice", sa.JSON(), nullable=False),
        sa.Column("fact_sources", sa.JSON(), nullable=False),
        sa.Column("ruleset_version", sa.String(64), nullable=False),
        sa.Column("ruleset_digest", sa.String(80), nullable=False),
    )
    op.create_index(
        "ix_decision_records_conversation", "decision_records", ["conversation_id", "created_at"]
    )
    op.create_index("ix_decision_records_created_at", "decision_records", ["created_at"])

    op.create_table(
        "tickets",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("channel", sa.String(64)),
        sa.Column("jurisdiction", sa.String(8)),
        sa.Column("topic", sa.String(64)),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("question_key", sa.String(200), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("advice", sa.JSON()),
        sa.Column("transcript", sa.JSON(), nullable=False),
        sa.Column("routing", sa.JSON(), nullable=False),
        sa.Column("contact", sa.String(255)),
        sa.Column("supplier_abn", sa.String(11)),
        sa.Column("assignee", sa.String(255)),
        sa.Column("resolved_at", WHEN),
        sa.Column("resolution", sa.Text()),
    )
    op.create_index("ix_tickets_created", "tickets", ["created_at", "id"])
    op.create_index("ix_tickets_status_created", "tickets", ["status", "created_at"])
    op.create_index("ix_tickets_jurisdiction", "tickets", ["jurisdiction"])
    op.create_index("ix_tickets_topic", "tickets", ["topic"])
    op.create_index("ix_tickets_question_key", "tickets", ["question_key"])

    op.create_table(
        "ticket_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "ticket_id",
            sa.String(16),
            sa.ForeignKey("tickets.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("at", WHEN, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("by", sa.String(255)),
        sa.Column("text", sa.Text(), nullable=False),
    )
    op.create_index("ix_ticket_events_ticket", "ticket_events", ["ticket_id", "id"])


def downgrade() -> None:
    op.drop_table("ticket_events")
    op.drop_table("tickets")
    op.drop_table("decision_records")
