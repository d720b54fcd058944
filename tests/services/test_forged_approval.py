"""Issue 13, "an approval can't be forged": approvals are signed by the approving chair's own key, keys are
unlocked at sign-in, and an importing store accepts an approval only from a key it knows for that account,
verified over the fingerprint it recomputes. A file edited to say "final", signed by a key nobody trusts,
re-signed by the clerk, or changed under a valid signature arrives awaiting approval, with the reason."""

from __future__ import annotations

import json
import random
import shutil

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from iro_desktop.domain.errors import DomainError
from iro_desktop.domain.lock import SignedVersion, fingerprint
from iro_desktop.domain.record import RecordState
from iro_desktop.domain.roles import PermissionDenied, Role
from iro_desktop.services.accounts import AccountService
from iro_desktop.services.approval_signing import SigningKeyService, public_hex, sign, unwrap
from iro_desktop.services.conference_file.document import file_text
from iro_desktop.services.conference_file.service import ConferenceFileService, FileRejected
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.demo_accounts import load_demo_accounts
from iro_desktop.services.registry import Services
from iro_desktop.store.location import resolve_location
from iro_desktop.store.models import SigningKeyRow
from iro_desktop.store.opening import open_store
from tests.conftest import TODAY
from tests.services.conference_files import rich_conference, second_store, store_fingerprint

PASSWORD = "a long enough password"


@pytest.fixture
def chair(services):
    """The chair's own store: a real account, signed in with the password (its key unwrapped)."""
    accounts = AccountService(services.ctx)
    accounts.create_first_admin("priya", "Priya Raman", PASSWORD, Role.CHAIR)
    services.ctx.session.user = accounts.sign_in("priya", PASSWORD)
    return services


@pytest.fixture
def clerk(tmp_path):
    """The clerk's store, with its own administrator and clerk; yields (store, services, clerk user)."""
    store, services = second_store(tmp_path, "clerk")
    accounts = AccountService(services.ctx)
    admin = accounts.create_first_admin("admin", "Ada Admin", PASSWORD, Role.CHAIR)
    clerk_user = accounts.add_user(admin, "sam", "Sam Dvořák", PASSWORD, Role.CLERK)
    services.ctx.session.user = admin
    yield store, services, clerk_user
    store.close()


def _trust_chair(chair, clerk_services) -> None:
    """The clerk store's administrator trusts the chair's key (given to them by the chair)."""
    user = chair.ctx.session.user
    key = SigningKeyService(chair.ctx).own_public_key()
    SigningKeyService(clerk_services.ctx).trust(user.id, user.username, user.display_name, Role.CHAIR, key)


def _sign_in_clerk(clerk_services) -> None:
    accounts = AccountService(clerk_services.ctx)
    clerk_services.ctx.session.user = accounts.sign_in("sam", PASSWORD)


def _approved_file(chair) -> tuple[str, str]:
    conference_id = rich_conference(chair)
    for state in (RecordState.WITH_CLERK, RecordState.AWAITING_APPROVAL, RecordState.FINAL):
        chair.records.move(conference_id, state)
    assert chair.records.get(conference_id).integrity.ok
    return conference_id, ConferenceFileService(chair.ctx).export_text(conference_id).text


def _edit(text: str, change) -> str:
    doc = json.loads(text)
    change(doc["conference"])
    return file_text(doc["conference"], doc["based_on"])


def _resign(content: dict, key: Ed25519PrivateKey, signer_id: str, signer_name: str, cid: str) -> None:
    version = content["record_versions"][0]
    signed = SignedVersion(
        cid,
        version["number"],
        version["snapshot_version"],
        version["content_hash"],
        signer_id,
        signer_name,
        version["signed_at"],
    )
    version.update(
        signer_id=signer_id,
        signer_name=signer_name,
        signer_public_key=public_hex(key),
        signature=sign(key, signed),
    )


def _arrives_awaiting(clerk_services, text: str, conference_id: str, reason: str):
    result = ConferenceFileService(clerk_services.ctx).import_text(text)
    assert reason in result.approval_note
    record = clerk_services.records.get(conference_id)
    assert record.state is RecordState.AWAITING_APPROVAL
    assert record.versions == ()
    assert record.approved_by == ""
    assert record.approved_at is None
    assert reason in record.approval_note  # shown on the record (the records area's banner)
    assert record.integrity.ok  # nothing claims to be final any more
    assert not clerk_services.records.is_locked(conference_id)
    return result


def test_a_genuine_approval_from_a_trusted_key_arrives_final(chair, clerk):
    _store, clerk_services, _clerk = clerk
    conference_id, text = _approved_file(chair)
    _trust_chair(chair, clerk_services)
    _sign_in_clerk(clerk_services)
    result = ConferenceFileService(clerk_services.ctx).import_text(text)
    assert result.approval_note == ""
    record = clerk_services.records.get(conference_id)
    assert record.state is RecordState.FINAL
    assert record.approved_by == "Priya Raman"
    assert record.integrity.ok
    assert len(record.versions) == 1


def test_a_genuine_approval_from_a_key_the_store_does_not_know_arrives_awaiting(chair, clerk):
    _store, clerk_services, _clerk = clerk
    conference_id, text = _approved_file(chair)
    _sign_in_clerk(clerk_services)
    _arrives_awaiting(clerk_services, text, conference_id, "does not know")


def test_a_file_edited_to_final_arrives_awaiting_approval(chair, clerk):
    _store, clerk_services, _clerk = clerk
    _trust_chair(chair, clerk_services)
    conference_id = rich_conference(chair)
    for state in (RecordState.WITH_CLERK, RecordState.AWAITING_APPROVAL):
        chair.records.move(conference_id, state)
    text = ConferenceFileService(chair.ctx).export_text(conference_id).text

    def to_final(content):
        content["record"].update(state="final", approved_by="Priya Raman", approved_at="2026-11-23T10:00:00")

    _sign_in_clerk(clerk_services)
    result = _arrives_awaiting(clerk_services, _edit(text, to_final), conference_id, "no locked version")
    assert "not accepted" in result.approval_note
    clerk_services.ctx.session.user = SYSTEM_USER  # reading accounts and the audit: an administrator's
    admin = next(u for u in AccountService(clerk_services.ctx).users() if u.is_admin)
    audit = [e for e in clerk_services.audit.events(admin) if e.action == "imported"]
    assert audit[-1].after["approval"] == "not accepted"


def test_a_signature_from_an_unknown_key_arrives_awaiting(chair, clerk):
    _store, clerk_services, _clerk = clerk
    conference_id, text = _approved_file(chair)
    _trust_chair(chair, clerk_services)
    chair_id = chair.ctx.session.user.id
    forged = _edit(
        text, lambda c: _resign(c, Ed25519PrivateKey.generate(), chair_id, "Priya Raman", conference_id)
    )
    _sign_in_clerk(clerk_services)
    _arrives_awaiting(clerk_services, forged, conference_id, "does not know")


def test_a_valid_signature_over_a_fingerprint_that_does_not_match_arrives_awaiting(chair, clerk):
    _store, clerk_services, _clerk = clerk
    conference_id, text = _approved_file(chair)
    _trust_chair(chair, clerk_services)

    def change_map(content):
        content["map_items"][0]["text"] = "A danger the chair never approved."

    _sign_in_clerk(clerk_services)
    _arrives_awaiting(clerk_services, _edit(text, change_map), conference_id, "the map")
    assert "A danger the chair never approved." in {
        i.text for i in clerk_services.mapping.board(conference_id).items
    }


def test_a_snapshot_edited_with_its_fingerprint_recomputed_arrives_awaiting(chair, clerk):
    _store, clerk_services, _clerk = clerk
    conference_id, text = _approved_file(chair)
    _trust_chair(chair, clerk_services)

    def recompute(content):
        content["decisions"][0]["rationale"] = "Changed after approval."
        version = content["record_versions"][0]
        snapshot = json.loads(version["snapshot_json"])
        for decision in snapshot["decisions"]:
            if decision["id"] == content["decisions"][0]["id"]:
                decision["rationale"] = "Changed after approval."
        version["snapshot_json"] = json.dumps(snapshot, ensure_ascii=False)
        version["content_hash"] = fingerprint(snapshot)

    _sign_in_clerk(clerk_services)
    _arrives_awaiting(clerk_services, _edit(text, recompute), conference_id, "signature does not verify")


def test_the_clerk_re_signing_the_approval_arrives_awaiting(chair, clerk):
    _store, clerk_services, clerk_user = clerk
    conference_id, text = _approved_file(chair)
    _trust_chair(chair, clerk_services)
    _sign_in_clerk(clerk_services)
    clerk_key = clerk_services.ctx.session.keys[clerk_user.id]  # the clerk's own, known here
    forged = _edit(text, lambda c: _resign(c, clerk_key, clerk_user.id, "Sam Dvořák", conference_id))
    _arrives_awaiting(clerk_services, forged, conference_id, "may not approve")


def test_a_key_trusted_for_another_account_does_not_sign_for_the_chair(chair, clerk):
    _store, clerk_services, clerk_user = clerk
    conference_id, text = _approved_file(chair)
    _trust_chair(chair, clerk_services)
    _sign_in_clerk(clerk_services)
    clerk_key = clerk_services.ctx.session.keys[clerk_user.id]
    chair_id = chair.ctx.session.user.id
    forged = _edit(text, lambda c: _resign(c, clerk_key, chair_id, "Priya Raman", conference_id))
    _arrives_awaiting(clerk_services, forged, conference_id, "does not know")


def test_an_import_moves_a_record_only_as_the_importers_role_allows(chair, clerk):
    store, clerk_services, _clerk = clerk
    conference_id = rich_conference(chair)
    for state in (RecordState.WITH_CLERK, RecordState.AWAITING_APPROVAL):
        chair.records.move(conference_id, state)
    _sign_in_clerk(clerk_services)
    files = ConferenceFileService(clerk_services.ctx)
    files.import_text(ConferenceFileService(chair.ctx).export_text(conference_id).text)
    # the chair sends it back to the clerk: a move only a chair makes, so the clerk's import refuses it
    chair.records.move(conference_id, RecordState.WITH_CLERK)
    back = ConferenceFileService(chair.ctx).export_text(conference_id).text
    before = store_fingerprint(store)
    with pytest.raises(FileRejected) as refused:
        files.import_text(back)
    assert "may not move a record" in str([p.message for p in refused.value.problems])
    assert store_fingerprint(store) == before


def test_a_file_moving_a_record_backwards_is_refused(chair, clerk):
    store, clerk_services, _clerk = clerk
    conference_id = rich_conference(chair)
    chair.records.move(conference_id, RecordState.WITH_CLERK)
    chair.records.move(conference_id, RecordState.AWAITING_APPROVAL)
    text = ConferenceFileService(chair.ctx).export_text(conference_id).text
    _sign_in_clerk(clerk_services)
    files = ConferenceFileService(clerk_services.ctx)
    files.import_text(text)
    backwards = _edit(text, lambda c: c["record"].update(state="in_meeting"))
    before = store_fingerprint(store)
    plan = files.prepare_import(backwards)  # (no version in common: each difference is a choice)
    with pytest.raises(FileRejected) as refused:
        files.apply_import(plan, {c.path: "theirs" for c in plan.conflicts})
    assert "back to" in str([p.message for p in refused.value.problems])
    assert store_fingerprint(store) == before


def test_a_manager_cannot_import(chair, clerk):
    _store, clerk_services, clerk_user = clerk
    _conference_id, text = _approved_file(chair)
    accounts = AccountService(clerk_services.ctx)
    admin = clerk_services.ctx.session.user
    accounts.add_user(admin, "lee", "Lee", PASSWORD, Role.MANAGER)
    clerk_services.ctx.session.user = accounts.sign_in("lee", PASSWORD)
    with pytest.raises(PermissionDenied):
        ConferenceFileService(clerk_services.ctx).import_text(text)


def test_approving_needs_the_key_unlocked_at_sign_in(services):
    accounts = AccountService(services.ctx)
    user = accounts.create_first_admin("priya", "Priya Raman", PASSWORD, Role.CHAIR)
    services.ctx.session.user = user  # signed in without the password: no key unlocked
    conference_id = rich_conference(services)
    services.records.move(conference_id, RecordState.WITH_CLERK)
    services.records.move(conference_id, RecordState.AWAITING_APPROVAL)
    with pytest.raises(Exception, match="signing key"):
        services.records.move(conference_id, RecordState.FINAL)
    services.ctx.session.user = accounts.sign_in("priya", PASSWORD)
    record = services.records.move(conference_id, RecordState.FINAL)
    version = record.versions[0]
    assert record.integrity.ok
    assert record.approved_by == "Priya Raman"
    assert version.content_hash == fingerprint(json.loads(version.snapshot_json))


def test_keys_are_wrapped_by_the_password_and_made_at_the_next_sign_in_for_old_accounts(services):
    accounts = AccountService(services.ctx)
    user = accounts.create_first_admin("priya", "Priya Raman", PASSWORD, Role.CHAIR)
    with services.ctx.uow() as uow:
        row = uow.session.query(SigningKeyRow).filter_by(user_id=user.id).one()
        wrapped, public = row.wrapped_private_key, row.public_key
    assert unwrap(wrapped, "the wrong password", user.id) is None
    assert unwrap(wrapped, PASSWORD, "another account") is None  # the account id is bound in
    key = unwrap(wrapped, PASSWORD, user.id)
    assert key is not None
    assert public_hex(key) == public
    raw = key.private_bytes_raw().hex()
    assert raw not in wrapped
    accounts.sign_in("priya", PASSWORD)
    assert public_hex(services.ctx.session.keys[user.id]) == public
    # an account made before keys existed: none yet, one is made at its next sign-in
    with services.ctx.uow() as uow:
        uow.session.query(SigningKeyRow).delete()
        uow.commit()
    services.ctx.session.keys.clear()
    accounts.sign_in("priya", PASSWORD)
    with services.ctx.uow() as uow:
        keys = [r.public_key for r in uow.session.query(SigningKeyRow).filter_by(user_id=user.id)]
    assert len(keys) == 1
    assert public_hex(services.ctx.session.keys[user.id]) == keys[0]


def test_demo_accounts_get_keys_at_creation(services):
    assert load_demo_accounts(services.ctx)
    with services.ctx.uow() as uow:
        rows = [(r.username, r.wrapped_private_key) for r in uow.session.query(SigningKeyRow)]
    assert sorted(name for name, _wrapped in rows) == ["chair", "clerk", "manager"]
    assert all(wrapped for _name, wrapped in rows)


def test_only_an_administrator_trusts_keys(chair, clerk):
    _store, clerk_services, _clerk = clerk
    _sign_in_clerk(clerk_services)
    key = SigningKeyService(chair.ctx).own_public_key()
    with pytest.raises(PermissionDenied):
        SigningKeyService(clerk_services.ctx).trust("x", "priya", "Priya Raman", Role.CHAIR, key)


def _mutate(content: dict, rng: random.Random) -> None:
    """One change of the kind a person editing the file might make to pass off an approval."""
    record, versions = content["record"], content["record_versions"]
    choice = rng.randrange(8)
    if choice == 0:
        record["state"] = rng.choice([s.value for s in RecordState])
    elif choice == 1:
        record["approved_by"] = rng.choice(["Sam Dvořák", "Priya Raman ", ""])
    elif choice == 2 and versions:
        field = rng.choice(["content_hash", "signature", "signer_public_key"])
        value = versions[0][field]
        i = rng.randrange(len(value))
        versions[0][field] = value[:i] + ("0" if value[i] != "0" else "1") + value[i + 1 :]
    elif choice == 3 and versions:
        versions[0][rng.choice(["signer_id", "signer_name", "signed_at"])] = "2026-11-23T10:00:01"
    elif choice == 4:
        content["record_versions"] = []
    elif choice == 5:
        part = rng.choice(["map_items", "decisions", "plan_actions", "record_sections", "dissents"])
        rows = [r for r in content[part] if any(isinstance(v, str) and len(v) > 3 for v in r.values())]
        if rows:
            row = rng.choice(rows)
            key = rng.choice([k for k, v in row.items() if isinstance(v, str) and len(v) > 3 and k != "id"])
            row[key] = row[key] + " (edited)"
    elif choice == 6:
        content["children"][0]["given_name"] = "Renamed"
    elif choice == 7 and versions:
        versions[0]["number"] = rng.choice([2, 3])


def test_no_mutated_file_arrives_final_without_a_verified_approval(chair, clerk, tmp_path):
    """A bounded set of mutated copies of an approved file (seeded): each is refused, or arrives awaiting
    approval, or arrives final with an approval this store verifies."""
    store, clerk_services, clerk_user = clerk
    conference_id, text = _approved_file(chair)
    _trust_chair(chair, clerk_services)
    template = tmp_path / "template"
    shutil.copytree(store.location.data_dir, template)
    outcomes = {"refused": 0, "awaiting": 0, "final": 0}
    for seed in range(20):
        rng = random.Random(seed)
        doc = json.loads(text)
        for _ in range(rng.randint(1, 3)):
            _mutate(doc["conference"], rng)
        mutated = file_text(doc["conference"], doc["based_on"])
        data = tmp_path / f"m{seed}"
        shutil.copytree(template, data)
        other = open_store(resolve_location(data, environ={}))
        try:
            services = Services.build(
                ServiceContext(uow=other.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
            )
            services.ctx.session.user = clerk_user  # (importing signs nothing: no key needed)
            try:
                ConferenceFileService(services.ctx).import_text(mutated)
            except DomainError:
                outcomes["refused"] += 1
                continue
            record = services.records.get(conference_id)
            if record.state.locked or record.versions:
                assert record.integrity.ok, (seed, record.integrity.message)
                outcomes["final"] += 1
            else:
                outcomes["awaiting"] += 1
        finally:
            other.close()
    assert outcomes["awaiting"] > 0
    assert sum(outcomes.values()) == 20
