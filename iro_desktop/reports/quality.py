"""Issue 19 figures: family group decision-making offers and outcomes, alerts by stage and how fast
they were resolved, RAG ratings, and the feedback questionnaires. Pure functions of `QualityFacts`."""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import median

from iro_desktop.domain.alerts import Alert, Rag, RagRating
from iro_desktop.domain.calendar import WorkingDayCalendar
from iro_desktop.domain.feedback import QUESTIONS, Answer, FeedbackForm, Questionnaire
from iro_desktop.domain.fgdm import Fgdm
from iro_desktop.reports.figure import FAMILIES, Figure, rows_from, share
from iro_desktop.reports.periods import Period

ALERTS = "alerts"
RATINGS = "ratings"
FORMS = "forms"
NOT_ANSWERED = "Not answered"


@dataclass(frozen=True)
class QualityFacts:
    fgdm: tuple[Fgdm, ...] = ()
    alerts: tuple[Alert, ...] = ()
    ratings: tuple[RagRating, ...] = ()
    feedback: tuple[FeedbackForm, ...] = ()


def fgdm_offers(facts: QualityFacts, period: Period) -> Figure:
    offered = [f for f in facts.fgdm if period.contains(f.offered_on)]
    groups: dict[str, list[str]] = {}
    labels = {
        "held": "Held",
        "accepted": "Accepted, not yet held",
        "declined": "Declined",
        "offered": "No answer",
    }
    for f in offered:
        groups.setdefault(labels[f.outcome], []).append(f.family_id)
    accepted = [f.family_id for f in offered if f.outcome in ("held", "accepted")]
    return Figure(
        "fgdm_offers",
        "Family group decision-making: offers accepted",
        "Families offered a family group decision-making meeting in the period (offer date in the "
        "period). Numerator: those offers accepted (the meeting held or still to be held). Rows: each "
        "offer's outcome as the records stand.",
        FAMILIES,
        len(accepted),
        len(accepted),
        len(offered),
        share(len(accepted), len(offered)),
        rows_from(groups, len(offered), labels.values()),
    )


def fgdm_held_and_not_offered(facts: QualityFacts, period: Period) -> tuple[Figure, Figure]:
    held = [f.family_id for f in facts.fgdm if period.contains(f.held_on)]
    not_offered = [f.family_id for f in facts.fgdm if f.not_offered]
    return (
        Figure(
            "fgdm_held",
            "Family group decision-making meetings held",
            "Families whose family group decision-making meeting was held in the period (meeting date).",
            FAMILIES,
            len(held),
        ),
        Figure(
            "fgdm_not_offered",
            "Family group decision-making not offered: not in the child's best interests",
            "Families recorded as not offered a meeting because it is not in the child's best interests, "
            "as the records stand at the time of the report (the decision has no date of its own).",
            FAMILIES,
            len(not_offered),
        ),
    )


def alerts_by_stage(facts: QualityFacts, period: Period) -> Figure:
    """Each stage raised in the period counts once at its stage (an alert escalated twice counts 3)."""
    groups: dict[str, list[str]] = {}
    for alert in facts.alerts:
        for stage in alert.stages:
            if period.contains(stage.raised_on):
                groups.setdefault(f"Stage {stage.stage}", []).append(alert.id)
    raised = [a.id for a in facts.alerts if period.contains(a.raised_on)]
    total = sum(len(v) for v in groups.values())
    return Figure(
        "alerts_by_stage",
        "Alerts raised, by stage",
        "Headline: alerts raised in the period (first raised in it). Rows: alert stages raised in the "
        "period (first raising or an escalation), by stage; an alert escalated in the period counts at "
        "each stage it reached.",
        ALERTS,
        len(raised),
        rows=rows_from(groups, total, ("Stage 1", "Stage 2", "Stage 3")),
    )


def alerts_resolved(
    facts: QualityFacts, period: Period, calendar: WorkingDayCalendar
) -> tuple[Figure, Figure]:
    resolved = [a for a in facts.alerts if period.contains(a.resolved_on)]
    in_time = [a.id for a in resolved if a.resolved_within_deadline()]
    days = [d for a in resolved if (d := a.days_to_resolve(calendar)) is not None]
    bands: dict[str, list[str]] = {
        "Up to 5 working days": [],
        "6 to 10": [],
        "11 to 20": [],
        "More than 20": [],
    }
    for alert in resolved:
        n = alert.days_to_resolve(calendar) or 0
        label = (
            "Up to 5 working days"
            if n <= 5
            else "6 to 10"
            if n <= 10
            else "11 to 20"
            if n <= 20
            else "More than 20"
        )
        bands[label].append(alert.id)
    middle = math.ceil(median(days)) if days else 0
    return (
        Figure(
            "alerts_resolved_in_deadline",
            "Alerts resolved within their deadline",
            "Denominator: alerts resolved in the period (outcome 'resolved' dated in the period). Numerator: "
            "those resolved on or before the response deadline of the stage they were resolved at (working "
            "days from that stage's raising, local rule, bank holidays excluded).",
            ALERTS,
            len(in_time),
            len(in_time),
            len(resolved),
            share(len(in_time), len(resolved)),
        ),
        Figure(
            "alerts_time_to_resolve",
            "Time to resolve an alert (median working days)",
            "Headline: the median number of working days (rounded up) from raising an alert to its "
            "resolution, over the alerts resolved in the period (0 when none). Rows: those alerts by "
            "working days taken.",
            ALERTS,
            middle,
            rows=rows_from(bands, len(resolved), bands.keys()),
        ),
    )


def rag_ratings(facts: QualityFacts, period: Period) -> Figure:
    rated = [r for r in facts.ratings if period.contains(r.rated_on)]
    groups: dict[str, list[str]] = {}
    for r in rated:
        groups.setdefault(r.rating.label, []).append(r.id)
    red = groups.get(Rag.RED.label, [])
    return Figure(
        "rag_ratings",
        "Plans rated red at their midway point",
        "Denominator: RAG ratings of plans made in the period (rating date). Numerator: ratings red. Rows: "
        "red, amber and green.",
        RATINGS,
        len(red),
        len(red),
        len(rated),
        share(len(red), len(rated)),
        rows_from(groups, len(rated), [r.label for r in Rag]),
    )


def feedback(facts: QualityFacts, period: Period) -> tuple[Figure, ...]:
    forms = [f for f in facts.feedback if period.contains(f.conference_date)]
    out: list[Figure] = []
    groups = {q.label: [f.id for f in forms if f.questionnaire is q] for q in Questionnaire}
    out.append(
        Figure(
            "feedback_forms",
            "Feedback forms returned",
            "Forms filled in after conferences held in the period (conference date), on the chair's laptop "
            "or typed in from paper; anonymous. Rows: by questionnaire.",
            FORMS,
            len(forms),
            rows=rows_from(groups, len(forms), groups.keys()),
        )
    )
    for questionnaire in Questionnaire:
        mine = [f for f in forms if f.questionnaire is questionnaire]
        for question in QUESTIONS[questionnaire]:
            answers: dict[str, list[str]] = {}
            for f in mine:
                answer = f.answers.get(question.code)
                answers.setdefault(answer.label if answer else NOT_ANSWERED, []).append(f.id)
            yes = answers.get(Answer.YES.label, [])
            out.append(
                Figure(
                    f"feedback_{questionnaire.value}_{question.code}",
                    f"{questionnaire.label}: “{question.text}”",
                    f"Denominator: {questionnaire.label.lower()} forms for conferences held in the period. "
                    "Numerator: forms answering yes. Rows: yes, partly, no, not answered.",
                    FORMS,
                    len(yes),
                    len(yes),
                    len(mine),
                    share(len(yes), len(mine)),
                    rows_from(answers, len(mine), [a.label for a in Answer] + [NOT_ANSWERED]),
                )
            )
    return tuple(out)


def quality_figures(facts: QualityFacts, period: Period, calendar: WorkingDayCalendar) -> tuple[Figure, ...]:
    """Every issue 19 figure for the period, in report order."""
    return (
        fgdm_offers(facts, period),
        *fgdm_held_and_not_offered(facts, period),
        alerts_by_stage(facts, period),
        *alerts_resolved(facts, period, calendar),
        rag_ratings(facts, period),
        *feedback(facts, period),
    )


def quality_keys() -> tuple[str, ...]:
    keys = [
        "fgdm_offers",
        "fgdm_held",
        "fgdm_not_offered",
        "alerts_by_stage",
        "alerts_resolved_in_deadline",
        "alerts_time_to_resolve",
        "rag_ratings",
        "feedback_forms",
    ]
    keys += [f"feedback_{q.value}_{x.code}" for q in Questionnaire for x in QUESTIONS[q]]
    return tuple(keys)
