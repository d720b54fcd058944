"""Local rules: council-wide settings kept in the database so every service reads the same ones."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import date

from iro_desktop.domain.alerts import DEFAULT_RESPONSE_DAYS, RESPONSE_DAYS_KEY, resolve_response_days
from iro_desktop.domain.clocks import ClockRules
from iro_desktop.domain.conference import DEFAULT_STOOD_DOWN_REASONS, Reason
from iro_desktop.domain.errors import Problem
from iro_desktop.domain.letters import LETTERS_FROM_KEY
from iro_desktop.domain.people import AgencyKind
from iro_desktop.domain.quoracy import QuoracyRule


@dataclass(frozen=True)
class DisclosureRules:
    """The check before a family member's copy leaves (issue 18): the council's own words to look for,
    and whether a second person signs off each checked copy."""

    words: tuple[str, ...] = ()
    second_sign_off: bool = False

    def problems(self) -> list[Problem]:
        if any(not w.strip() or len(w) > 80 for w in self.words):
            return [Problem("disclosure.words", "Each word or phrase needs at most 80 characters.")]
        return []


@dataclass(frozen=True)
class LocalRules:
    clocks: ClockRules = field(default_factory=ClockRules)
    quoracy: QuoracyRule = field(default_factory=QuoracyRule)
    stood_down_reasons: tuple[Reason, ...] = DEFAULT_STOOD_DOWN_REASONS
    # Issue 19: a conference chaired otherwise than independently asks for a reason.
    independent_chair_required: bool = False
    alert_response_days: int = DEFAULT_RESPONSE_DAYS  # issue 19: working days each alert stage has
    disclosure: DisclosureRules = field(default_factory=DisclosureRules)
    # The day the store gained decision letters (domain/letters.py): earlier conferences owe none here.
    # A fact about the store, written once (migration 0014, the demo); `encode` never writes it back.
    letters_from: date | None = None

    def problems(self) -> list[Problem]:
        out = [Problem(f"clocks.{name}", message) for name, message in self.clocks.problems()]
        out += [Problem(f"quoracy.{p.field}", p.message) for p in self.quoracy.problems()]
        codes = [r.code for r in self.stood_down_reasons]
        if not self.stood_down_reasons:
            out.append(Problem("stood_down_reasons", "Keep at least one stood-down reason."))
        if len(set(codes)) != len(codes):
            out.append(Problem("stood_down_reasons", "Each reason must be different."))
        if any(not r.label.strip() or len(r.label) > 120 for r in self.stood_down_reasons):
            out.append(Problem("stood_down_reasons", "Each reason needs a label of at most 120 characters."))
        if not 1 <= self.alert_response_days <= 30:
            out.append(Problem("alert_response_days", "Use between 1 and 30 working days."))
        out += self.disclosure.problems()
        return out

    def reason_label(self, code: str) -> str:
        return next((r.label for r in self.stood_down_reasons if r.code == code), code)


# Key/value encoding: one row per key, JSON values. Unknown or damaged values fall back to defaults.


def encode(rules: LocalRules) -> dict[str, str]:
    out = {f"clocks.{k}": json.dumps(v) for k, v in asdict(rules.clocks).items()}
    out["quoracy.required_kinds"] = json.dumps([k.value for k in rules.quoracy.required_kinds])
    out["quoracy.min_other_agencies"] = json.dumps(rules.quoracy.min_other_agencies)
    out["stood_down_reasons"] = json.dumps([[r.code, r.label] for r in rules.stood_down_reasons])
    out["chair.independent_required"] = json.dumps(rules.independent_chair_required)
    out[RESPONSE_DAYS_KEY] = json.dumps(rules.alert_response_days)
    out["disclosure.words"] = json.dumps(list(rules.disclosure.words))
    out["disclosure.second_sign_off"] = json.dumps(rules.disclosure.second_sign_off)
    return out


def decode(values: dict[str, str]) -> LocalRules:
    def load(key: str, default: object) -> object:
        try:
            return json.loads(values[key]) if key in values else default
        except (TypeError, ValueError):
            return default

    base = ClockRules()
    clock_values: dict[str, int] = {}
    for f in fields(ClockRules):
        value = load(f"clocks.{f.name}", getattr(base, f.name))
        clock_values[f.name] = value if isinstance(value, int) else getattr(base, f.name)
    kinds_raw = load("quoracy.required_kinds", [k.value for k in QuoracyRule().required_kinds])
    kinds = (
        tuple(AgencyKind(k) for k in kinds_raw if k in AgencyKind.__members__.values())
        if isinstance(kinds_raw, list)
        else QuoracyRule().required_kinds
    )
    minimum = load("quoracy.min_other_agencies", QuoracyRule().min_other_agencies)
    reasons_raw = load("stood_down_reasons", None)
    reasons = DEFAULT_STOOD_DOWN_REASONS
    if isinstance(reasons_raw, list) and reasons_raw:
        reasons = tuple(Reason(str(c), str(label)) for c, label in reasons_raw)
    letters_from = load(LETTERS_FROM_KEY, None)
    words = load("disclosure.words", [])
    sign_off = load("disclosure.second_sign_off", False)
    return LocalRules(
        clocks=ClockRules(**clock_values),
        quoracy=QuoracyRule(kinds, minimum if isinstance(minimum, int) else 2),
        stood_down_reasons=reasons,
        independent_chair_required=load("chair.independent_required", False) is True,
        alert_response_days=resolve_response_days(values),
        disclosure=DisclosureRules(
            tuple(str(w) for w in words) if isinstance(words, list) else (),
            sign_off if isinstance(sign_off, bool) else False,
        ),
        letters_from=_day(letters_from),
    )


def _day(value: object) -> date | None:
    """An ISO date kept as JSON, or None when absent or damaged."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def reason_code(label: str) -> str:
    """A stable code for a new reason typed by the council."""
    code = "".join(ch if ch.isalnum() else "_" for ch in label.strip().lower())
    while "__" in code:
        code = code.replace("__", "_")
    return code.strip("_")[:40] or "reason"
