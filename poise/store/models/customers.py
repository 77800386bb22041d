"""Customers and their identities: one person, several addresses (emails, phones, handles)."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from poise.store.models.base import Base, ExternalIdMixin, IdMixin, utcnow

if TYPE_CHECKING:
    from poise.store.models.communications import Communication
    from poise.store.models.orders import Order
    from poise.store.models.tickets import Block, Ticket, Warning

CUSTOMER_STATUSES = ("active", "blocked")
IDENTITY_KINDS = ("email", "phone", "handle")


def normalize_identity(kind: str, value: str) -> str:
    """The form an identity is stored and looked up in: emails and handles lower-cased, all trimmed."""
    value = value.strip()
    if kind == "phone":
        return "".join(ch for ch in value if ch.isdigit() or ch == "+")
    return value.lower()


class Customer(IdMixin, ExternalIdMixin, Base):
    """A person (or company) who buys from the business.

    `merged_into_id` points at the surviving customer after a merge; the merged row stays, so nothing that
    referred to it is lost (see `poise.store.queries.merge_customers`).
    """

    __tablename__ = "customers"

    name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="active")
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))

    identities: Mapped[list[Identity]] = relationship(back_populates="customer", order_by="Identity.id",
                                                      cascade="all, delete-orphan")
    orders: Mapped[list[Order]] = relationship(back_populates="customer", order_by="Order.ordered_at")
    communications: Mapped[list[Communication]] = relationship(back_populates="customer",
                                                               order_by="Communication.sent_at")
    tickets: Mapped[list[Ticket]] = relationship(back_populates="customer", order_by="Ticket.opened_at")
    warnings: Mapped[list[Warning]] = relationship(back_populates="customer", order_by="Warning.created_at")
    blocks: Mapped[list[Block]] = relationship(back_populates="customer", order_by="Block.created_at")

    @property
    def email(self) -> str | None:
        """The first email identity (the primary one if marked), or None."""
        emails = [i for i in self.identities if i.kind == "email"]
        primary = [i for i in emails if i.is_primary]
        chosen = primary or emails
        return chosen[0].value if chosen else None

    def __repr__(self) -> str:
        return f"Customer(external_id={self.external_id!r}, name={self.name!r})"


class Identity(IdMixin, Base):
    """One way a customer is known (kind + value, unique): an email address, a phone number, a handle."""

    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("kind", "value"), Index(None, "customer_id"))

    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="email")
    value: Mapped[str] = mapped_column(String(320))
    is_primary: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    customer: Mapped[Customer] = relationship(back_populates="identities")

    def __repr__(self) -> str:
        return f"Identity({self.kind}={self.value!r})"
