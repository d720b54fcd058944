"""One listening connection per desktop on a team server (issue 16 items 3 and 4).

A worker thread keeps a connection of its own (autocommit, `LISTEN iro_changes`), gathers what other
desktops announce (store.change_notify) about twice a second and hands it on as typed changes. Changes
this desktop made itself are left out (their sending backend is one of this engine's connections).

The same connection tells whether the team server can be reached: when it is lost the thread says so
and connects again by itself, with growing pauses (BACKOFF_S), and says when the server is back.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event

from iro_desktop.domain.changes import Change, Changes
from iro_desktop.store.change_notify import CHANNEL, parse

log = logging.getLogger(__name__)

BACKOFF_S = (0.25, 0.5, 1.0, 2.0, 4.0)  # pauses between attempts to connect again (the last repeats)
GATHER_S = 0.4  # notifications are handed on in batches at most this often


class ChangeListener:
    """`start()` once; `on_changes(Changes)` and `on_reachable(bool)` are called on the worker thread."""

    def __init__(
        self,
        engine: Engine,
        on_changes: Callable[[Changes], None],
        on_reachable: Callable[[bool], None] | None = None,
        backoff_s: tuple[float, ...] = BACKOFF_S,
    ) -> None:
        self.engine = engine
        self.on_changes = on_changes
        self.on_reachable = on_reachable
        self.backoff_s = backoff_s
        self.reachable: bool | None = None
        self._own_pids: set[int] = set()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._connection: Any = None
        event.listen(engine, "connect", self._note_own_pid)
        engine.dispose()  # connections made before now are replaced by ones whose backend is noted

    def _note_own_pid(self, dbapi_connection: Any, _record: Any) -> None:
        pid = getattr(getattr(dbapi_connection, "info", None), "backend_pid", None)
        if isinstance(pid, int):
            self._own_pids.add(pid)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="iro-change-listener", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        event.remove(self.engine, "connect", self._note_own_pid)

    # --- the worker thread -------------------------------------------------------------------------

    def _connect(self) -> Any:
        cargs, cparams = self.engine.dialect.create_connect_args(self.engine.url)
        conn = self.engine.dialect.dbapi.connect(*cargs, **cparams)  # type: ignore[union-attr]
        conn.autocommit = True
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def _tell_reachable(self, reachable: bool) -> None:
        if self.reachable is reachable:
            return
        self.reachable = reachable
        log.warning("Team server %s", "reachable" if reachable else "not reachable")  # once per change
        if self.on_reachable is not None:
            self.on_reachable(reachable)

    def _run(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            try:
                conn = self._connect()
            except Exception:  # noqa: BLE001  (any failure to connect: unreachable, try again)
                self._tell_reachable(False)
                self._stop.wait(self.backoff_s[min(attempt, len(self.backoff_s) - 1)])
                attempt += 1
                continue
            attempt = 0
            self._tell_reachable(True)
            try:
                self._listen(conn)
            except Exception:  # noqa: BLE001  (the connection was lost: say so, connect again)
                self._tell_reachable(False)
            finally:
                with contextlib.suppress(Exception):  # closing a dead connection
                    conn.close()

    def _listen(self, conn: Any) -> None:
        while not self._stop.is_set():
            found: set[Change] = set()
            for notify in conn.notifies(timeout=GATHER_S):
                if notify.pid in self._own_pids:
                    continue
                change = parse(notify.payload)
                if change is not None:
                    found.add(change)
            if found:
                self.on_changes(Changes.of(found))
            conn.execute("SELECT 1")  # a lost server is noticed even when nobody writes
