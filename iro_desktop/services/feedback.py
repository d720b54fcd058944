"""Feedback forms after the conference, kept anonymous: the questionnaire, the conference type and
date, the answers and a comment. Nothing links a form to a person or a conference."""

from __future__ import annotations

import json

from iro_desktop.domain.errors import raise_if
from iro_desktop.domain.feedback import FeedbackForm, validate_feedback
from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.store.models import FeedbackFormRow
from iro_desktop.store.quality_repository import QualityRepository, feedback_to_domain


class FeedbackService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.RECORD_FEEDBACK)
    def submit(self, form: FeedbackForm) -> FeedbackForm:
        raise_if(validate_feedback(form, self.ctx.today()))
        assert form.conference_date is not None
        with self.ctx.uow() as uow:
            row = FeedbackFormRow(
                questionnaire=form.questionnaire.value,
                conference_type=form.conference_type.value,
                conference_date=form.conference_date,
                answers=json.dumps({k: v.value for k, v in sorted(form.answers.items())}),
                comment=form.comment.strip(),
                source=form.source.value,
            )
            uow.session.add(row)
            uow.commit()
            return feedback_to_domain(row)

    @requires(Action.VIEW)
    def forms(self) -> list[FeedbackForm]:
        with self.ctx.uow() as uow:
            return [feedback_to_domain(r) for r in QualityRepository(uow.session).feedback()]
