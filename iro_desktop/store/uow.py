"""Unit of work: one per user action. Rolls back unless committed; translates environmental errors."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

from iro_desktop.store.errors import StoreReadOnly, translate

READ_ONLY_REASON = "read_only_reason"  # session info key: why a store was opened read-only


class UnitOfWork:
    """`with uow: ...; uow.commit()`. Leaving without commit (or on error) discards everything."""

    session: Session

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()
        if exc is not None:
            translated = translate(exc)
            reason = self.session.info.get(READ_ONLY_REASON)
            if reason and isinstance(translated, StoreReadOnly):
                translated = StoreReadOnly(reason)
            if translated is not exc:
                raise translated from exc

    def commit(self) -> None:
        self.session.commit()

    def flush(self) -> None:
        self.session.flush()
