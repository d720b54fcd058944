"""`iro-desktop export file` and `iro-desktop import file`: the conference file on the command line.

The file is encrypted to a passphrase (age format) unless `--plain` is given. The passphrase is asked for
on the terminal (never an argument), or read from IRO_DESKTOP_HANDOFF_PASSPHRASE for scripted use (less
safe: other programs of the same user may read a process's environment)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

PASSPHRASE_ENV = "IRO_DESKTOP_HANDOFF_PASSPHRASE"


def add_export_file_parser(export_subparsers: Any) -> None:
    """`export file --conference ID [--out F.iroconf.age] [--plain]` under the `export` group."""
    p = export_subparsers.add_parser(
        "file",
        help="write a conference as a conference file, encrypted to a passphrase (age format; "
        "docs/conference-file.md)",
    )
    p.add_argument("--conference", required=True, help="the conference's id")
    p.add_argument(
        "--out", type=Path, help="file to write (default: conference-<id>.iroconf.age here, .json if --plain)"
    )
    p.add_argument(
        "--plain",
        action="store_true",
        help="write plain JSON, NOT encrypted: anyone who gets the file can read it",
    )
    p.set_defaults(handler=run_export_file)


def add_import_file_parser(import_subparsers: Any) -> None:
    """`import file F.iroconf.age` (or F.json): check a conference file and add it to the records."""
    f = import_subparsers.add_parser(
        "file",
        help="check a conference file and add (or hand off) its conference; exit 1 listing every problem",
    )
    f.add_argument(
        "path",
        type=Path,
        help=f"the conference file (.iroconf.age asks for its passphrase, or env {PASSPHRASE_ENV}; or .json)",
    )
    f.set_defaults(handler=run_import_file)


def handoff_passphrase(
    confirm: bool,
    environ: Mapping[str, str] | None = None,
    ask: Callable[[str], str] | None = None,
) -> str | None:
    """The hand-off passphrase: from IRO_DESKTOP_HANDOFF_PASSPHRASE, else asked on the terminal (twice
    when writing). None when there is no terminal to ask on, or the two entries differ."""
    env = os.environ if environ is None else environ
    if PASSPHRASE_ENV in env:
        return env[PASSPHRASE_ENV]
    if ask is None:
        if not sys.stdin.isatty():
            return None
        ask = getpass.getpass  # not echoed
    first = ask("Passphrase for the conference file: ")
    if confirm and ask("The same passphrase again: ") != first:
        print("The two passphrases differ; nothing was written.", file=sys.stderr)
        return None
    return first


def run_export_file(args: argparse.Namespace, location: object) -> int:
    from iro_desktop.cli.session import open_signed_in
    from iro_desktop.domain.errors import NotFound, ValidationError
    from iro_desktop.services.conference_file.passphrases import HINT, passphrase_problem
    from iro_desktop.services.conference_file.sealing import PLAIN_SUFFIX, PLAIN_WARNING, SEALED_SUFFIX
    from iro_desktop.services.conference_file.service import ConferenceFileService

    suffix = PLAIN_SUFFIX if args.plain else SEALED_SUFFIX
    out: Path = args.out or Path(f"conference-{args.conference}{suffix}")
    passphrase: str | None = None
    if args.plain:
        print(f"Warning: {PLAIN_WARNING}", file=sys.stderr)
    else:  # asked before the store is opened, so a weak one costs nothing
        passphrase = handoff_passphrase(confirm=True)
        if passphrase is None:
            print(
                "A passphrase is needed to encrypt the file: run this on a terminal, or set "
                f"{PASSPHRASE_ENV} (less safe), or choose --plain (not encrypted).",
                file=sys.stderr,
            )
            return 2
        problem = passphrase_problem(passphrase)
        if problem is not None:
            print(f"{problem} {HINT.split('. ', 1)[1]}", file=sys.stderr)
            return 1
    store, services = open_signed_in(location, args)  # type: ignore[arg-type]
    try:
        result = ConferenceFileService(services.ctx).export_file(args.conference, out, passphrase=passphrase)
    except (NotFound, ValidationError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        store.close()
    how = "NOT encrypted" if passphrase is None else "encrypted to the passphrase (age format)"
    print(f"Wrote {out}, {how} (revision {result.revision[:12]})")
    return 0


def run_import_file(args: argparse.Namespace, location: object) -> int:
    from iro_desktop.cli.session import open_signed_in
    from iro_desktop.services.conference_file.sealing import PassphraseRefused, is_sealed, unseal
    from iro_desktop.services.conference_file.service import (
        ConferenceFileService,
        FileRejected,
        HandoffConflicts,
    )

    path: Path = args.path
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"Cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 1
    sealed = is_sealed(data)
    if sealed:  # opened before the store is: a wrong passphrase is refused with the store untouched
        passphrase = handoff_passphrase(confirm=False)
        if passphrase is None:
            print(
                f"{path} is encrypted: run this on a terminal to be asked for its passphrase, "
                f"or set {PASSPHRASE_ENV} (less safe). Nothing was changed.",
                file=sys.stderr,
            )
            return 2
        try:
            data = unseal(data, passphrase)
        except PassphraseRefused as refused:
            print(f"{path}: {refused}", file=sys.stderr)
            return 1
    store, services = open_signed_in(location, args)  # type: ignore[arg-type]
    try:
        result = ConferenceFileService(services.ctx).import_text(data, sealed=sealed)
    except FileRejected as rejected:
        for problem in rejected.problems:
            print(f"{problem.place or '(file)'}: {problem.message}")
        print(f"{path}: {len(rejected.problems)} problem(s); nothing was changed.", file=sys.stderr)
        return 1
    except HandoffConflicts as conflicts:
        for c in conflicts.plan.conflicts:
            print(f"{c.path}: {c.label}\n    mine:   {_shown(c.mine)}\n    theirs: {_shown(c.theirs)}")
        print(
            f"{path}: {len(conflicts.plan.conflicts)} conflict(s) with the records here; "
            "nothing was changed. Import it in the app (File → Import conference file…) to choose for each.",
            file=sys.stderr,
        )
        return 1
    finally:
        store.close()
    if result.created:
        print(f"Imported the conference for {result.family_name} ({result.conference_id}).")
    else:
        print(
            f"Handed off the conference for {result.family_name}: "
            f"{result.taken} change(s) taken from the file, {result.kept} of this store's kept."
        )
    return 0


def _shown(value: object) -> str:
    if value is None:
        return "(none)"
    text = " ".join(str(value).split())
    return text if len(text) <= 100 else text[:99] + "…"
