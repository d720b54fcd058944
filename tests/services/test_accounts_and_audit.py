"""Accounts and audit through the services, on a real migrated SQLite file."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import DBAPIError

from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.roles import PermissionDenied, Role
from iro_desktop.services.accounts import AccountService, SignInFailed
from iro_desktop.services.audit import AuditService
from tests.store_files import behind_the_apps_back


@pytest.fixture
def accounts(services):
    return AccountService(services.ctx)


def test_first_run_creates_an_administrator_once(accounts):
    assert accounts.needs_first_admin()
    admin = accounts.create_first_admin("priya", "Priya Raman", "correct horse battery", Role.CHAIR)
    assert admin.is_admin
    assert admin.role is Role.CHAIR
    assert not accounts.needs_first_admin()
    with pytest.raises(ValidationError, match="already exists"):
        accounts.create_first_admin("x", "X", "another long password", Role.CLERK)


def test_passwords_are_argon2id_and_sign_in_works(accounts, store):
    accounts.create_first_admin("priya", "Priya Raman", "correct horse battery", Role.CHAIR)
    stored = behind_the_apps_back(store, "SELECT password_hash FROM users")[0][0]
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    assert accounts.sign_in("priya", "correct horse battery").username == "priya"
    with pytest.raises(SignInFailed, match="do not match"):
        accounts.sign_in("priya", "wrong password!!")


def test_short_password_is_refused_inline(accounts):
    with pytest.raises(ValidationError) as info:
        accounts.create_first_admin("priya", "Priya", "short", Role.CHAIR)
    assert info.value.for_field("password") == ["Use at least 10 characters."]
    assert accounts.needs_first_admin()


def test_only_an_administrator_adds_users(accounts):
    admin = accounts.create_first_admin("admin", "Admin", "correct horse battery", Role.MANAGER)
    clerk = accounts.add_user(admin, "sam", "Sam Dvořák", "another good password", Role.CLERK)
    with pytest.raises(PermissionDenied):
        accounts.add_user(clerk, "eve", "Eve", "yet another password", Role.CHAIR)
    assert [u.username for u in accounts.users()] == ["admin", "sam"]


def test_audit_trail_records_and_verifies(accounts, services):
    admin = accounts.create_first_admin("admin", "Admin", "correct horse battery", Role.MANAGER)
    accounts.sign_in("admin", "correct horse battery")
    with pytest.raises(SignInFailed):
        accounts.sign_in("admin", "not the password")
    audit = AuditService(services.ctx)
    report = audit.verify()
    assert report.entries == 3
    assert report.intact
    actions = [e.action.value for e in audit.events(admin)]
    assert actions == ["sign_in_failed", "signed_in", "created"]


def test_audit_rows_cannot_be_updated_through_sql(accounts, store):
    accounts.create_first_admin("admin", "Admin", "correct horse battery", Role.MANAGER)
    with pytest.raises(DBAPIError, match="append-only"):
        behind_the_apps_back(store, "UPDATE audit_events SET actor='someone else'")
    with pytest.raises(DBAPIError, match="append-only"):
        behind_the_apps_back(store, "DELETE FROM audit_events")


def test_audit_verify_catches_a_row_changed_behind_the_apps_back(accounts, services, store, backend):
    accounts.create_first_admin("admin", "Admin", "correct horse battery", Role.MANAGER)
    accounts.sign_in("admin", "correct horse battery")
    trigger = "audit_events_no_update" if backend == "sqlite" else "audit_events_append_only ON audit_events"
    behind_the_apps_back(store, f"DROP TRIGGER {trigger}")
    behind_the_apps_back(store, "UPDATE audit_events SET actor='mallory' WHERE seq=1")
    report = AuditService(services.ctx).verify()
    assert not report.intact
    assert report.breaks[0].seq == 1
