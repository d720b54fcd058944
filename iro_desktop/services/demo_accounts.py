"""Fictional demo accounts, so the demo can be signed into. Never use these on real records."""

from __future__ import annotations

from iro_desktop.domain.roles import Role
from iro_desktop.services.accounts import AccountService
from iro_desktop.services.context import ServiceContext

DEMO_ACCOUNTS = (
    ("chair", "Priya Raman", "demo-chair-2026", Role.CHAIR),
    ("clerk", "Sam Dvořák", "demo-clerk-2026", Role.CLERK),
    ("manager", "Lee Ó Súilleabháin", "demo-manager-2026", Role.MANAGER),
)


def load_demo_accounts(ctx: ServiceContext) -> bool:
    """Create the demo chair (administrator), clerk and manager when there are no accounts yet; the demo
    chair is then signed in on `ctx`, so the demo data is loaded as that account."""
    accounts = AccountService(ctx)
    if not accounts.needs_first_admin():
        return False
    username, name, password, role = DEMO_ACCOUNTS[0]
    accounts.create_first_admin(username, name, password, role)
    ctx.session.user = accounts.sign_in(username, password)
    add_demo_team(ctx)
    return True


def add_demo_team(ctx: ServiceContext) -> None:
    """The demo clerk and manager, added by the demo chair signed in on `ctx` (an encrypted store's
    set-up has made the chair already)."""
    accounts = AccountService(ctx)
    for username, name, password, role in DEMO_ACCOUNTS[1:]:
        accounts.add_user(ctx.session.user, username, name, password, role)
