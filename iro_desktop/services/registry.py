"""All services, built once by the composition root and handed to the UI."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from iro_desktop.services.accounts import AccountService
from iro_desktop.services.alerts import AlertService  # issue 19
from iro_desktop.services.attendance import AttendanceService
from iro_desktop.services.audit import AuditService
from iro_desktop.services.census import CensusService  # issue 17: the census's child protection rules
from iro_desktop.services.clocks import ClockService
from iro_desktop.services.conferences import ConferenceService
from iro_desktop.services.content_audience import ContentAudienceService  # issue 18
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.corrections import CorrectionService  # issue 18: corrections after the record
from iro_desktop.services.decisions import DecisionService  # issue 5
from iro_desktop.services.distribution import DistributionService  # issue 18: a copy for each reader
from iro_desktop.services.documents import DocumentService  # issue 6: the PDFs from the store
from iro_desktop.services.drafts import DraftService
from iro_desktop.services.families import FamilyService
from iro_desktop.services.feedback import FeedbackService  # issue 19
from iro_desktop.services.fgdm import FgdmService  # issue 19
from iro_desktop.services.history_import import HistoryImportService  # issue 8
from iro_desktop.services.leads import LeadsService
from iro_desktop.services.letters import DecisionLetterService  # issue 18: the decision letter
from iro_desktop.services.mapping import MappingService  # issue 4
from iro_desktop.services.meeting_links import MeetingLinksService
from iro_desktop.services.people import PeopleService
from iro_desktop.services.plans import PlanService  # issue 5
from iro_desktop.services.policy import PolicyService  # issue 5
from iro_desktop.services.quality_report import QualityReportService  # issue 19
from iro_desktop.services.quoracy import QuoracyService
from iro_desktop.services.records import RecordService
from iro_desktop.services.report_facts import ReportService  # issue 8: the annual report
from iro_desktop.services.rules import RulesService
from iro_desktop.services.subject_access import SubjectAccessService  # issue 18: subject access

if TYPE_CHECKING:
    from iro_desktop.services.outage import OutageService


@dataclass(frozen=True)
class Services:
    ctx: ServiceContext
    families: FamilyService
    conferences: ConferenceService
    accounts: AccountService
    audit: AuditService
    records: RecordService
    # Issue 3: people, attendance, quoracy, clocks, local rules.
    people: PeopleService
    attendance: AttendanceService
    quoracy: QuoracyService
    leads: LeadsService  # issue 19: who chairs, who leads
    clocks: ClockService
    rules: RulesService
    mapping: MappingService  # issue 4
    # issue 5: decisions, plan, local policy
    decisions: DecisionService
    plans: PlanService
    policy: PolicyService
    meeting: MeetingLinksService
    drafts: DraftService  # words typed in the meeting, not yet recorded
    documents: DocumentService  # issue 6
    history_import: HistoryImportService  # issue 8
    reports: ReportService  # issue 8
    census: CensusService  # issue 17
    letters: DecisionLetterService  # issue 18
    corrections: CorrectionService  # issue 18
    subject_access: SubjectAccessService  # issue 18
    distribution: DistributionService  # issue 18: a copy for each reader, the check before release
    # Issue 16 item 4: the outage journal of the account signed in to a team server (None otherwise). Not
    # a service of its own (its calls are the other services'), so not a field: set by `with_outage`.
    outage: ClassVar[OutageService | None] = None
    fgdm: FgdmService  # issue 19
    alerts: AlertService  # issue 19
    feedback: FeedbackService  # issue 19
    quality_report: QualityReportService  # issue 19
    audiences: ContentAudienceService  # issue 18: who may read each kind of content

    @classmethod
    def build(cls, ctx: ServiceContext) -> Services:
        return cls(
            ctx=ctx,
            families=FamilyService(ctx),
            conferences=ConferenceService(ctx),
            accounts=AccountService(ctx),
            audit=AuditService(ctx),
            records=RecordService(ctx),
            people=PeopleService(ctx),
            attendance=AttendanceService(ctx),
            quoracy=QuoracyService(ctx),
            leads=LeadsService(ctx),
            clocks=ClockService(ctx),
            rules=RulesService(ctx),
            mapping=MappingService(ctx),  # issue 4
            # issue 5
            decisions=DecisionService(ctx),
            plans=PlanService(ctx),
            policy=PolicyService(ctx),
            meeting=MeetingLinksService(ctx),
            drafts=DraftService(ctx),
            documents=DocumentService(ctx),  # issue 6
            history_import=HistoryImportService(ctx),  # issue 8
            reports=ReportService(ctx),  # issue 8
            census=CensusService(ctx),  # issue 17
            letters=DecisionLetterService(ctx),  # issue 18
            corrections=CorrectionService(ctx),  # issue 18
            subject_access=SubjectAccessService(ctx),  # issue 18
            fgdm=FgdmService(ctx),  # issue 19
            alerts=AlertService(ctx),  # issue 19
            feedback=FeedbackService(ctx),  # issue 19
            quality_report=QualityReportService(ctx),  # issue 19
            audiences=ContentAudienceService(ctx),  # issue 18
            distribution=DistributionService(ctx),  # issue 18
        )

    def with_outage(self, outage: OutageService) -> Services:
        """These services with the signed-in account's outage journal (services.outage)."""
        joined = replace(self)
        object.__setattr__(joined, "outage", outage)  # frozen: set once, on the new copy
        return joined
