"""Local rules: council-wide clock settings, quoracy rule and stood-down reasons, kept in the store."""

from __future__ import annotations

from iro_desktop.domain.calendar import WorkingDayCalendar
from iro_desktop.domain.errors import raise_if
from iro_desktop.domain.local_rules import LocalRules, decode, encode
from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
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
        """Replace the local rules; nothing is stored when any value is out of range."""
        raise_if(rules.problems())
        with self.ctx.uow() as uow:
            LocalRuleRepository(uow.session).put(encode(rules))
            uow.commit()
            return load_rules(uow)
