"""Tickets and their history: messages, readings, decisions, drafts, outcomes, warnings, blocks, root causes.

History is appended, never rewritten: each reading, decision, draft, outcome, warning and block is its own row
with a time and an author, so "did the fix work?" and "did this ticket calm down?" are queries over rows.
"""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from poise.store.models.base import AuthoredMixin, Base, ExternalIdMixin, IdMixin, utcnow

if TYPE_CHECKING:
    from poise.store.models.agents import Agent
    from poise.store.models.customers import Customer

TICKET_STATUSES = ("open", "pending", "closed")
MESSAGE_DIRECTIONS = ("in", "out", "note")


class RootCause(IdMixin, ExternalIdMixin, Base):
    """An entry in the business's taxonomy of why complaints happen (`external_id` is its code)."""

    __tablename__ = "root_causes"

    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    actions: Mapped[list[PreventionAction]] = relationship(back_populates="root_cause",
                                                           order_by="PreventionAction.created_at")


class PreventionAction(IdMixin, AuthoredMixin, Base):
    """Something the business changed so a root cause happens less; before/after rates are computed."""

    __tablename__ = "prevention_actions"

    root_cause_id: Mapped[int] = mapped_column(ForeignKey("root_causes.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    shipped_at: Mapped[datetime | None]

    root_cause: Mapped[RootCause] = relationship(back_populates="actions")


class Ticket(IdMixin, ExternalIdMixin, Base):
    """A conversation with a customer about one matter; `priority` 1 is the most urgent."""

    __tablename__ = "tickets"
    __table_args__ = (
        Index(None, "customer_id", "opened_at"),
        Index(None, "status", "priority", "first_response_due_at"),
        Index(None, "root_cause_id", "opened_at"),
    )

    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    channel: Mapped[str] = mapped_column(String(20), default="email")
    subject: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20), default="open")
    priority: Mapped[int] = mapped_column(default=3)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    first_response_due_at: Mapped[datetime | None]
    first_responded_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    root_cause_id: Mapped[int | None] = mapped_column(ForeignKey("root_causes.id"))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))

    customer: Mapped[Customer | None] = relationship(back_populates="tickets")
    assignee: Mapped[Agent | None] = relationship()
    root_cause: Mapped[RootCause | None] = relationship()
    messages: Mapped[list[Message]] = relationship(back_populates="ticket", order_by="Message.sent_at",
                                                  cascade="all, delete-orphan")
    decisions: Mapped[list[DecisionRecord]] = relationship(back_populates="ticket",
                                                           order_by="DecisionRecord.created_at")
    outcomes: Mapped[list[Outcome]] = relationship(back_populates="ticket", order_by="Outcome.asked_at")

    def __repr__(self) -> str:
        return f"Ticket(external_id={self.external_id!r}, subject={self.subject!r})"


class Message(IdMixin, Base):
    """One message in a ticket: from the customer (`in`), to them (`out`) or an internal `note`.

    `message_id` is the email Message-ID (unique: the same email never becomes two messages);
    `in_reply_to` and `references` thread replies.
    """

    __tablename__ = "messages"
    __table_args__ = (Index(None, "ticket_id", "sent_at"),)

    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    direction: Mapped[str] = mapped_column(String(10), default="in")
    channel: Mapped[str] = mapped_column(String(20), default="email")
    author: Mapped[str | None] = mapped_column(String(320))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    subject: Mapped[str | None] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    message_id: Mapped[str | None] = mapped_column(String(998), unique=True)
    in_reply_to: Mapped[str | None] = mapped_column(String(998))
    references: Mapped[list[Any]] = mapped_column(default=list)
    attachments: Mapped[list[Any]] = mapped_column(default=list)

    ticket: Mapped[Ticket] = relationship(back_populates="messages")
    readings: Mapped[list[ReadingRecord]] = relationship(back_populates="message",
                                                         order_by="ReadingRecord.created_at")


class ReadingRecord(IdMixin, AuthoredMixin, Base):
    """A Reading of one message (its JSON contract, `Reading.to_dict()`) and the model version that made it."""

    __tablename__ = "readings"
    __table_args__ = (Index(None, "message_pk"), Index(None, "created_at"))

    message_pk: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"))
    reading: Mapped[dict[str, Any]]
    model_version: Mapped[str] = mapped_column(String(50), default="")

    message: Mapped[Message] = relationship(back_populates="readings")


class DecisionRecord(IdMixin, AuthoredMixin, Base):
    """A posture decision: posture, secondary elements, reasons, facts with evidence, remedy, policy used."""

    __tablename__ = "decisions"
    __table_args__ = (Index(None, "ticket_id", "created_at"),)

    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    message_pk: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    posture: Mapped[str] = mapped_column(String(40))
    secondary: Mapped[list[Any]] = mapped_column(default=list)
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    facts: Mapped[list[Any]] = mapped_column(default=list)
    remedy: Mapped[dict[str, Any]] = mapped_column(default=dict)
    policy_id: Mapped[int | None] = mapped_column(ForeignKey("policies.id"))
    policy_version: Mapped[int | None]

    ticket: Mapped[Ticket] = relationship(back_populates="decisions")
    drafts: Mapped[list[DraftRecord]] = relationship(back_populates="decision", order_by="DraftRecord.created_at")


class DraftRecord(IdMixin, AuthoredMixin, Base):
    """A reply text for a decision: poise's draft, an agent's edit of it (`parent_id`), or what was sent.

    `kind` is "draft", "edit" or "sent"; `rating` ("up"/"down") and `rating_reason` hold the agent's verdict.
    """

    __tablename__ = "drafts"
    __table_args__ = (Index(None, "decision_id"),)

    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("drafts.id"))
    kind: Mapped[str] = mapped_column(String(10), default="draft")
    text: Mapped[str] = mapped_column(Text)
    tone: Mapped[dict[str, Any]] = mapped_column(default=dict)
    rating: Mapped[str | None] = mapped_column(String(10))
    rating_reason: Mapped[str | None] = mapped_column(Text)

    decision: Mapped[DecisionRecord] = relationship(back_populates="drafts")


class Outcome(IdMixin, AuthoredMixin, Base):
    """What the customer said when asked afterwards ("Did this solve it?"), and how they answered."""

    __tablename__ = "outcomes"
    __table_args__ = (Index(None, "ticket_id"),)

    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    question: Mapped[str] = mapped_column(Text)
    asked_at: Mapped[datetime] = mapped_column(default=utcnow)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None]
    answered_via: Mapped[str | None] = mapped_column(String(20))  # "click" or "reply"; a link scanner is not an answer

    ticket: Mapped[Ticket] = relationship(back_populates="outcomes")


class Warning(IdMixin, AuthoredMixin, Base):
    """A boundary warning given to a customer (or a whole email domain), e.g. for abuse at staff."""

    __tablename__ = "warnings"
    __table_args__ = (Index(None, "customer_id", "created_at"),)

    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    domain: Mapped[str | None] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(30), default="abuse")
    reason: Mapped[str] = mapped_column(Text, default="")
    message_pk: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    undone_by: Mapped[str | None] = mapped_column(String(200))
    undone_at: Mapped[datetime | None]

    customer: Mapped[Customer | None] = relationship(back_populates="warnings")

    @property
    def active(self) -> bool:
        """Whether the warning still stands (not undone)."""
        return self.undone_at is None


class Block(IdMixin, AuthoredMixin, Base):
    """Parting ways: the customer (or domain) is blocked, with the final message sent; audited."""

    __tablename__ = "blocks"
    __table_args__ = (Index(None, "customer_id", "created_at"),)

    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    domain: Mapped[str | None] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(30), default="part_ways")
    reason: Mapped[str] = mapped_column(Text, default="")
    final_message: Mapped[str | None] = mapped_column(Text)
    undone_by: Mapped[str | None] = mapped_column(String(200))
    undone_at: Mapped[datetime | None]

    customer: Mapped[Customer | None] = relationship(back_populates="blocks")

    @property
    def active(self) -> bool:
        """Whether the block still stands (not undone)."""
        return self.undone_at is None
