"""Everything the app writes is private to the person signed in to the computer (issue 15).

The policy: folders the app makes are 0700, files it writes are 0600. Two mechanisms, both here:

- `make_process_private()` sets the process umask to 0o077 at the very start of the command line
  (`iro_desktop.cli.main`, which also starts the GUI). That covers the files the app does not open
  itself: SQLite's store, its -wal, -shm and journal files and its backups (SQLite creates them), the
  log files (also the rotating handler's new files), Qt's image writer.
- The writers the app does own use `write_private` (temp file created 0600 beside the target, then
  renamed over it: atomic, and private from its first byte) or `private_opener` (for `open(...,
  opener=private_opener)`: 0600 on creation and tightened when the file already existed), so they are
  private whatever the umask of the process that calls them (tests, scripts).

`secure_data_folder()` tightens a data folder left looser by an older version (0755 from the default
umask): the folder becomes 0700 and everything in it 0700/0600, once; a folder already 0700 is left
alone (nobody else can reach what is in it).

Windows: the data folder is in the user's own profile (AppData), which Windows already makes private
to that user and the administrators; POSIX modes mean nothing there, so every chmod and the umask are
skipped (`POSIX` is False) and nothing else is done.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

POSIX = os.name == "posix"
PRIVATE_UMASK = 0o077
FILE_MODE = 0o600
FOLDER_MODE = 0o700


def make_process_private() -> int | None:
    """Set the umask so every file and folder created from here on is private. Returns the old umask
    (None on Windows, where it is left alone)."""
    if not POSIX:
        return None
    return os.umask(PRIVATE_UMASK)


def is_private(path: Path) -> bool:
    """Whether nobody but the owner may read, write or enter `path` (always True on Windows)."""
    if not POSIX:
        return True
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def make_private(path: Path) -> None:
    """Tighten one file to 0600 or one folder to 0700 (nothing on Windows)."""
    if POSIX:
        os.chmod(path, FOLDER_MODE if path.is_dir() else FILE_MODE)


def private_folder(path: Path) -> Path:
    """Make a folder and its missing parents, each 0700. A folder that exists is left as it is: it may
    be one the user chose (their Documents), whose mode is theirs. Returns `path`."""
    missing = []
    here = path
    while not here.exists() and here.parent != here:
        missing.append(here)
        here = here.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=FOLDER_MODE)  # masked by the umask: never wider than 0700
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a folder")
    return path


def private_opener(path: str | os.PathLike[str], flags: int) -> int:
    """An `opener` for open(): the file is created 0600, and tightened to 0600 if it existed."""
    fd = os.open(path, flags, FILE_MODE)
    if POSIX:
        try:
            os.fchmod(fd, FILE_MODE)
        except BaseException:
            os.close(fd)
            raise
    return fd


def write_private(path: Path, data: bytes | str, encoding: str = "utf-8") -> Path:
    """Write `data` to `path` atomically and privately: a temporary file beside it, created 0600 (never
    readable by others, not even half-written), flushed, then renamed over the target. On failure the
    temporary file is removed and the target is as it was. Text is written with "\\n" line ends."""
    raw = data.encode(encoding) if isinstance(data, str) else data
    partial = path.with_name(f".{path.name}.part")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), FILE_MODE)
        with os.fdopen(fd, "wb") as stream:
            if POSIX:
                os.fchmod(stream.fileno(), FILE_MODE)  # a leftover temporary file of a looser mode
            stream.write(raw)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)  # the rename itself survives a power cut
    return path


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename into it) to disk; a no-op where folders cannot be opened
    (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def secure_data_folder(data_dir: Path) -> int:
    """Make an existing data folder 0700; when it was looser (an older version's), tighten everything
    in it too: folders 0700, files 0600. Returns how many paths were tightened. A missing folder is
    left to be created (by then under the private umask)."""
    if not POSIX or not data_dir.is_dir():
        return 0
    if stat.S_IMODE(data_dir.stat().st_mode) == FOLDER_MODE:
        return 0
    os.chmod(data_dir, FOLDER_MODE)
    return 1 + tighten_tree(data_dir)


def tighten_tree(folder: Path) -> int:
    """Every folder under `folder` 0700 and every file 0600 (symbolic links are not followed).
    Returns how many were changed; files that vanish meanwhile are skipped."""
    changed = 0
    for root, dirs, files in os.walk(folder):
        for name, mode in [(d, FOLDER_MODE) for d in dirs] + [(f, FILE_MODE) for f in files]:
            path = os.path.join(root, name)
            with contextlib.suppress(FileNotFoundError):
                info = os.lstat(path)
                if stat.S_ISLNK(info.st_mode) or stat.S_IMODE(info.st_mode) == mode:
                    continue
                os.chmod(path, mode)
                changed += 1
    return changed
