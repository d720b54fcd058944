"""The subject-access bundle for one named person (issue 18): what the store holds that they may see,
conference by conference, then every item withheld with the reason recorded for it (never its words)."""

from __future__ import annotations

from itertools import groupby

from reportlab.platypus import Flowable, Spacer

from iro_desktop.export.letters import SubjectAccessBundle
from iro_desktop.export.pdf.page import PageFrame
from iro_desktop.export.pdf.parts import data_table, fixed, key_values, para, produced_text
from iro_desktop.export.pdf.styles import StyleSet, standard_styles

TITLE = "Subject access"


def frame(bundle: SubjectAccessBundle) -> PageFrame:
    title = f"{TITLE} - made for the council's subject-access team: {bundle.person_name}"
    return PageFrame(
        title, bundle.family_reference, True, standard_styles(), produced_text(bundle.generated_at)
    )


def _held(bundle: SubjectAccessBundle, s: StyleSet) -> list[Flowable]:
    if not bundle.held:
        return [fixed("The store holds nothing this person may see.", s.note)]
    out: list[Flowable] = []
    for conference, items in groupby(bundle.held, key=lambda h: h.conference):
        out.append(para(conference, s.h3))
        rows = [[h.kind, h.where, h.text] for h in items]
        out.append(data_table(("Kind", "Where", "What is held"), rows, (0.16, 0.26, 0.58), s))
    return out


def _withheld(bundle: SubjectAccessBundle, s: StyleSet) -> list[Flowable]:
    if not bundle.withheld:
        return [fixed("Nothing is withheld.", s.note)]
    rows = [[w.conference, w.kind, w.where, w.reference, w.reason] for w in bundle.withheld]
    return [
        fixed(
            "Each item is listed by where it is and the reason recorded for holding it back; its words "
            "are not printed here.",
            s.body,
        ),
        data_table(
            ("Conference", "Kind", "Where", "Reference", "Reason recorded"),
            rows,
            (0.22, 0.13, 0.2, 0.15, 0.3),
            s,
        ),
    ]


def story(bundle: SubjectAccessBundle) -> list[Flowable]:
    s = standard_styles()
    pairs = [
        ("Person", f"{bundle.person_name} ({bundle.person_role})"),
        ("Family", f"{bundle.family_name} ({bundle.family_reference})"),
        ("Produced by", bundle.generated_by),
        ("Items disclosed", str(len(bundle.held))),
        ("Items withheld", str(len(bundle.withheld))),
    ]
    return [
        fixed(TITLE, s.title),
        para(bundle.person_name, s.subtitle),
        key_values(pairs, s),
        Spacer(1, 6),
        fixed("What the store holds that this person may see", s.h2),
        *_held(bundle, s),
        fixed("Withheld", s.h2),
        *_withheld(bundle, s),
    ]
