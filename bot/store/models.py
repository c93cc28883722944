"""The store's tables: decision records, tickets and what staff did with them.

Written in the 2.0 style that SQLAlchemy 1.4 supports (``Mapped`` annotations on ``Column``s,
``select()`` everywhere), so that moving to 2.x is a version bump. The migrations in
``bot/store/migrations/versions/`` create exactly these tables (a test compares them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, declarative_base, relationship
from sqlalchemy.types import TypeDecorator

Base: Any = declarative_base()


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every database (SQLite keeps them naive, in UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("datetimes given to the store must be timezone-aware")
        value = value.astimezone(dt.timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc)


class DecisionRecord(Base):
    """One piece of advice as it was given: the facts, the advice, the ruleset."""

    __tablename__ = "decision_records"

    id: Mapped[str] = Column(String(16), primary_key=True)
    created_at: Mapped[dt.datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    conversation_id: Mapped[str] = Column(String(255), nullable=False)
    channel: Mapped[str | None] = Column(String(64))
    jurisdiction: Mapped[str | None] = Column(String(8))
    topic: Mapped[str | None] = Column(String(64))
    facts: Mapped[dict] = Column(JSON, nullable=False)
    advice: Mapped[dict] = Column(JSON, nullable=False)
    #: Which facts came from where other than the user, e.g. {"supplier.main_business_location": "ABR"}.
    fact_sources: Mapped[dict] = Column(JSON, nullable=False, default=dict)
    ruleset_version: Mapped[str] = Column(String(64), nullable=False)
    ruleset_digest: Mapped[str] = Column(String(80), nullable=False)

    __table_args__ = (
        Index("ix_decision_records_conversation", "conversation_id", "created_at"),
        Index("ix_decision_records_created_at", "created_at"),
    )


class Ticket(Base):
    """A question the assistant could not settle, handed to the help desk.

    Personal information (the user's contact, a supplier's ABN) is kept only in ``contact`` and
    ``supplier_abn``; the question and the transcript are stored redacted.
    """

    __tablename__ = "tickets"

    id: Mapped[str] = Column(String(16), primary_key=True)
    created_at: Mapped[dt.datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at: Mapped[dt.datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    status: Mapped[str] = Column(String(16), nullable=False, default="open")
    reason: Mapped[str] = Column(String(32), nullable=False)
    conversation_id: Mapped[str] = Column(String(255), nullable=False)
    channel: Mapped[str | None] = Column(String(64))
    jurisdiction: Mapped[str | None] = Column(String(8))
    topic: Mapped[str | None] = Column(String(64))
    question: Mapped[str] = Column(Text, nullable=False, default="")
    #: The question normalised for counting the most frequent ones (triage).
    question_key: Mapped[str] = Column(String(200), nullable=False, default="")
    facts: Mapped[dict] = Column(JSON, nullable=False, default=dict)
    advice: Mapped[dict | None] = Column(JSON)
    transcript: Mapped[list] = Column(JSON, nullable=False, default=list)
    routing: Mapped[dict] = Column(JSON, nullable=False, default=dict)
    contact: Mapped[str | None] = Column(String(255))
    supplier_abn: Mapped[str | None] = Column(String(11))
    assignee: Mapped[str | None] = Column(String(255))
    resolved_at: Mapped[dt.datetime | None] = Column(UTCDateTime)
    resolution: Mapped[str | None] = Column(Text)

    events: Mapped[list[TicketEvent]] = relationship(
        "TicketEvent", order_by="TicketEvent.id", back_populates="ticket", lazy="selectin"
    )

    __table_args__ = (
        Index("ix_tickets_created", "created_at", "id"),
        Index("ix_tickets_status_created", "status", "created_at"),
        Index("ix_tickets_jurisdiction", "jurisdiction"),
        Index("ix_tickets_topic", "topic"),
        Index("ix_tickets_question_key", "question_key"),
    )


class TicketEvent(Base):
    """What happened to a ticket: filed, assigned, a note, resolved, reopened."""

    __tablename__ = "ticket_events"

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = Column(
        String(16), ForeignKey("tickets.id", ondelete="CASCADE"), nullable=False
    )
    at: Mapped[dt.datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    kind: Mapped[str] = Column(String(16), nullable=False)
    by: Mapped[str | None] = Column(String(255))
    text: Mapped[str] = Column(Text, nullable=False, default="")

    ticket: Mapped[Ticket] = relationship("Ticket", back_populates="events")

    __table_args__ = (Index("ix_ticket_events_ticket", "ticket_id", "id"),)


class StaffSession(Base):
    """A help-desk staff member signed in to the console (bot/store/staff_sessions.py).

    The id is the SHA-256 of the token in the staff member's cookie, so the table alone does
    not let anyone sign in; ``csrf`` is the session's form token; ``credential`` a fingerprint
    of the password hash it was opened with (a new password ends the old sessions).
    """

    __tablename__ = "staff_sessions"

    id: Mapped[str] = Column(String(64), primary_key=True)
    staff: Mapped[str] = Column(String(64), nullable=False)
    csrf: Mapped[str] = Column(String(64), nullable=False)
    credential: Mapped[str] = Column(String(64), nullable=False)
    created_at: Mapped[dt.datetime] = Column(UTCDateTime, nullable=False, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = Column(UTCDateTime, nullable=False, default=utcnow)

    __table_args__ = (
        Index("ix_staff_sessions_staff", "staff"),
        Index("ix_staff_sessions_last_seen", "last_seen_at"),
    )
