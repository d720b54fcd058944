"""`iro-desktop accounts` (issue 15): an administrator lists, adds, resets and removes the accounts of
an encrypted store; anyone changes their own password; `recover` gives an administrator a new password
with the recovery key when every password is lost.

Passwords and the recovery key are asked on the terminal (not echoed, a new password twice), never
taken as arguments; for scripted use they can come from IRO_DESKTOP_NEW_PASSWORD and
IRO_DESKTOP_RECOVERY_KEY (less safe: other programs of the same user may read the environment).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iro_desktop.store.location import StoreLocation

NEW_PASSWORD_ENV = "IRO_DESKTOP_NEW_PASSWORD"
RECOVERY_KEY_ENV = "IRO_DESKTOP_RECOVERY_KEY"
ROLES = ("chair", "clerk", "manager")


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "accounts", help="accounts: list, add, reset, remove (administrators), password, recover"
    )
    accounts = parser.add_subparsers(dest="accounts_command", metavar="ACCOUNTS_COMMAND", required=True)
    accounts.add_parser("list", help="every account, its role, and whether it can sign in")
    add = accounts.add_parser("add", help="add an account (its password is asked twice)")
    add.add_argument("--username", required=True)
    add.add_argument("--name", required=True, help="the name shown on records")
    add.add_argument("--role", default="chair", choices=ROLES)
    reset = accounts.add_parser("reset", help="set someone's password anew (it is asked twice)")
    reset.add_argument("--username", required=True)
    remove = accounts.add_parser("remove", help="stop an account signing in (its copy of the key goes)")
    remove.add_argument("--username", required=True)
    accounts.add_parser("password", help="change your own password (the new one is asked twice)")
    recover = accounts.add_parser(
        "recover",
        help="every password lost: the recovery key gives an administrator a new password (no sign-in)",
    )
    recover.add_argument("--username", required=True, help="an administrator's username")
    parser.set_defaults(handler=run)


def new_password(
    environ: Mapping[str, str] | None = None, ask: Callable[[str], str] | None = None, who: str = ""
) -> str | None:
    """A new password from the environment, or typed twice on the terminal; None when they differ."""
    env = os.environ if environ is None else environ
    if NEW_PASSWORD_ENV in env:
        return env[NEW_PASSWORD_ENV]
    prompt = ask or getpass.getpass
    first = prompt(f"New password{' for ' + who if who else ''}: ")
    if prompt("Type it again: ") != first:
        return None
    return first


def run(args: argparse.Namespace, location: StoreLocation) -> int:
    from iro_desktop.domain.errors import ValidationError

    try:
        if args.accounts_command == "recover":
            return _recover(args, location)
        return _as_signed_in(args, location)
    except ValidationError as refused:
        for problem in refused.problems:
            print(problem.message, file=sys.stderr)
        return 1


def _as_signed_in(args: argparse.Namespace, location: StoreLocation) -> int:
    from iro_desktop.cli.session import sign_in_opened
    from iro_desktop.domain.roles import Role

    opened = sign_in_opened(location, args)
    accounts, actor = opened.services.accounts, opened.user
    keys = opened.services.ctx.keys
    try:
        command = args.accounts_command
        if command == "list":
            for user in accounts.users():
                can = (
                    "can sign in"
                    if user.active and (keys is None or keys.has_account(user.id))
                    else "removed"
                )
                admin = ", administrator" if user.is_admin else ""
                print(f"{user.username}\t{user.display_name}\t{user.role.value}{admin}\t{can}")
            return 0
        if command == "password":
            password = new_password()
            if password is None:
                print("The two passwords differ. Nothing was changed.", file=sys.stderr)
                return 1
            _name, current = _current_password(args)
            accounts.change_password(actor, current, password)
            print("Your password was changed.")
            return 0
        if command == "remove":
            removed = accounts.remove_user(actor, args.username)
            print(f"{removed.username} can no longer sign in (the account stays on the records it names).")
            return 0
        password = new_password(who=args.username)
        if password is None:
            print("The two passwords differ. Nothing was changed.", file=sys.stderr)
            return 1
        if command == "add":
            added = accounts.add_user(actor, args.username, args.name, password, Role(args.role))
            print(f"Added {added.username} ({added.role.value}).")
            return 0
        reset = accounts.reset_password(actor, args.username, password)
        print(f"The password of {reset.username} was reset; they sign in with the new one.")
        return 0
    finally:
        opened.close()


def _current_password(args: argparse.Namespace) -> tuple[str, str]:
    """The password the command signed in with (asked once more when it was typed)."""
    from iro_desktop.cli.session import credentials

    return credentials(getattr(args, "user", None))


def _recover(args: argparse.Namespace, location: StoreLocation) -> int:
    from iro_desktop.services import sign_in

    env = os.environ
    recovery_key = env.get(RECOVERY_KEY_ENV) or getpass.getpass("Recovery key: ")
    password = new_password(who=args.username)
    if password is None:
        print("The two passwords differ. Nothing was changed.", file=sys.stderr)
        return 1
    opened = sign_in.recover(location, recovery_key, args.username, password)
    opened.close()
    print(f"{args.username} has a new password and can sign in. The recovery key still works; keep it safe.")
    return 0
