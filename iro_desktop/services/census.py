"""The census's child protection rules over the store: every problem with the child and conference
named (Tools -> Census check, `iro-desktop census check`), the problems of one record's children
(before it is made final), and the census's child protection module as rows."""

from __future__ import annotations

from dataclasses import dataclass

from iro_desktop.domain.roles import Action
from iro_desktop.reports.census import CensusCell, CensusProblem, census_problems, module_rows
from iro_desktop.reports.facts import ReportFacts
from iro_desktop.reports.periods import Period
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.services.report_facts import load_facts


@dataclass(frozen=True)
class CensusFinding:
    """A problem as a clerk reads it: the rule, the words, the child and family, what to open."""

    rule: str
    title: str
    message: str
    child_id: str
    child_name: str
    family_reference: str
    plan_id: str | None
    conference_id: str | None


class CensusService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _facts(self) -> tuple[ReportFacts, dict[str, str], dict[str, str]]:
        with self.ctx.uow() as uow:
            facts, names = load_facts(uow)
        family_of = {c.id: c.family_id for c in facts.children}
        references = {cid: names.family_references.get(fid, "") for cid, fid in family_of.items()}
        return facts, dict(names.child_names), references

    def _findings(
        self, problems: list[CensusProblem], names: dict[str, str], refs: dict[str, str]
    ) -> list[CensusFinding]:
        return [
            CensusFinding(
                p.rule,
                p.title,
                p.message,
                p.child_id,
                names.get(p.child_id, p.child_id),
                refs.get(p.child_id, ""),
                p.plan_id,
                p.conference_id,
            )
            for p in problems
        ]

    @requires(Action.VIEW)
    def check(self) -> list[CensusFinding]:
        """Every child protection census rule broken across the store."""
        facts, names, refs = self._facts()
        return self._findings(census_problems(facts), names, refs)

    @requires(Action.VIEW)
    def check_conference(self, conference_id: str) -> list[CensusFinding]:
        """The problems of the children at one conference (shown before its record is made final)."""
        facts, names, refs = self._facts()
        conference = next((c for c in facts.conferences if c.id == conference_id), None)
        wanted = set(conference.child_ids) if conference else set()
        return self._findings([p for p in census_problems(facts) if p.child_id in wanted], names, refs)

    @requires(Action.RUN_REPORTS)
    def module(self, period: Period) -> list[dict[str, CensusCell]]:
        """The census's child protection module for `period` (a census year: 1 April to 31 March)."""
        facts, _names, _refs = self._facts()
        return list(module_rows(facts, period))
