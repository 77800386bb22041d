"""What the business sells: products with price, category and whether (and how long) they can be returned."""
from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from poise.store.models.base import Base, ExternalIdMixin, IdMixin


class Product(IdMixin, ExternalIdMixin, Base):
    """A product (its `external_id` is the SKU).

    `refundable` False means the policy gives no refund (a gift card, a digital download); `policy_text` is
    the sentence the reply quotes. `return_window_days` overrides the business-wide window when set.
    """

    __tablename__ = "products"

    name: Mapped[str] = mapped_column(String(300))
    category: Mapped[str | None] = mapped_column(String(100), index=True)
    price_cents: Mapped[int] = mapped_column(default=0)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    refundable: Mapped[bool] = mapped_column(default=True)
    return_window_days: Mapped[int | None] = mapped_column()
    policy_text: Mapped[str | None] = mapped_column(Text)

    @property
    def sku(self) -> str:
        """The SKU: the product's external id."""
        return self.external_id

    def __repr__(self) -> str:
        return f"Product(sku={self.external_id!r}, name={self.name!r})"
