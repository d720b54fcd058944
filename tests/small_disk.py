"""A really full disk for tests: a small tmpfs mounted for the test (CI runs as root), filled to the brim.

Where mounting is not allowed, `cap_pages` makes SQLite itself report the same SQLITE_FULL code, by
limiting the database to the pages it has (PRAGMA max_page_count); tests say which one they used."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

SIZE = "8m"


@contextmanager
def small_tmpfs(where: Path) -> Iterator[Path | None]:
    """A tmpfs of SIZE mounted at `where` (None when this machine does not allow mounting)."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(where)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        yield None
        return
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


def fill(folder: Path) -> Path:
    """Write a filler file until the file system refuses (ENOSPC). Returns it (delete it to free space)."""
    filler = folder / "filler.bin"
    with filler.open("wb", buffering=0) as handle:
        for chunk in (16384, 4096, 512, 1):  # down to the last byte: no room left for even one WAL frame
            try:
                while True:
                    handle.write(b"\0" * chunk)
            except OSError:
                continue
    return filler


def cap_pages(engine: Engine) -> Callable[[], None]:
    """Fallback: new connections may not grow the file (SQLite raises SQLITE_FULL). Returns `release`."""
    capped = [True]

    @event.listens_for(engine, "connect")
    def cap(dbapi_connection: Any, _record: Any) -> None:
        if capped[0]:
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    def release() -> None:
        capped[0] = False
        engine.dispose()

    engine.dispose()
    return release
