"""What the business told whom: every message it sent outside a ticket (the evidence for "you never told me")."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from poise.store.models.base import Base, ExternalIdMixin, IdMixin

if TYPE_CHECKING:
    from poise.store.models.customers import Customer
    from poise.store.models.orders import Order


class Communication(IdMixin, ExternalIdMixin, Base):
    """A message the business sent: to one customer, or to a segment (`customer_id` empty, `segment` set).

    `topics` is a list of plain phrases ("setup instructions", "return policy") that facts match claims on;
    `opened_at` is when the customer opened it, if the channel tells us.
    """

    __tablename__ = "communications"
    __table_args__ = (Index(None, "customer_id", "sent_at"),)

    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    segment: Mapped[str | None] = mapped_column(String(100))
    channel: Mapped[str] = mapped_column(String(20), default="email")
    to_address: Mapped[str | None] = mapped_column(String(320))
    subject: Mapped[str | None] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text, default="")
    topics: Mapped[list[Any]] = mapped_column(default=list)
    sent_at: Mapped[datetime]
    opened_at: Mapped[datetime | None]

    customer: Mapped[Customer | None] = relationship(back_populates="communications")
    order: Mapped[Order | None] = relationship()

    def has_topic(self, topic: str) -> bool:
        """Whether this communication is about `topic` (case-insensitive, exact phrase)."""
        wanted = topic.strip().lower()
        return any(str(t).strip().lower() == wanted for t in self.topics)

    def __repr__(self) -> str:
        return f"Communication(external_id={self.external_id!r}, subject={self.subject!r})"
