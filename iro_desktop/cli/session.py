"""The command line acts as an account: `--user NAME` (or IRO_DESKTOP_USER) and its password, asked on the
terminal (never an argument), or read from IRO_DESKTOP_PASSWORD for scripted use (less safe: other
programs of the same user may read a process's environment). Every command then has that account's role."""

from __future__ import annotations

import argparse
import getpass
import os
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from iro_desktop.domain.errors import EnvironmentProblem

if TYPE_CHECKING:
    from iro_desktop.domain.roles import User
    from iro_desktop.services.registry import Services
    from iro_desktop.store.location import StoreLocation
    from iro_desktop.store.opening import Store

USER_ENV = "IRO_DESKTOP_USER"
PASSWORD_ENV = "IRO_DESKTOP_PASSWORD"


class SignInRefused(EnvironmentProblem):
    """The command could not sign in: no accounts yet, no user named, or a wrong password."""

    title = "Not signed in"


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


def sign_in_cli(
    services: Services,
    username: str | None,
    *,
    environ: Mapping[str, str] | None = None,
    ask: Callable[[str], str] | None = None,
    fallback: tuple[str, str] | None = None,
) -> User:
    """Sign in as `username` (else IRO_DESKTOP_USER, else `fallback`'s account) and act as them."""
    from iro_desktop.services.accounts import SignInFailed

    env = os.environ if environ is None else environ
    accounts = services.accounts
    if accounts.needs_first_admin():
        raise SignInRefused(
            "This store has no accounts yet. Open the app to set up the first administrator "
            "(or load the demo into an empty folder with `iro-desktop demo`)."
        )
    name = (username or env.get(USER_ENV, "")).strip()
    password: str | None = None
    if not name and fallback is not None:
        name, password = fallback
    if not name:
        raise SignInRefused(f"Say who you are: --user NAME (or set {USER_ENV}).")
    if password is None:
        prompt = ask or getpass.getpass  # from the terminal, not echoed
        password = env[PASSWORD_ENV] if PASSWORD_ENV in env else prompt(f"Password for {name}: ")
    try:
        user = accounts.sign_in(name, password)
    except SignInFailed:
        raise SignInRefused("That username and password do not match.") from None
    services.ctx.session.user = user
    return user


def open_signed_in(
    location: StoreLocation, args: argparse.Namespace, today: Callable[[], date] = date.today
) -> tuple[Store, Services]:
    """Open the store and sign in from the command line's options; the store is closed on failure."""
    from iro_desktop.app import open_services

    store, services = open_services(location, today)
    try:
        sign_in_cli(services, getattr(args, "user", None))
    except BaseException:
        store.close()
        raise
    return store, services
