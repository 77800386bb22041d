"""Orders and what happened to them: items, payments, deliveries and returns."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from poise.store.models.base import Base, ExternalIdMixin, IdMixin

if TYPE_CHECKING:
    from poise.store.models.catalog import Product
    from poise.store.models.customers import Customer

PAYMENT_KINDS = ("charge", "refund", "chargeback")
DELIVERY_PROOFS = ("signature", "photo", "none")
DELIVERY_STATUSES = ("pending", "in_transit", "delivered", "lost", "returned")


class Order(IdMixin, ExternalIdMixin, Base):
    """An order: who placed it, when, and the date we promised it by (`promised_by`, for "late" facts)."""

    __tablename__ = "orders"
    __table_args__ = (Index(None, "customer_id", "ordered_at"),)

    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    ordered_at: Mapped[datetime]
    promised_by: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(30), default="placed")
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    notes: Mapped[str | None] = mapped_column(Text)

    customer: Mapped[Customer] = relationship(back_populates="orders")
    items: Mapped[list[OrderItem]] = relationship(back_populates="order", order_by="OrderItem.line",
                                                  cascade="all, delete-orphan")
    payments: Mapped[list[Payment]] = relationship(back_populates="order", order_by="Payment.paid_at",
                                                   cascade="all, delete-orphan")
    deliveries: Mapped[list[Delivery]] = relationship(back_populates="order", order_by="Delivery.id",
                                                      cascade="all, delete-orphan")

    @property
    def total_cents(self) -> int:
        """What the items cost together (quantity x unit price)."""
        return sum(item.quantity * item.unit_price_cents for item in self.items)

    def __repr__(self) -> str:
        return f"Order(external_id={self.external_id!r})"


class OrderItem(IdMixin, Base):
    """One line of an order: a product, how many, and the unit price actually charged."""

    __tablename__ = "order_items"
    __table_args__ = (UniqueConstraint("order_id", "line"),)

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    line: Mapped[int] = mapped_column(default=1)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    quantity: Mapped[int] = mapped_column(default=1)
    unit_price_cents: Mapped[int] = mapped_column(default=0)

    order: Mapped[Order] = relationship(back_populates="items")
    product: Mapped[Product] = relationship()
    returns: Mapped[list[Return]] = relationship(back_populates="item", order_by="Return.requested_at",
                                                 cascade="all, delete-orphan")


class Payment(IdMixin, ExternalIdMixin, Base):
    """Money moving for an order: a charge, a refund or a chargeback (two charges for one order = double)."""

    __tablename__ = "payments"
    __table_args__ = (Index(None, "order_id", "paid_at"),)

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="charge")
    amount_cents: Mapped[int]
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    paid_at: Mapped[datetime]
    reference: Mapped[str | None] = mapped_column(String(200))

    order: Mapped[Order] = relationship(back_populates="payments")


class Delivery(IdMixin, ExternalIdMixin, Base):
    """A shipment of an order: carrier, dates, and the proof of delivery (signature / photo / none)."""

    __tablename__ = "deliveries"
    __table_args__ = (Index(None, "order_id"),)

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    carrier: Mapped[str | None] = mapped_column(String(100))
    tracking: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="in_transit")
    shipped_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    proof: Mapped[str] = mapped_column(String(20), default="none")
    signed_by: Mapped[str | None] = mapped_column(String(200))

    order: Mapped[Order] = relationship(back_populates="deliveries")


class Return(IdMixin, ExternalIdMixin, Base):
    """A return of one order item: what the customer said (`reason_stated`) and what we found."""

    __tablename__ = "returns"
    __table_args__ = (Index(None, "order_item_id"),)

    order_item_id: Mapped[int] = mapped_column(ForeignKey("order_items.id", ondelete="CASCADE"))
    quantity: Mapped[int] = mapped_column(default=1)
    requested_at: Mapped[datetime]
    received_at: Mapped[datetime | None]
    reason_stated: Mapped[str | None] = mapped_column(Text)
    condition_found: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="requested")

    item: Mapped[OrderItem] = relationship(back_populates="returns")
