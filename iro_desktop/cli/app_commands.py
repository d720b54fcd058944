"""The app's own commands: `gui` (the default), `demo`, `screenshot` and `check`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iro_desktop.store.location import StoreLocation
    from iro_desktop.store.opening import Store

VIEW_NAMES = (
    "today",
    "families",
    "meeting",
    "who-is-here",
    "decisions",
    "plan",
    "handouts",
    "records",
    "presentation",
    "report",
)


def add_parsers(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("gui", help="open the app (the default)").set_defaults(handler=run_gui)
    sub.add_parser(
        "demo", help="load the fictional demo families (does nothing if already loaded)"
    ).set_defaults(handler=run_demo)
    shot = sub.add_parser("screenshot", help="render a view of the app to PNG (needs no display)")
    shot.add_argument("--out", required=True, type=Path, help="PNG file to write")
    shot.add_argument(
        "--view",
        default="today",
        choices=VIEW_NAMES,
        help="which view (default: today); the meeting's views open the full-size family's conference",
    )
    shot.add_argument("--size", default="1280x800", help="window size WIDTHxHEIGHT (default 1280x800)")
    shot.add_argument("--text-size", type=int, default=100, metavar="PERCENT", help="text size, 80-200")
    shot.set_defaults(handler=run_screenshot)
    sub.add_parser(
        "check",
        help="check the store's integrity, schema and key file (any account signs in); exit 1 on problems",
    ).set_defaults(handler=run_check)


def run_gui(args: argparse.Namespace, location: StoreLocation) -> int:
    from iro_desktop.app import run_gui

    return run_gui(location)  # it configures logging in the background, once the prompt is up


def run_screenshot(args: argparse.Namespace, location: StoreLocation) -> int:
    from iro_desktop.app import take_screenshot
    from iro_desktop.cli.session import open_signed_in

    width, _, height = args.size.partition("x")
    size = (int(width), int(height))
    path = take_screenshot(
        location,
        args.out,
        args.view,
        size,
        args.text_size,
        open_signed=lambda: open_signed_in(location, args),
    )
    print(f"Wrote {path}")
    return 0


def run_demo(args: argparse.Namespace, location: StoreLocation) -> int:
    """In an empty folder: a new encrypted store with the demo accounts (the demo chair its first
    administrator), the families loaded as the demo chair. Otherwise as the account signed in
    (`--user`), else the demo chair's own password."""
    from iro_desktop.cli.session import sign_in_opened
    from iro_desktop.services import sign_in
    from iro_desktop.services.demo import load_demo
    from iro_desktop.services.demo_accounts import DEMO_ACCOUNTS, add_demo_team
    from iro_desktop.services.demo_records import load_demo_records

    chair, name, password, role = DEMO_ACCOUNTS[0]
    created = not sign_in.records_exist(location)
    if created:
        opened = sign_in.set_up(location, chair, name, password, role)
    else:
        opened = sign_in_opened(location, args, fallback=(chair, password))
    try:
        if created:
            add_demo_team(opened.services.ctx)
        family = load_demo(opened.services.ctx)
        load_demo_records(opened.services.ctx)
    finally:
        opened.close()
    print("Demo families loaded." if family else "Demo families are already loaded.")
    if created:
        print("Demo sign-in (fictional):")
        for username, _name, demo_password, demo_role in DEMO_ACCOUNTS:
            print(f"  {demo_role.label:<8} username {username!r}, password {demo_password!r}")
        print(f"The records are encrypted. Demo recovery key (shown once): {opened.recovery_key}")
    return 0


def record_lock_problems(store: Store) -> list[str]:
    """Each final record whose fingerprint or signed approval does not hold, naming its conference."""
    from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
    from iro_desktop.services.records import RecordService

    # `check` needs no sign-in (it must work when nobody can sign in); it reads fingerprints, not content,
    # and its labels name no person.
    ctx = ServiceContext(uow=store.uow, session=SignedIn(SYSTEM_USER))
    records = RecordService(ctx)
    return [
        f"record of {label} (conference {cid}): {'; '.join(i.problems)}"
        for cid, label, i in records.check_all()
    ]


def run_check(args: argparse.Namespace, location: StoreLocation) -> int:
    """Any account signs in (the records are encrypted: nothing opens without a password); the check
    then reads as the system, with no migration. The key file is checked too."""
    from iro_desktop.store.integrity import check_store

    store, key_problems = _open_for_check(location, args)
    try:
        problems = key_problems + check_store(store)
        if not problems:  # the records' locks and approvals, once the schema is sound
            problems = record_lock_problems(store)
    finally:
        store.close()
    for problem in problems:
        print(problem)
    print("Store is sound." if not problems else f"{len(problems)} problem(s) found.")
    return 0 if not problems else 1


def _open_for_check(location: StoreLocation, args: argparse.Namespace) -> tuple[Store, list[str]]:
    from iro_desktop.cli.session import NO_ACCOUNTS, SignInRefused, credentials, no_records
    from iro_desktop.services import sign_in
    from iro_desktop.services.accounts import SignInFailed

    sign_in.check_openable(location)  # an empty or damaged file is told as such (reads nothing)
    if not sign_in.records_exist(location):  # a mistyped folder: said, and nothing made there
        raise no_records(location)
    if not sign_in.is_encrypted(location):
        return sign_in.open_for_check(location, "", "")  # a plain (older) store
    if not sign_in.records_exist(location):
        raise SignInRefused(NO_ACCOUNTS)
    name, password = credentials(getattr(args, "user", None))
    try:
        return sign_in.open_for_check(location, name, password)
    except SignInFailed:
        raise SignInRefused("That username and password do not match.") from None
