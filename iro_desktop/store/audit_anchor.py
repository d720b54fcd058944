"""The audit anchor file beside the store (audit-anchor.json), written after each commit that appended
audit entries: atomically (temporary file, fsync, rename), mode 0600. It is never silently recreated:
only a brand-new chain creates it, and a chain cut back or re-hashed never moves it."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker

from iro_desktop.domain.audit_anchor import Anchor, anchor_problems, may_advance
from iro_desktop.private_files import make_private, private_folder
from iro_desktop.store.models import AuditRow

log = logging.getLogger(__name__)

ANCHOR_FILENAME = "audit-anchor.json"
PATH_KEY = "audit_anchor_path"  # in Session.info: where this store's anchor lives
_APPENDED = "audit_appended"  # in Session.info: (first seq, its prev hash, last seq, last hash)


class AnchorUnreadable(ValueError):
    """The anchor file exists but is not an anchor (damaged or edited by hand)."""


def anchor_path_for(data_dir: Path) -> Path:
    return data_dir / ANCHOR_FILENAME


def read_anchor(path: Path) -> Anchor | None:
    """The anchor in `path`; None when there is no file. Raises AnchorUnreadable when it is damaged."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw)
        anchor = Anchor(int(data["seq"]), str(data["head"]), int(data["count"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise AnchorUnreadable(str(path)) from exc
    if len(anchor.head) != 64 or anchor.seq < 1 or anchor.count < anchor.seq:
        raise AnchorUnreadable(str(path))
    return anchor


def write_anchor(path: Path, anchor: Anchor) -> None:
    """Atomically: a private temporary file beside it, fsynced, renamed over the old one."""
    private_folder(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".audit-anchor-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            json.dump(anchor.as_dict(), stream, sort_keys=True)
            stream.flush()
            os.fsync(stream.fileno())
        make_private(Path(tmp))  # mkstemp makes it 0600 already; said here as the policy
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # the rename itself survives a power cut (not on Windows)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def copy_beside(anchor_path: Path, backup: Path) -> Path | None:
    """Copy the anchor next to a backup of the store (`<backup>.audit-anchor.json`), mode 0600."""
    if not anchor_path.exists():
        return None
    target = backup.with_name(backup.name + "." + ANCHOR_FILENAME)
    shutil.copyfile(anchor_path, target)
    make_private(target)
    return target


def note_appended(session: Session, seq: int, prev_hash: str, digest: str) -> None:
    """Called by append_event: remember what this transaction added, for the anchor after commit."""
    first = session.info.get(_APPENDED)
    session.info[_APPENDED] = (first[0], first[1], seq, digest) if first else (seq, prev_hash, seq, digest)


def _after_commit(session: Session) -> None:
    appended = session.info.pop(_APPENDED, None)
    path = session.info.get(PATH_KEY)
    if appended is None or path is None:
        return
    first_seq, first_prev, seq, digest = appended
    try:
        anchor = read_anchor(path)
    except AnchorUnreadable:
        log.warning("Audit anchor unreadable; left as it is for the check to report")
        return
    if not may_advance(anchor, first_seq, first_prev):
        log.warning("Audit chain does not continue its anchor (entry %s); anchor left as it is", first_seq)
        return
    try:
        write_anchor(path, Anchor(seq, digest, seq))
    except OSError:  # the change itself is stored; the anchor catches up at the next commit
        log.warning("Audit anchor could not be written", exc_info=True)


def _after_rollback(session: Session) -> None:
    session.info.pop(_APPENDED, None)


def install(factory: sessionmaker[Session], path: Path) -> None:
    """Keep the anchor at `path` for every session `factory` makes."""
    factory.kw.setdefault("info", {})[PATH_KEY] = path
    event.listen(factory, "after_commit", _after_commit)
    event.listen(factory, "after_soft_rollback", lambda session, _tx: _after_rollback(session))


def current_anchor(session: Session) -> Anchor | None:
    """The anchor of this session's store, None when there is none (or no anchor kept)."""
    path = session.info.get(PATH_KEY)
    return None if path is None else read_anchor(path)


def write_head_anchor(session: Session) -> Anchor:
    """Anchor the chain at its newest entry, whatever the old anchor said (AuditService.re_anchor)."""
    path = session.info[PATH_KEY]
    seq, digest = session.execute(
        select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)
    ).one()
    anchor = Anchor(seq, digest, seq)
    write_anchor(path, anchor)
    return anchor


def check_anchor(session: Session) -> list[str]:
    """The anchor against the audit table; empty when they agree (or no anchor is kept)."""
    path = session.info.get(PATH_KEY)
    if path is None:
        return []
    count = session.scalar(select(func.count()).select_from(AuditRow)) or 0
    try:
        anchor = read_anchor(path)
    except AnchorUnreadable:
        return [f"damaged: the audit anchor file {path.name} cannot be read"]
    head_at: dict[int, str] = {}
    if anchor is not None:
        digest = session.scalar(select(AuditRow.hash).where(AuditRow.seq == anchor.seq))
        if digest is not None:
            head_at[anchor.seq] = digest
    return anchor_problems(anchor, count, head_at, missing=anchor is None)
