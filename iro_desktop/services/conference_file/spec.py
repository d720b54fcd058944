"""The conference file's shape, as data: every part, every field, its type and limit.

One description drives the JSON Schema (`schema.build_schema`), the checks on import, the reading and
writing of the store and the field-by-field comparison of a hand-off. Field names are the store's column
names, so a part maps onto its table one to one. Pure: no store, no Qt.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from iro_desktop.domain.attendance import AdvocacyAnswer, Attendance, TookPart
from iro_desktop.domain.audience import AudienceKind, Reason
from iro_desktop.domain.categories import Category
from iro_desktop.domain.chairing import Answer, ChairRole, PractitionerKind
from iro_desktop.domain.conference import ClockStartKind, ConferenceStatus, ConferenceType
from iro_desktop.domain.decisions import Outcome
from iro_desktop.domain.family import Gender
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.people import TEAM_DISCIPLINES, AgencyKind, Role
from iro_desktop.domain.plan import ActionStatus
from iro_desktop.domain.record import RecordState, SectionKey, SendMethod

FORMAT = "iro-desktop-conference"
VERSION = 1

# Text limits: the store's column lengths, or the domain's limit for free text (Text columns).
LONG_TEXT = 4000  # map items, decisions, plan, dissent (the domain's MAX_TEXT)
NOTE_TEXT = 20_000  # free notes and reasons held in Text columns with no domain limit
SECTION_TEXT = 100_000  # a record section's discussion summary
SNAPSHOT_TEXT = 5_000_000  # a locked record version's content (JSON)


class Kind(enum.StrEnum):
    ID = "id"  # this row's own id (UUID string)
    TEXT = "text"
    DATE = "date"  # YYYY-MM-DD
    DATETIME = "datetime"  # YYYY-MM-DDTHH:MM:SS[.ffffff], UTC, no zone
    TIME = "time"  # HH:MM:SS
    BOOL = "bool"
    INT = "int"
    ENUM = "enum"
    REF = "ref"  # the id of a row elsewhere in the file
    EXTERNAL = "external"  # the id of a row that may not be in the file (another conference)
    CODES = "codes"  # a list of short codes


class OnDelete(enum.StrEnum):
    """What happens to a reference when its target goes (as the store's foreign keys do)."""

    NULL = "null"
    CASCADE = "cascade"


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    nullable: bool = False
    max_length: int | None = None
    values: tuple[str, ...] = ()
    ref: str = ""  # part name a REF points into
    on_delete: OnDelete = OnDelete.CASCADE
    minimum: int | None = None
    maximum: int | None = None
    label: str = ""
    # A field added after version 1 was first written: a file without it reads it as `default`
    # (`with_defaults`), so an older hand-off still imports and its revision still matches.
    optional: bool = False
    default: object = None

    @property
    def title(self) -> str:
        return self.label or self.name.replace("_", " ")


@dataclass(frozen=True)
class Part:
    """A part of the conference: a single object (`single`) or a list of rows each with an `id`."""

    name: str
    fields: tuple[Field, ...]
    single: bool = False
    nullable: bool = False
    order: tuple[str, ...] = ("id",)
    title: str = ""
    description: str = ""
    label_field: str = ""  # shown to people to say which row a conflict is about
    deletable: bool = True  # a hand-off may remove rows of this part
    area: str = ""  # what permission a change here needs (domain.roles.Action value)
    has_id: bool = True
    extra: dict[str, str] = field(default_factory=dict)
    # A part added after version 1 was first written: a file without it reads it as no rows
    # (`with_defaults`), and its revision is worked out without it (`document.normalise`).
    optional: bool = False

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def _values(e: type[enum.StrEnum]) -> tuple[str, ...]:
    return tuple(m.value for m in e)


def _id() -> Field:
    return Field("id", Kind.ID)


def _text(name: str, limit: int, label: str = "") -> Field:
    return Field(name, Kind.TEXT, max_length=limit, label=label)


def _date(name: str, nullable: bool = True, label: str = "") -> Field:
    return Field(name, Kind.DATE, nullable=nullable, label=label)


def _enum(name: str, e: type[enum.StrEnum], nullable: bool = False) -> Field:
    return Field(name, Kind.ENUM, nullable=nullable, values=_values(e))


def _bool(name: str) -> Field:
    return Field(name, Kind.BOOL)


def _order() -> Field:
    return Field("sort_order", Kind.INT, minimum=0, maximum=1_000_000)


def _ref(name: str, target: str, nullable: bool = False, on_delete: OnDelete = OnDelete.CASCADE) -> Field:
    return Field(name, Kind.REF, nullable=nullable, ref=target, on_delete=on_delete)


def _external(name: str) -> Field:
    return Field(name, Kind.EXTERNAL, nullable=True)


def _audience() -> tuple[Field, ...]:
    """Who may read a row's content (issue 18, domain/audience.py): four fields a file written before
    them lacks (read as everyone)."""
    return (
        Field(
            "audience_kind",
            Kind.ENUM,
            values=_values(AudienceKind),
            optional=True,
            default=AudienceKind.EVERYONE.value,
        ),
        Field("audience_excluded", Kind.CODES, max_length=36, optional=True, default=()),
        Field("audience_reason", Kind.ENUM, values=("", *_values(Reason)), optional=True, default=""),
        Field("audience_reason_words", Kind.TEXT, max_length=200, optional=True, default=""),
    )


# Parts whose rows carry an audience (issue 18).
AUDIENCE_PARTS = ("invitations", "map_items", "decisions", "dissents", "plan_actions", "record_sections")


PARTS: tuple[Part, ...] = (
    Part(
        "details",
        (
            _id(),
            _enum("conference_type", ConferenceType),
            _date("clock_start"),
            _enum("clock_start_kind", ClockStartKind, nullable=True),
            _date("scheduled_date", nullable=False),
            Field("start_time", Kind.TIME, nullable=True),
            _text("venue", 200),
            _enum("status", ConferenceStatus),
            _text("chair_name", 120),
            _text("clerk_name", 120),
            _text("interpreter_language", 60),
            _external("previous_conference_id"),
            _date("held_on"),
            _text("lateness_reason", NOTE_TEXT),
            _text("stood_down_reason", 40),
            _text("status_note", NOTE_TEXT),
            _external("rearranged_to_id"),
            _date("report_to_parents_on"),
            _date("report_to_chair_on"),
            _text("quoracy_override_reason", NOTE_TEXT),
            _date("core_group_on"),
            _date("record_distributed_on"),
            # issue 19: who chaired, in which role, the statement of independence; older files: an
            # independent chair with the statement not stated
            Field("chair_role", Kind.ENUM, values=_values(ChairRole), optional=True, default="independent"),
            Field("chair_took_part_in_enquiry", Kind.ENUM, values=_values(Answer), optional=True, default=""),
            Field("chair_held_case", Kind.ENUM, values=_values(Answer), optional=True, default=""),
            Field("chair_reason", Kind.TEXT, max_length=NOTE_TEXT, optional=True, default=""),
        ),
        single=True,
        title="Conference details",
        description="The conference itself: type, dates, venue, chair and clerk, status and its reasons.",
        deletable=False,
        area="book_conference",
    ),
    Part(
        "family",
        (_id(), _text("reference", 40), _text("name", 120)),
        single=True,
        title="Family",
        description="The family: its reference (case number) and name.",
        deletable=False,
        area="edit_register",
    ),
    Part(
        "children",
        (
            _id(),
            _text("given_name", 120),
            _text("family_name", 120),
            _date("date_of_birth"),
            _date("expected_date"),
            _bool("unborn"),
            _enum("gender", Gender),
            _text("ethnicity_code", 8),
            _bool("disability"),
            _text("case_number", 40),
            _order(),
            # issue 19: ten digits or empty (the mother's while the child is unborn); older files: empty
            Field("nhs_number", Kind.TEXT, max_length=10, label="NHS number", optional=True, default=""),
        ),
        order=("sort_order", "id"),
        title="Children",
        description="The family's children (an unborn child has an expected date instead of a birth date).",
        label_field="given_name",
        deletable=False,
        area="edit_register",
    ),
    Part(
        "agencies",
        (_id(), _text("name", 120), _enum("kind", AgencyKind)),
        order=("name", "id"),
        title="Agencies",
        description="Every agency a person in the file works for. Names are unique in a store: on import an "
        "agency whose name is already there is the same agency.",
        label_field="name",
        deletable=False,
        area="edit_register",
    ),
    Part(
        "people",
        (
            _id(),
            _text("name", 120),
            _enum("role", Role),
            _ref("agency_id", "agencies", nullable=True, on_delete=OnDelete.NULL),
            _ref("family_id", "family", nullable=True),
            _text("contact", 200),
            _bool("parental_responsibility"),
            # issue 19: a member of a multi-agency child protection team: their discipline
            Field(
                "team_discipline",
                Kind.ENUM,
                values=("", *(k.value for k in TEAM_DISCIPLINES)),
                optional=True,
                default="",
            ),
        ),
        order=("name", "id"),
        title="People",
        description="Family members (family_id is the family's id), the professionals invited and those who "
        "lead for a child.",
        label_field="name",
        deletable=False,
        area="edit_register",
    ),
    Part(
        "child_practitioners",
        (_id(), _ref("child_id", "children"), _enum("kind", PractitionerKind), _ref("person_id", "people")),
        order=("child_id", "kind", "id"),
        title="Who leads for each child",
        description="Issue 19: each child's Lead Practitioner and, where used, Family Help Lead Practitioner "
        "(one of each at most; a professional among the people). Older files leave the part out.",
        label_field="kind",
        area="edit_family",
        optional=True,
    ),
    Part(
        "invitations",
        (
            _id(),
            _ref("person_id", "people"),
            _date("invited_on"),
            _enum("attendance", Attendance),
            _text("exclusion_reason", NOTE_TEXT),
            _date("report_received_on"),
            # issue 19: how they took part and when (UTC), the interpreter, whom a supporter supports;
            # older files: none of these recorded
            Field("took_part", Kind.ENUM, values=_values(TookPart), optional=True, default=""),
            Field("joined_at", Kind.DATETIME, nullable=True, optional=True, default=None),
            Field("left_at", Kind.DATETIME, nullable=True, optional=True, default=None),
            Field("interpreter_language", Kind.TEXT, max_length=60, optional=True, default=""),
            Field("interpreter_not_family", Kind.BOOL, optional=True, default=False),
            Field(
                "supports_person_id",
                Kind.REF,
                nullable=True,
                ref="people",
                on_delete=OnDelete.NULL,
                optional=True,
                default=None,
            ),
            *_audience(),  # who may read the attendance note (issue 18)
        ),
        order=("person_id", "id"),
        title="Invitations and attendance",
        description="Who was invited, when, whether they attended, and when their report arrived.",
        area="book_conference",
    ),
    Part(
        "advocacy",
        (_id(), _ref("child_id", "children"), _enum("answer", AdvocacyAnswer), _text("note", NOTE_TEXT)),
        order=("child_id", "id"),
        title="Advocacy",
        description="For each child offered advocacy: the answer and a note.",
        area="book_conference",
    ),
    Part(
        "map_items",
        (
            _id(),
            _enum("section", Section),
            _text("text", LONG_TEXT),
            _order(),
            _ref("child_id", "children", nullable=True, on_delete=OnDelete.NULL),
            _text("source", 120),
            _bool("carried_forward"),
            _external("carried_from_id"),
            _ref("goal_id", "map_items", nullable=True, on_delete=OnDelete.NULL),
            # issue 18: who may read the item (domain/audience.py); files from before it: everyone
            *_audience(),
        ),
        order=("section", "sort_order", "id"),
        title="Signs of Safety map",
        description="Every item on the map, by section; a danger statement's goal_id is the safety goal it "
        "pairs with.",
        label_field="text",
        area="edit_map",
    ),
    Part(
        "scale_scores",
        (
            _id(),
            _ref("danger_id", "map_items", nullable=True),
            _text("participant", 80),
            Field("score", Kind.INT, minimum=0, maximum=10),
            _text("reason", 500),
        ),
        order=("danger_id", "participant", "id"),
        title="Scaling",
        description="0-10 scores per participant, for a danger statement or (danger_id null) overall safety.",
        label_field="participant",
        area="edit_map",
    ),
    Part(
        "decisions",
        (
            _id(),
            _ref("child_id", "children"),
            _enum("outcome", Outcome),
            _enum("category", Category, nullable=True),
            _text("multiple_reason", 2000),
            _date("cin_meeting_date"),
            _text("rationale", LONG_TEXT),
            _text("decided_by", 120),
            Field("decided_at", Kind.DATETIME),
            Field("factors", Kind.CODES, max_length=40),
            *_audience(),  # who may read the reasons (issue 18)
        ),
        order=("child_id", "id"),
        title="Decisions",
        description="The decision for each child: outcome, category of harm, significant factors (codes).",
        area="record_decision",
    ),
    Part(
        "dissents",
        (
            _id(),
            _ref("child_id", "children"),
            _text("name", 120),
            _text("agency", 120),
            _text("view", LONG_TEXT),
            _text("reason", LONG_TEXT),
            _text("chair_response", LONG_TEXT),
            _order(),
            *_audience(),  # issue 18
        ),
        order=("child_id", "sort_order", "id"),
        title="Dissent",
        description="Who disagreed with a child's decision, their view and reason, and the chair's response.",
        label_field="name",
        area="record_decision",
    ),
    Part(
        "plan",
        (
            _text("bottom_lines", LONG_TEXT),
            _text("contingency", LONG_TEXT),
            _date("core_group_date"),
            _date("next_review_date"),
            _text("next_review_reason", NOTE_TEXT),
        ),
        single=True,
        nullable=True,
        has_id=False,
        title="Plan",
        description="The child protection plan's bottom lines, contingency and dates (null: none yet).",
        area="edit_plan",
    ),
    Part(
        "plan_actions",
        (
            _id(),
            _order(),
            _text("what", LONG_TEXT),
            _text("who_person", 120),
            _text("who_agency", 120),
            _date("by_when"),
            _text("done_when", LONG_TEXT),
            _text("safety_goal_id", 36),
            _enum("status", ActionStatus),
            *_audience(),  # issue 18
        ),
        order=("sort_order", "id"),
        title="Plan actions",
        description="What needs to happen, who does it, by when, and how everyone will know it is done.",
        label_field="what",
        area="edit_plan",
    ),
    Part(
        "plan_history",
        (
            _id(),
            _ref("child_id", "children"),
            _date("started_on", nullable=False),
            _date("ended_on"),
            _text("category", 16),
            _text("end_reason", 40),
        ),
        order=("child_id", "started_on", "id"),
        title="Plan history",
        description="Each child's plan periods: start, end, category and why it ended.",
        label_field="started_on",
        area="record_decision",
    ),
    Part(
        "plan_history_links",
        (
            Field("id", Kind.REF, ref="plan_history"),
            _external("started_conference_id"),
            _external("ended_conference_id"),
            _external("recategorised_conference_id"),
            _text("category_before", 8),
        ),
        title="Plan history links",
        description="Which conference started, ended or re-categorised a plan period (id: the period's id).",
        area="record_decision",
    ),
    Part(
        "record",
        (
            _id(),
            _enum("state", RecordState),
            _text("approved_by", 120),
            Field("approved_at", Kind.DATETIME, nullable=True),
        ),
        single=True,
        nullable=True,
        title="Record",
        description="The conference record's state and approval (null: no record started yet).",
        area="edit_minutes",
    ),
    Part(
        "record_sections",
        (
            _id(),
            _enum("key", SectionKey),
            _text("agency", 120),
            _text("text", SECTION_TEXT),
            _order(),
            *_audience(),  # issue 18
        ),
        order=("sort_order", "id"),
        title="Record sections",
        description="The discussion summary, section by section (and per agency).",
        label_field="key",
        area="edit_minutes",
    ),
    Part(
        "recipients",
        (
            _id(),
            _text("name", 120),
            _text("role", 120),
            _enum("method", SendMethod),
            _date("sent_on"),
            _order(),
        ),
        order=("sort_order", "id"),
        title="Distribution",
        description="Who the record goes to, how, and when it was sent.",
        label_field="name",
        area="edit_distribution",
    ),
    Part(
        "record_versions",
        (
            _id(),
            Field("number", Kind.INT, minimum=1, maximum=100_000),
            Field("created_at", Kind.DATETIME),
            _text("author", 120),
            _text("reason", NOTE_TEXT),
            Field("content_hash", Kind.TEXT, max_length=64),
            _text("snapshot_json", SNAPSHOT_TEXT),
            Field("snapshot_version", Kind.INT, minimum=1, maximum=1000),
            _text("signer_id", 36),
            _text("signer_name", 120),
            _text("signer_public_key", 64),
            _text("signed_at", 40),
            _text("signature", 128),
        ),
        order=("number", "id"),
        title="Locked versions",
        description="Each locked version of the record (the approval, then amendments); never changed. "
        "content_hash is the fingerprint snapshot_version declares; signature is the signer's Ed25519 "
        "signature over it (hex), signer_public_key the signer's public key (hex). An importing store "
        "accepts the approval only from a key it knows for that account.",
        label_field="number",
        area="amend_final_record",
    ),
)

PART_BY_NAME = {p.name: p for p in PARTS}

# Parts that need another part to exist (their rows belong to the record).
RECORD_PARTS = ("record_sections", "recipients", "record_versions")


def with_defaults(content: dict[str, Any]) -> dict[str, Any]:
    """The conference with every optional field a file may leave out (an older version 1 file) set to
    its default. The content is changed in place and returned."""
    for part in PARTS:
        if part.optional and content.get(part.name) is None:
            content[part.name] = None if part.single else []
        optional = [f for f in part.fields if f.optional]
        rows: Any = content.get(part.name) if optional else None
        if rows is None:
            continue
        for row in [rows] if part.single else rows:
            if isinstance(row, dict):
                for f in optional:
                    row.setdefault(f.name, list(f.default) if isinstance(f.default, tuple) else f.default)
    return content
