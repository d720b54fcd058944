"""The command line acts as an account: `--user NAME` (or IRO_DESKTOP_USER) and its password, asked on the
terminal (never an argument), or read from IRO_DESKTOP_PASSWORD for scripted use (less safe: other
programs of the same user may read a process's environment). Every command then has that account's role.
The password unwraps the records' key from the key file (issue 15): without it nothing opens."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from iro_desktop.domain.errors import EnvironmentProblem

if TYPE_CHECKING:
    from iro_desktop.domain.roles import User
    from iro_desktop.services.registry import Services
    from iro_desktop.services.sign_in import Opened
    from iro_desktop.store.location import StoreLocation
    from iro_desktop.store.opening import Store

USER_ENV = "IRO_DESKTOP_USER"
PASSWORD_ENV = "IRO_DESKTOP_PASSWORD"


class SignInRefused(EnvironmentProblem):
    """The command could not sign in: no accounts yet, no user named, or a wrong password."""

    title = "Not signed in"


class NoRecordsHere(EnvironmentProblem):
    """A command that reads the records found none in the data folder (a mistyped --data-dir, say):
    refused, and nothing is created there."""

    title = "No records here"


def no_records(location: StoreLocation) -> NoRecordsHere:
    return NoRecordsHere(
        f"There are no records in {location.data_dir}. Check --data-dir (or IRO_DESKTOP_DATA_DIR); "
        "nothing was created there. To start new records, open the app there, or load the fictional "
        "demo into an empty folder with `iro-desktop demo`."
    )


def add_user_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=None if top else argparse.SUPPRESS,
        help=f"act as this account (env {USER_ENV}); the password is asked for on the terminal, "
        f"or read from env {PASSWORD_ENV} (less safe)",
    )


def add_user_option_everywhere(parser: argparse.ArgumentParser) -> None:
    """`--user` before or after the command: on the top parser and on every command's own parser."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                if not any(a.dest == "user" for a in sub._actions):
                    add_user_option(sub)
                add_user_option_everywhere(sub)


def credentials(
    username: str | None,
    *,
    environ: Mapping[str, str] | None = None,
    ask: Callable[[str], str] | None = None,
    fallback: tuple[str, str] | None = None,
) -> tuple[str, str]:
    """Who signs in and their password: `username` (else IRO_DESKTOP_USER, else `fallback`'s account);
    the password from IRO_DESKTOP_PASSWORD, else asked on the terminal (not echoed)."""
    env = os.environ if environ is None else environ
    name = (username or env.get(USER_ENV, "")).strip()
    if not name and fallback is not None:
        return fallback
    if not name:
        raise SignInRefused(f"Say who you are: --user NAME (or set {USER_ENV}).")
    prompt = ask or getpass.getpass
    password = env[PASSWORD_ENV] if PASSWORD_ENV in env else prompt(f"Password for {name}: ")
    return name, password


def sign_in_cli(
    services: Services,
    username: str | None,
    *,
    environ: Mapping[str, str] | None = None,
    ask: Callable[[str], str] | None = None,
    fallback: tuple[str, str] | None = None,
) -> User:
    """Sign in on an already open store (a plain one opened in-process) and act as that account."""
    from iro_desktop.services.accounts import SignInFailed

    if services.accounts.needs_first_admin():
        raise SignInRefused(NO_ACCOUNTS)
    name, password = credentials(username, environ=environ, ask=ask, fallback=fallback)
    try:
        user = services.accounts.sign_in(name, password)
    except SignInFailed:
        raise SignInRefused("That username and password do not match.") from None
    services.ctx.session.user = user
    return user


NO_ACCOUNTS = (
    "This store has no accounts yet. Open the app to set up the first administrator "
    "(or load the demo into an empty folder with `iro-desktop demo`)."
)


def open_signed_in(
    location: StoreLocation,
    args: argparse.Namespace,
    today: Callable[[], date] = date.today,
    *,
    fallback: tuple[str, str] | None = None,
) -> tuple[Store, Services]:
    """Sign in from the command line's options: the key file unwrapped with the password, the records
    opened with that key (issue 15), every command then acting as that account with its role."""
    opened = sign_in_opened(location, args, today, fallback=fallback)
    return opened.store, opened.services


def sign_in_opened(
    location: StoreLocation,
    args: argparse.Namespace,
    today: Callable[[], date] = date.today,
    *,
    fallback: tuple[str, str] | None = None,
) -> Opened:
    from iro_desktop.services import sign_in
    from iro_desktop.services.accounts import SignInFailed

    sign_in.check_openable(location)  # told before a password is asked for (an empty file too)
    if not sign_in.records_exist(location):
        raise no_records(location)
    name, password = credentials(getattr(args, "user", None), fallback=fallback)
    try:
        opened = sign_in.sign_in(location, name, password, today)
    except SignInFailed:
        raise SignInRefused("That username and password do not match.") from None
    for problem in opened.store.problems:  # opened read-only: say why on every command (no personal data)
        print(f"Read-only: {problem}", file=sys.stderr)
    if opened.converted is not None:
        print(
            "The records were encrypted (a one-time step after upgrading); a verified copy is in "
            f"{opened.converted.backup.parent}.",
            file=sys.stderr,
        )
    if opened.recovery_key:
        show_recovery_key(opened.recovery_key)
    return opened


def show_recovery_key(recovery_key: str) -> None:
    """Shown once, on the terminal: the only way back in when every password is lost."""
    print(
        "\nRecovery key for these records (shown once; write it down and keep it somewhere safe, away "
        "from this computer):\n\n    " + recovery_key + "\n\nWith it an administrator can regain the records "
        "if every password is lost (`iro-desktop accounts recover`).\n",
        file=sys.stderr,
    )
