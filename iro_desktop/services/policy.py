"""Local policy kept with the records (shared by everyone using this store): whether "multiple"
category is allowed, and the list of significant factors."""

from __future__ import annotations

from iro_desktop.domain.errors import raise_if
from iro_desktop.domain.roles import Action
from iro_desktop.domain.significant_factors import (
    DEFAULT_FACTORS,
    Factor,
    format_factor_list,
    parse_factor_list,
    validate_factor_list,
)
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.store.policy_repository import PolicyRepository
from iro_desktop.store.session import Session

ALLOW_MULTIPLE = "allow_multiple_category"
SIGNIFICANT_FACTORS = "significant_factors"


def allow_multiple_in(session: Session) -> bool:
    return PolicyRepository(session).value(ALLOW_MULTIPLE) == "true"


def factors_in(session: Session) -> tuple[Factor, ...]:
    stored = PolicyRepository(session).value(SIGNIFICANT_FACTORS)
    return parse_factor_list(stored) if stored else DEFAULT_FACTORS


class PolicyService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.VIEW)
    def allow_multiple(self) -> bool:
        """Whether local policy allows the "multiple" category (default: no, one primary category)."""
        with self.ctx.uow() as uow:
            return allow_multiple_in(uow.session)

    @requires(Action.EDIT_POLICY)
    def set_allow_multiple(self, allowed: bool) -> bool:
        with self.ctx.uow() as uow:
            PolicyRepository(uow.session).put(ALLOW_MULTIPLE, "true" if allowed else "false")
            uow.commit()
            return allowed

    @requires(Action.VIEW)
    def significant_factors(self) -> tuple[Factor, ...]:
        with self.ctx.uow() as uow:
            return factors_in(uow.session)

    @requires(Action.EDIT_POLICY)
    def set_significant_factors(self, factors: list[Factor]) -> tuple[Factor, ...]:
        cleaned = [Factor(f.code.strip(), f.label.strip() or f.code.strip()) for f in factors]
        raise_if(validate_factor_list(cleaned))
        with self.ctx.uow() as uow:
            PolicyRepository(uow.session).put(SIGNIFICANT_FACTORS, format_factor_list(cleaned))
            uow.commit()
            return tuple(cleaned)
