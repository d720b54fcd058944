"""Roles in every service (issue 13), generated from the matrix in domain/roles.py:

- every public method of every service declares its action (`@requires`), so none can be forgotten;
- every method, called as every role (and as nobody) that may not take its action, raises PermissionDenied
  before anything happens, and the store is byte for byte unchanged;
- every action, tried for real as every role on a real store with the demo in it: the roles the matrix
  allows are never refused for permission, the others are refused and change nothing."""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import itertools
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from iro_desktop.domain.alerts import AlertReason, RaiseAlertInput
from iro_desktop.domain.checkout import CancelReason
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.errors import DomainError
from iro_desktop.domain.feedback import Answer, FeedbackForm, Questionnaire
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.people import AgencyKind
from iro_desktop.domain.plan import PlanActionInput
from iro_desktop.domain.record import RecordState, SectionKey
from iro_desktop.domain.roles import (
    ADMIN_ACTIONS,
    ADMIN_ONLY,
    OPEN_TO_ALL,
    PERMISSIONS,
    Action,
    PermissionDenied,
    Role,
    User,
    can,
)
from iro_desktop.services.conference_file.service import ConferenceFileService
from iro_desktop.services.context import SYSTEM_USER
from iro_desktop.services.demo import load_demo
from iro_desktop.services.demo_records import load_demo_records
from iro_desktop.services.documents import DocumentKind
from iro_desktop.services.offline import OfflineService
from iro_desktop.services.permissions import required_action
from iro_desktop.services.registry import Services

WHO: dict[str, User | None] = {
    "chair": User("c", "chair", "Chair", Role.CHAIR),
    "clerk": User("k", "clerk", "Clerk", Role.CLERK),
    "manager": User("m", "manager", "Manager", Role.MANAGER),
    "admin clerk": User("a", "admin", "Admin", Role.CLERK, is_admin=True),
    "admin manager": User("b", "admin2", "Admin 2", Role.MANAGER, is_admin=True),
    "nobody": None,
}


def _service_classes() -> dict[str, type]:
    classes = {f.name: f.type for f in dataclasses.fields(Services) if f.name != "ctx"}
    import iro_desktop.services.registry as registry

    resolved = {
        name: eval(kind, vars(registry)) if isinstance(kind, str) else kind for name, kind in classes.items()
    }
    resolved["conference_files"] = ConferenceFileService  # built where it is used, from the same context
    resolved["offline"] = OfflineService  # issue 16: the laptop; likewise
    return resolved


def _public_methods() -> list[tuple[str, str, Callable[..., Any]]]:
    found = []
    for service, cls in _service_classes().items():
        for name, member in inspect.getmembers(cls):
            if name.startswith("_") or isinstance(inspect.getattr_static(cls, name), property):
                continue
            if inspect.isfunction(member):
                found.append((service, name, member))
    return found


METHODS = _public_methods()


def test_every_public_service_method_declares_its_action():
    undeclared = [f"{service}.{name}" for service, name, method in METHODS if required_action(method) is None]
    assert undeclared == []
    assert len(METHODS) > 120  # every service, not only records, accounts and audit
    used = {required_action(method) for _s, _n, method in METHODS}
    # Every action of the matrix guards some method; approving is checked inside `records.move`, whose
    # top-level check is submitting (the target state decides which), and is probed below.
    assert used == set(Action) - {Action.APPROVE_RECORD}


def test_the_matrix_is_data_and_nobody_may_only_sign_in():
    assert set(PERMISSIONS) == set(Role)
    assert ADMIN_ONLY <= ADMIN_ACTIONS
    assert [a for a in Action if can(None, a)] == sorted(OPEN_TO_ALL)
    for role in Role:
        user = User("x", "x", "X", role)
        assert {a for a in Action if can(user, a)} == PERMISSIONS[role] - ADMIN_ONLY


def _fingerprint(data_dir: Path) -> str:
    """The store's bytes (file, write-ahead log) and the audit anchor: any write changes it."""
    digest = hashlib.sha256()
    for path in sorted(data_dir.glob("iro-desktop.sqlite3*")) + [data_dir / "audit-anchor.json"]:
        if path.exists() and not path.name.endswith("-shm"):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def demo(services: Services):
    """The demo families, booked conferences and a record with the clerk, as an administrator."""
    load_demo(services.ctx)
    load_demo_records(services.ctx)
    return services


FORBIDDEN = [
    (service, name, method, who)
    for (service, name, method), who in itertools.product(METHODS, WHO)
    if not can(WHO[who], required_action(method) or Action.SIGN_IN)
]


def _call_with_anything(services: Services, service: str, name: str) -> Any:
    built = {"conference_files": ConferenceFileService, "offline": OfflineService}
    target = built[service](services.ctx) if service in built else getattr(services, service)
    method = getattr(target, name)
    params = [
        p
        for p in inspect.signature(method).parameters.values()
        if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    return method(*[None] * len(params))


def test_every_forbidden_method_is_refused_before_anything_happens(demo, location):
    """All (method, role) pairs the matrix forbids: refused at the top, whatever the arguments."""
    before = _fingerprint(location.data_dir)
    refused = 0
    for service, name, _method, who in FORBIDDEN:
        demo.ctx.session.user = WHO[who]
        with pytest.raises(PermissionDenied):
            _call_with_anything(demo, service, name)
        refused += 1
    demo.ctx.session.user = SYSTEM_USER
    assert _fingerprint(location.data_dir) == before
    assert refused == len(FORBIDDEN) > 250
    print(f"{refused} forbidden (method, role) pairs refused")


# One real call per action, on the demo store; `n` makes each call's values new.
Probe = Callable[[Services, dict[str, Any], int], Any]
PROBES: dict[Action, Probe] = {
    Action.SIGN_IN: lambda s, d, n: s.accounts.needs_first_admin(),
    Action.VIEW: lambda s, d, n: s.families.search(""),
    Action.EXPORT: lambda s, d, n: s.documents.note_exported(d["cid"], DocumentKind.HANDOUT),
    Action.CREATE_FAMILY: lambda s, d, n: s.families.create_family(f"P-{n}", f"Probe family {n}"),
    Action.EDIT_FAMILY: lambda s, d, n: s.families.update_family(d["fid"], d["ref"], f"Renamed {n}"),
    Action.EDIT_PEOPLE: lambda s, d, n: s.people.add_agency(f"Agency {n}", AgencyKind.POLICE),
    Action.EDIT_REGISTER: lambda s, d, n: ConferenceFileService(s.ctx).import_text(b"{}"),
    Action.BOOK_CONFERENCE: lambda s, d, n: s.conferences.book(
        d["fid"], d["type"], date(2026, 12, 1), venue=f"Room {n}"
    ),
    Action.RESCHEDULE: lambda s, d, n: s.conferences.update_details(d["cid"], d["date"], venue=f"Room {n}"),
    Action.STAND_DOWN: lambda s, d, n: s.conferences.stand_down(d["cid2"], d["reason"], note=f"n{n}"),
    Action.TRACK_TIMESCALES: lambda s, d, n: s.conferences.record_reports(d["cid"], None, None),
    Action.RUN_MEETING: lambda s, d, n: s.mapping.start_meeting(d["cid"]),
    Action.EDIT_MAP: lambda s, d, n: s.mapping.add_item(d["cid"], Section.STRENGTHS, f"Strength {n}"),
    Action.RECORD_DECISION: lambda s, d, n: s.quoracy.record_override(d["cid"], f"Going ahead, reason {n}."),
    Action.EDIT_PLAN: lambda s, d, n: s.plans.add_action(d["cid"], PlanActionInput(what=f"Action {n}")),
    Action.EDIT_MINUTES: lambda s, d, n: s.records.save_section(
        d["held"], SectionKey.PURPOSE, f"Purpose {n}"
    ),
    Action.EDIT_DISTRIBUTION: lambda s, d, n: s.records.add_recipient(d["held"], f"Recipient {n}"),
    Action.SUBMIT_FOR_APPROVAL: lambda s, d, n: s.records.move(d["held"], RecordState.AWAITING_APPROVAL),
    Action.APPROVE_RECORD: lambda s, d, n: s.records.move(d["held"], RecordState.FINAL),
    Action.AMEND_FINAL_RECORD: lambda s, d, n: s.records.amend(d["held"], {}, f"Reason {n}"),
    Action.EDIT_LOCAL_RULES: lambda s, d, n: s.rules.save(d["rules"]),
    Action.EDIT_POLICY: lambda s, d, n: s.policy.set_allow_multiple(n % 2 == 0),
    Action.VIEW_AUDIT: lambda s, d, n: s.audit.verify(),
    Action.RUN_REPORTS: lambda s, d, n: s.reports.facts(),
    Action.MANAGE_USERS: lambda s, d, n: s.accounts.users(),
    Action.IMPORT_HISTORY: lambda s, d, n: s.history_import.check(d["empty"]),
    Action.SUBJECT_ACCESS: lambda s, d, n: s.subject_access.people(""),
    # Issue 19: an alert raised, answered; a feedback form.
    Action.RAISE_ALERT: lambda s, d, n: s.alerts.raise_alert(
        RaiseAlertInput(d["child"], AlertReason.NO_PROGRESS, f"Manager {n}", raised_on=d["date0"])
    ),
    Action.ANSWER_ALERT: lambda s, d, n: s.alerts.record_response(d["alert"], f"Answer {n}", d["date0"]),
    Action.RECORD_FEEDBACK: lambda s, d, n: s.feedback.submit(
        FeedbackForm(Questionnaire.FAMILY, ConferenceType.REVIEW, d["date0"], {"why_we_met": Answer.YES})
    ),
    # Issue 16: a checkout cancelled (none is out in the demo: refused as "not out", never for permission).
    Action.CANCEL_OWN_CHECKOUT: lambda s, d, n: OfflineService(s.ctx).cancel_own(d["cid"], CancelReason.LOST),
    Action.CANCEL_CHECKOUT: lambda s, d, n: OfflineService(s.ctx).cancel(d["cid"], CancelReason.LOST),
}

# Forbidden first, so the allowed calls (which change the store) come after every refusal was checked.
ORDER = sorted(itertools.product(Action, WHO), key=lambda pair: can(WHO[pair[1]], pair[0]))


def test_every_action_as_every_role(demo, location, tmp_path):
    from iro_desktop.domain.conference import ConferenceStatus

    assert set(PROBES) == set(Action)
    family = next(f for f in demo.families.search("DEMO-0001"))
    upcoming = [c for c in demo.conferences.for_family(family.id) if c.status is ConferenceStatus.SCHEDULED]
    held_family = next(f for f in demo.families.search("DEMO-0002"))
    held = [c for c in demo.conferences.for_family(held_family.id) if c.status is ConferenceStatus.HELD][-1]
    (tmp_path / "empty").mkdir()
    data = {
        "fid": family.id,
        "ref": family.reference,
        "type": upcoming[0].conference_type,
        "cid": upcoming[-1].id,
        "cid2": upcoming[0].id,
        "date": upcoming[-1].scheduled_date,
        "reason": next(iter(demo.rules.get().stood_down_reasons)).code,
        "held": held.id,
        "rules": demo.rules.get(),
        "empty": tmp_path / "empty",
        "child": family.children[0].id,
        "date0": demo.ctx.today(),
        "alert": demo.alerts.raise_alert(
            RaiseAlertInput(family.children[0].id, AlertReason.NO_PROGRESS, "TM", raised_on=demo.ctx.today())
        ).id,
    }
    refused = allowed = done = 0
    for n, (action, who) in enumerate(ORDER):
        demo.ctx.session.user = WHO[who]
        before = _fingerprint(location.data_dir)
        if can(WHO[who], action):
            try:
                PROBES[action](demo, data, n)
                done += 1
            except PermissionDenied as denied:  # pragma: no cover - the failure being tested for
                pytest.fail(f"{who} was refused {action.value}, which the matrix allows: {denied}")
            except DomainError:
                pass  # refused for another reason (a transition not open now, a bad file): not permission
            allowed += 1
        else:
            with pytest.raises(PermissionDenied):
                PROBES[action](demo, data, n)
            assert _fingerprint(location.data_dir) == before, f"{who} / {action.value} changed the store"
            refused += 1
    assert refused + allowed == len(Action) * len(WHO)
    assert refused == sum(1 for a, w in ORDER if not can(WHO[w], a))
    assert done > allowed * 2 // 3  # most allowed calls really did their work
    print(f"{refused} forbidden (action, role) pairs refused, {allowed} allowed not refused ({done} done)")
