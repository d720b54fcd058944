"""Unit of work: one per user action. Rolls back unless committed; translates environmental errors."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

from iro_desktop.domain.changes import Changes
from iro_desktop.store import applied_edits, audit_log, change_capture, change_notify  # noqa: F401 (events)
from iro_desktop.store.errors import StoreReadOnly, translate

READ_ONLY_REASON = "read_only_reason"  # session info key: why a store was opened read-only


class UnitOfWork:
    """`with uow: ...; uow.commit()`. Leaving without commit (or on error) discards everything."""

    session: Session

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory
        self.changes = Changes()  # what the commits of this unit wrote (store.change_capture)
        self.on_commit: Callable[[Changes], None] | None = None  # told each commit's changes

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        change_capture.start(self.session)
        try:
            applied_edits.on_begin(self.session)  # a replayed edit the records hold already
        except BaseException as exc:
            self.session.close()
            translated = translate(exc)
            if translated is not exc:
                raise translated from exc
            raise
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
        applied_edits.before_commit(self.session)  # a replayed edit's key, in the same transaction
        try:
            self.session.commit()
        except BaseException:
            applied_edits.forget_written()
            raise
        committed = change_capture.take(self.session)
        self.changes = self.changes | committed
        if committed and self.on_commit is not None:
            self.on_commit(committed)

    def flush(self) -> None:
        self.session.flush()
