"""Local rules: council-wide clock settings, quoracy rule and stood-down reasons, kept in the store."""

from __future__ import annotations

import json
from datetime import date

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.calendar import WorkingDayCalendar
from iro_desktop.domain.errors import raise_if
from iro_desktop.domain.letters import LETTERS_FROM_KEY
from iro_desktop.domain.local_rules import LocalRules, decode, encode
from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.people_repositories import LocalRuleRepository
from iro_desktop.store.uow import UnitOfWork

CALENDAR = WorkingDayCalendar()


def load_rules(uow: UnitOfWork) -> LocalRules:
    """Read the rules inside an open unit of work (missing keys take their defaults)."""
    return decode(LocalRuleRepository(uow.session).values())


class RulesService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def calendar(self) -> WorkingDayCalendar:
        return CALENDAR

    @requires(Action.VIEW)
    def get(self) -> LocalRules:
        with self.ctx.uow() as uow:
            return load_rules(uow)

    @requires(Action.EDIT_LOCAL_RULES)
    def save(self, rules: LocalRules) -> LocalRules:
        """Replace the local rules; nothing is stored when any value is out of range. Audited by the keys
        that changed (names of settings only: the council's own words stay out of the trail)."""
        raise_if(rules.problems())
        with self.ctx.uow() as uow:
            repository = LocalRuleRepository(uow.session)
            before = encode(decode(repository.values()))  # as in force (defaults for keys not stored)
            values = encode(rules)
            changed = sorted(k for k, v in values.items() if before.get(k) != v)
            repository.put(values)
            if changed:
                append_event(
                    uow.session,
                    self.ctx.session.actor_name,
                    AuditAction.CHANGED,
                    "local_rules",
                    "local_rules",
                    None,
                    {"changed": changed},
                )
            uow.commit()
            return load_rules(uow)


def record_letters_from(ctx: ServiceContext, day: date) -> None:
    """Keep `day` as the day the store gained decision letters (domain/letters.py), unless one is kept
    already: migration 0014 writes it on upgrade; the demo writes the day after its older conferences,
    which were held before the app recorded letters. Audited by the key and the date."""
    with ctx.uow() as uow:
        repository = LocalRuleRepository(uow.session)
        if LETTERS_FROM_KEY in repository.values():
            return
        repository.put({LETTERS_FROM_KEY: json.dumps(day.isoformat())})
        append_event(
            uow.session,
            ctx.session.actor_name,
            AuditAction.CREATED,
            "local_rules",
            LETTERS_FROM_KEY,
            None,
            {"letters_from": day.isoformat()},
        )
        uow.commit()
