"""A figure: one number (or share) with its definition, breakdown and the records behind it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

CHILDREN = "children"
CONFERENCES = "conferences"
PLANS = "plans"
FAMILIES = "families"
PEOPLE = "people"


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: a label, its count, its share of the figure's base, and the ids behind
    it (children, conferences or plans, as the figure's `unit` says)."""

    label: str
    count: int
    percentage: float | None = None
    ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A reported figure.

    `value` is the headline count. For a rate, `numerator`/`denominator` give it and `percentage` is
    numerator / denominator * 100 (None when the denominator is 0). `counts` names what the numerator
    counts when the title alone does not (a category mix's headline is one category of the plans, not
    all of them). `child_ids`, `conference_ids` and `plan_ids` are the records behind the headline, for
    drill-down. `not_recorded` counts the records the denominator leaves out because the fact was never
    recorded (imported history without the date): unknown, never a failure."""

    key: str
    title: str
    definition: str
    unit: str
    value: int
    numerator: int | None = None
    denominator: int | None = None
    percentage: float | None = None
    rows: tuple[Row, ...] = ()
    child_ids: tuple[str, ...] = ()
    conference_ids: tuple[str, ...] = ()
    plan_ids: tuple[str, ...] = ()
    counts: str = ""
    not_recorded: int = 0  # records left out of the denominator because the fact was never recorded

    def row(self, label: str) -> Row:
        for row in self.rows:
            if row.label == label:
                return row
        raise KeyError(label)


def headline_text(figure: Figure, count: str, of: str) -> str:
    """The headline as words: "12"; "5 of 6 (83.3%)"; with records whose fact was never recorded,
    "5 of 6 (83.3%); not recorded for 220"; with `counts`, "Plans open at the period end with category
    Multiple: 0 of 6 (0.0%)". `count` and `of` are the numerator and denominator as formatted."""
    missing = f"; not recorded for {figure.not_recorded:,}" if figure.not_recorded else ""
    if figure.denominator is None:
        return count + missing
    share_text = "no base" if figure.percentage is None else f"{figure.percentage:.1f}%"
    text = f"{count} of {of} ({share_text}){missing}"
    return f"{figure.counts}: {text}" if figure.counts else text


def share(numerator: int, denominator: int) -> float | None:
    """numerator / denominator as a percentage, rounded to one decimal place; None for 0 / 0."""
    if denominator == 0:
        return None
    return round(100.0 * numerator / denominator, 1)


def ids(values: Iterable[str]) -> tuple[str, ...]:
    """Distinct ids, sorted, so drill-down lists are stable."""
    return tuple(sorted(set(values)))


def rows_from(groups: dict[str, list[str]], base: int, order: Iterable[str] = ()) -> tuple[Row, ...]:
    """Breakdown rows from label -> ids (counted with repeats, as given), in `order` first then the
    rest alphabetically; labels in `order` with no ids still appear (count 0)."""
    ordered = list(order)
    labels = ordered + sorted(label for label in groups if label not in ordered)
    out = []
    for label in labels:
        members = groups.get(label, [])
        out.append(Row(label, len(members), share(len(members), base), ids(members)))
    return tuple(out)


def rate(
    key: str,
    title: str,
    definition: str,
    unit: str,
    hits: list[str],
    base: list[str],
    rows: tuple[Row, ...] = (),
    *,
    kind: str,
) -> Figure:
    """A figure whose headline is len(hits) out of len(base); ids go to the field for `kind`."""
    numerator, denominator = len(hits), len(base)
    fields: dict[str, tuple[str, ...]] = {"child_ids": (), "conference_ids": (), "plan_ids": ()}
    fields[kind] = ids(hits)
    return Figure(
        key,
        title,
        definition,
        unit,
        numerator,
        numerator,
        denominator,
        share(numerator, denominator),
        rows,
        child_ids=fields["child_ids"],
        conference_ids=fields["conference_ids"],
        plan_ids=fields["plan_ids"],
    )
