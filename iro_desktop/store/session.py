"""The store's session as a type name: services hold `uow.session` only to hand it to repositories and
the store's helpers, and name its type from here rather than importing SQLAlchemy themselves."""

from __future__ import annotations

from sqlalchemy.orm import Session

__all__ = ["Session"]
