"""The live Signs of Safety map: one method per edit the chair makes, each stored at once.

Orders inside a section are kept contiguous (0..n-1), so that undoing a move or a delete puts every item
back exactly where it was.
"""

from __future__ import annotations

from datetime import date

from iro_desktop.domain.audience import Audience, validate_audience
from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.clocks import conference_due
from iro_desktop.domain.concurrency import EditConflict, ReadAs, merged, rebase
from iro_desktop.domain.conference import Conference, ConferenceStatus, ConferenceType, validate_held
from iro_desktop.domain.errors import NotFound, Problem, raise_if
from iro_desktop.domain.mapping import (
    Board,
    MapItem,
    RemovedItem,
    Scale,
    Section,
    carry_plan,
    moved,
    participant_key,
    validate_scale,
    validate_source,
    validate_text,
)
from iro_desktop.domain.roles import Action
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.guards import guard_change
from iro_desktop.services.permissions import requires
from iro_desktop.services.rules import CALENDAR, load_rules
from iro_desktop.store.audience_columns import capture_audience
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.mapping_repository import (
    MapItemRepository,
    ScaleRepository,
    item_to_domain,
    previous_conference,
    scale_to_domain,
    write_audience,
)
from iro_desktop.store.models import ChildRow, MapItemRow, ScaleScoreRow
from iro_desktop.store.people_repositories import InvitationRepository
from iro_desktop.store.repositories import ConferenceRepository, conference_to_domain
from iro_desktop.store.uow import UnitOfWork


class MappingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- reading -----------------------------------------------------------------------------------

    @requires(Action.VIEW)
    def board(self, conference_id: str) -> Board:
        """The whole map of a conference as plain data, with the previous conference's scales."""
        with self.ctx.uow() as uow:
            conference = ConferenceRepository(uow.session).get(conference_id)
            items = [item_to_domain(r) for r in MapItemRepository(uow.session).for_conference(conference_id)]
            scales = [scale_to_domain(r) for r in ScaleRepository(uow.session).for_conference(conference_id)]
            previous = previous_conference(uow.session, conference)
            previous_scales: list[Scale] = []
            if previous is not None:
                carried = {i.carried_from_id: i.id for i in items if i.carried_from_id}
                for row in ScaleRepository(uow.session).for_conference(previous.id):
                    old = scale_to_domain(row)
                    if old.danger_id is None:
                        previous_scales.append(old)
                    elif old.danger_id in carried:
                        previous_scales.append(
                            Scale(
                                old.id,
                                old.conference_id,
                                carried[old.danger_id],
                                old.participant,
                                old.score,
                                old.reason,
                            )
                        )
            return Board(
                conference_id=conference_id,
                items=tuple(items),
                scales=tuple(scales),
                previous_scales=tuple(previous_scales),
                previous_conference_id=previous.id if previous is not None else None,
            )

    @requires(Action.VIEW)
    def previous_conference(self, conference_id: str) -> Conference | None:
        with self.ctx.uow() as uow:
            conference = ConferenceRepository(uow.session).get(conference_id)
            previous = previous_conference(uow.session, conference)
            return conference_to_domain(previous) if previous is not None else None

    # --- items -------------------------------------------------------------------------------------

    @requires(Action.EDIT_MAP)
    def add_item(
        self,
        conference_id: str,
        section: Section,
        text: str,
        *,
        index: int | None = None,
        child_id: str | None = None,
        source: str = "",
        item_id: str | None = None,
        audience: Audience | None = None,
    ) -> MapItem:
        """Add an item at an index of its section (at the end by default). `audience`: held back from
        its first keystroke (the board's "start the next item held back"); whoever is out of the room is
        kept from it too."""
        raise_if(validate_text(text) + validate_source(source))
        with self.ctx.uow() as uow:
            conference = ConferenceRepository(uow.session).get(conference_id)
            guard_change(self.ctx, uow.session, conference_id, Action.EDIT_MAP)
            _check_child(uow, conference.family_id, child_id)
            repo = MapItemRepository(uow.session)
            rows = repo.in_section(conference_id, section)
            row = MapItemRow(
                conference_id=conference_id,
                section=section.value,
                text=text,
                child_id=child_id,
                source=source.strip(),
                sort_order=len(rows),
            )
            if item_id is not None:
                row.id = item_id
            if audience is not None:
                invited = InvitationRepository(uow.session).for_conference(conference_id)
                raise_if(validate_audience(audience, [i.person_id for i in invited]))
                write_audience(row, audience)
            capture_audience(uow.session, conference_id, row)
            repo.add(row)
            rows.insert(len(rows) if index is None else max(0, min(index, len(rows))), row)
            repo.renumber(rows)
            uow.commit()
            return item_to_domain(row)

    @requires(Action.EDIT_MAP)
    def edit_text(self, item_id: str, text: str, read: ReadAs | None = None) -> MapItem:
        """Replace an item's text, exactly as typed. With `read` (the version and text on screen), a
        change someone else made since to the item's other fields (who said it, audience, section) is
        kept and this text applied on top; different words of theirs raise EditConflict with both."""
        raise_if(validate_text(text))
        with self.ctx.uow() as uow:
            row = MapItemRepository(uow.session).get(item_id)
            guard_change(self.ctx, uow.session, row.conference_id, Action.EDIT_MAP)
            _check_read(row, read, {"text": text})
            if row.text != text:
                row.text = text
                capture_audience(uow.session, row.conference_id, row)
                uow.flush()
                uow.commit()
            return item_to_domain(row)

    @requires(Action.EDIT_MAP)
    def set_details(
        self, item_id: str, source: str, child_id: str | None, read: ReadAs | None = None
    ) -> MapItem:
        """Who said it, and which child it is about (None: the whole sibling group); `read` as for
        `edit_text`."""
        raise_if(validate_source(source))
        with self.ctx.uow() as uow:
            row = MapItemRepository(uow.session).get(item_id)
            guard_change(self.ctx, uow.session, row.conference_id, Action.EDIT_MAP)
            conference = ConferenceRepository(uow.session).get(row.conference_id)
            _check_child(uow, conference.family_id, child_id)
            _check_read(row, read, {"source": source.strip(), "child_id": child_id})
            row.source = source.strip()
            row.child_id = child_id
            uow.flush()
            uow.commit()
            return item_to_domain(row)

    @requires(Action.EDIT_MAP)
    def set_audience(self, item_id: str, audience: Audience) -> tuple[MapItem, Audience]:
        """Who may read the item (issue 18). The people kept from it must be this conference's people.
        Audited with the audience before and after (ids and codes only, never the item's words).
        Returns the item and its audience before."""
        with self.ctx.uow() as uow:
            row = MapItemRepository(uow.session).get(item_id)
            guard_change(self.ctx, uow.session, row.conference_id, Action.EDIT_MAP)
            people = [
                i.person_id for i in InvitationRepository(uow.session).for_conference(row.conference_id)
            ]
            raise_if(validate_audience(audience, people))
            before = item_to_domain(row).audience
            if before != audience:
                write_audience(row, audience)
                append_event(
                    uow.session,
                    self.ctx.session.actor_name,
                    AuditAction.CHANGED,
                    "map_item_audience",
                    row.id,
                    before=_audience_json(before),
                    after=_audience_json(audience),
                )
                uow.commit()
            return item_to_domain(row), before

    @requires(Action.EDIT_MAP)
    def move_item(self, item_id: str, section: Section, index: int) -> tuple[MapItem, Section, int]:
        """Move an item to an index of a section. Returns the moved item and where it was before."""
        with self.ctx.uow() as uow:
            repo = MapItemRepository(uow.session)
            row = repo.get(item_id)
            guard_change(self.ctx, uow.session, row.conference_id, Action.EDIT_MAP)
            old_section, old_index = Section(row.section), row.sort_order
            if old_section == section:
                rows = repo.in_section(row.conference_id, section)
                order = moved([r.id for r in rows], row.id, index)
                by_id = {r.id: r for r in rows}
                repo.renumber([by_id[i] for i in order])
            else:
                source_rows = [r for r in repo.in_section(row.conference_id, old_section) if r.id != row.id]
                target_rows = repo.in_section(row.conference_id, section)
                row.section = section.value
                target_rows.insert(max(0, min(index, len(target_rows))), row)
                repo.renumber(source_rows)
                row.sort_order = -1  # force renumber to write it
                repo.renumber(target_rows)
            uow.commit()
            return item_to_domain(row), old_section, old_index

    @requires(Action.EDIT_MAP)
    def delete_item(self, item_id: str) -> RemovedItem:
        """Delete an item; returns everything that went with it, for undo."""
        with self.ctx.uow() as uow:
            repo = MapItemRepository(uow.session)
            row = repo.get(item_id)
            guard_change(self.ctx, uow.session, row.conference_id, Action.EDIT_MAP)
            item = item_to_domain(row)
            scales = tuple(scale_to_domain(s) for s in ScaleRepository(uow.session).for_danger(item_id))
            pointing = repo.pointing_at(item_id)
            paired = tuple(r.id for r in pointing)
            for other in pointing:
                other.goal_id = None
            uow.flush()
            rest = [r for r in repo.in_section(row.conference_id, item.section) if r.id != item_id]
            repo.remove(row)
            uow.flush()
            repo.renumber(rest)
            uow.commit()
            return RemovedItem(item=item, scales=scales, paired_danger_ids=paired)

    @requires(Action.EDIT_MAP)
    def restore_item(self, removed: RemovedItem) -> MapItem:
        """Put a deleted item back exactly: same id, place, pairing and scales."""
        item = removed.item
        with self.ctx.uow() as uow:
            guard_change(self.ctx, uow.session, item.conference_id, Action.EDIT_MAP)
            repo = MapItemRepository(uow.session)
            rows = repo.in_section(item.conference_id, item.section)
            goal_exists = item.goal_id is not None and uow.session.get(MapItemRow, item.goal_id) is not None
            row = MapItemRow(
                id=item.id,
                conference_id=item.conference_id,
                section=item.section.value,
                text=item.text,
                child_id=item.child_id,
                source=item.source,
                carried_forward=item.carried_forward,
                carried_from_id=item.carried_from_id,
                goal_id=item.goal_id if goal_exists else None,
                sort_order=-1,
            )
            write_audience(row, item.audience)
            repo.add(row)
            rows.insert(max(0, min(item.order, len(rows))), row)
            repo.renumber(rows)
            uow.flush()
            for danger_id in removed.paired_danger_ids:
                danger = uow.session.get(MapItemRow, danger_id)
                if danger is not None:
                    danger.goal_id = item.id
            scales = ScaleRepository(uow.session)
            for scale in removed.scales:
                scales.add(_scale_row(scale))
            uow.commit()
            return item_to_domain(row)

    # --- pairing and scaling -----------------------------------------------------------------------

    @requires(Action.EDIT_MAP)
    def pair(
        self, danger_id: str, goal_id: str | None, *, restoring: bool = False
    ) -> tuple[MapItem, str | None]:
        """Pair a danger statement with a safety goal (None unpairs). Returns the item and the old goal.
        `restoring` (undo) puts back an earlier pairing even if its goal has since moved section."""
        with self.ctx.uow() as uow:
            repo = MapItemRepository(uow.session)
            danger = repo.get(danger_id)
            guard_change(self.ctx, uow.session, danger.conference_id, Action.EDIT_MAP)
            problems = []
            if danger.section != Section.DANGER.value and not restoring:
                problems.append(Problem("goal", "Only a danger statement pairs with a safety goal."))
            if goal_id is not None:
                goal = repo.get(goal_id)
                wrong_section = goal.section != Section.SAFETY_GOALS.value and not restoring
                if wrong_section or goal.conference_id != danger.conference_id:
                    problems.append(Problem("goal", "Choose a safety goal on this map."))
            raise_if(problems)
            old = danger.goal_id
            danger.goal_id = goal_id
            uow.commit()
            return item_to_domain(danger), old

    @requires(Action.EDIT_MAP)
    def set_scale(
        self,
        conference_id: str,
        danger_id: str | None,
        participant: str,
        score: int,
        reason: str = "",
        *,
        scale_id: str | None = None,
        read: ReadAs | None = None,
    ) -> tuple[Scale, Scale | None]:
        """Record one participant's 0-10 judgement (for a danger statement, or overall when None).
        Replaces that participant's earlier score for the same statement; returns (new, replaced).
        With `read` (the version, score and reason on screen; version 0: no score yet, issue 16), a
        score someone else stored since is never overwritten: a change of the other field is kept, a
        different score or reason raises EditConflict with both (nothing stored)."""
        raise_if(validate_scale(participant, score, reason))
        with self.ctx.uow() as uow:
            ConferenceRepository(uow.session).get(conference_id)
            guard_change(self.ctx, uow.session, conference_id, Action.EDIT_MAP)
            if danger_id is not None:
                danger = MapItemRepository(uow.session).get(danger_id)
                if danger.section != Section.DANGER.value or danger.conference_id != conference_id:
                    raise_if([Problem("danger", "Choose a danger statement on this map.")])
            repo = ScaleRepository(uow.session)
            key = participant_key(participant)
            existing = next(
                (
                    r
                    for r in repo.for_conference(conference_id)
                    if r.danger_id == danger_id and participant_key(r.participant) == key
                ),
                None,
            )
            replaced = scale_to_domain(existing) if existing is not None else None
            if read is not None:
                now = {"score": replaced.score, "reason": replaced.reason} if replaced is not None else {}
                mine = merged(
                    f"{' '.join(participant.split())}’s score",
                    read,
                    {"score": score, "reason": reason.strip()},
                    now,
                    replaced.version if replaced is not None else 0,
                )
                score, reason = int(mine["score"]), str(mine["reason"])
            if existing is not None:
                row = existing
                if scale_id is not None and scale_id != existing.id:
                    repo.remove(existing.id)
                    uow.flush()
                    row = repo.add(
                        ScaleScoreRow(id=scale_id, conference_id=conference_id, danger_id=danger_id)
                    )
            else:
                row = repo.add(ScaleScoreRow(conference_id=conference_id, danger_id=danger_id))
                if scale_id is not None:
                    row.id = scale_id
            row.participant = " ".join(participant.split())
            row.score = score
            row.reason = reason.strip()
            uow.flush()  # the version returned is the one stored
            uow.commit()
            return scale_to_domain(row), replaced

    @requires(Action.EDIT_MAP)
    def remove_scale(self, scale_id: str) -> Scale | None:
        with self.ctx.uow() as uow:
            repo = ScaleRepository(uow.session)
            row = repo.get(scale_id)
            if row is None:
                return None
            guard_change(self.ctx, uow.session, row.conference_id, Action.EDIT_MAP)
            scale = scale_to_domain(row)
            repo.remove(scale_id)
            uow.commit()
            return scale

    # --- review conferences ------------------------------------------------------------------------

    @requires(Action.EDIT_MAP)
    def carry_forward(self, conference_id: str, ids: dict[str, str] | None = None) -> dict[str, str]:
        """Copy the family's previous conference's map onto this one, marked as carried forward.
        Items already carried are skipped. `ids` (old id -> new id) re-creates the same ids on redo.
        Returns the ids created, old -> new."""
        with self.ctx.uow() as uow:
            conference = ConferenceRepository(uow.session).get(conference_id)
            guard_change(self.ctx, uow.session, conference_id, Action.EDIT_MAP)
            previous = previous_conference(uow.session, conference)
            if previous is None:
                raise_if([Problem("carry_forward", "This family has no earlier conference to carry from.")])
                return {}
            repo = MapItemRepository(uow.session)
            current = repo.for_conference(conference_id)
            already = [r.carried_from_id for r in current if r.carried_from_id]
            old_items = [item_to_domain(r) for r in repo.for_conference(previous.id)]
            plan = carry_plan(old_items, [a for a in already if a])
            counts = {s: len([r for r in current if r.section == s.value]) for s in Section}
            created: dict[str, str] = {}
            new_rows: list[tuple[MapItem, MapItemRow]] = []
            for old in plan:
                row = MapItemRow(
                    conference_id=conference_id,
                    section=old.section.value,
                    text=old.text,
                    child_id=old.child_id,
                    source=old.source,
                    carried_forward=True,
                    carried_from_id=old.id,
                    sort_order=counts[old.section],
                )
                write_audience(row, old.audience)  # what was held back last time still is
                if ids and old.id in ids:
                    row.id = ids[old.id]
                counts[old.section] += 1
                repo.add(row)
                new_rows.append((old, row))
            uow.flush()
            carried_map = {r.carried_from_id: r.id for r in current if r.carried_from_id}
            carried_map.update({old.id: row.id for old, row in new_rows})
            for old, row in new_rows:
                created[old.id] = row.id
                if old.goal_id and old.goal_id in carried_map:
                    row.goal_id = carried_map[old.goal_id]
            uow.commit()
            return created

    @requires(Action.EDIT_MAP)
    def delete_items(self, item_ids: list[str]) -> None:
        """Remove several items at once (undo of carrying forward)."""
        for item_id in item_ids:
            try:
                self.delete_item(item_id)
            except NotFound:
                continue

    # --- the meeting -------------------------------------------------------------------------------

    @requires(Action.RUN_MEETING)
    def start_meeting(self, conference_id: str) -> Conference:
        """The chair starts the meeting (its *Start meeting* action, or the first edit): the conference is
        in progress from now, and reopening the app goes straight back to it. Opening a conference only to
        look at it changes nothing."""
        return self._set_status(conference_id, ConferenceStatus.IN_PROGRESS, only_from_scheduled=True)

    @requires(Action.RUN_MEETING)
    def finish_meeting(
        self, conference_id: str, held_on: date | None, lateness_reason: str = ""
    ) -> Conference:
        """The meeting is over: record the day it was held (the clocks for the core group, the record's
        distribution and the next review start from it), and why, when it was out of timescale."""
        with self.ctx.uow() as uow:
            row = ConferenceRepository(uow.session).get(conference_id)
            if ConferenceStatus(row.status) not in (ConferenceStatus.SCHEDULED, ConferenceStatus.IN_PROGRESS):
                return conference_to_domain(row)
            due = conference_due(
                ConferenceType(row.conference_type), row.clock_start, load_rules(uow).clocks, CALENDAR
            )
            reason = lateness_reason.strip() or row.lateness_reason
            raise_if(validate_held(held_on, due, reason, self.ctx.today(), row.scheduled_date))
            row.held_on = held_on
            row.status = ConferenceStatus.HELD.value
            row.lateness_reason = reason if due and held_on and held_on > due else ""
            uow.commit()
            return conference_to_domain(row)

    @requires(Action.VIEW)
    def lateness_due(self, conference_id: str) -> date | None:
        """The last day in timescale for this conference (a later held date needs a reason)."""
        with self.ctx.uow() as uow:
            row = ConferenceRepository(uow.session).get(conference_id)
            return conference_due(
                ConferenceType(row.conference_type), row.clock_start, load_rules(uow).clocks, CALENDAR
            )

    @requires(Action.VIEW)
    def conference(self, conference_id: str) -> Conference:
        with self.ctx.uow() as uow:
            return conference_to_domain(ConferenceRepository(uow.session).get(conference_id))

    def _set_status(
        self, conference_id: str, status: ConferenceStatus, only_from_scheduled: bool
    ) -> Conference:
        with self.ctx.uow() as uow:
            row = ConferenceRepository(uow.session).get(conference_id)
            current = ConferenceStatus(row.status)
            allowed = (
                current == ConferenceStatus.SCHEDULED
                if only_from_scheduled
                else current in (ConferenceStatus.SCHEDULED, ConferenceStatus.IN_PROGRESS)
            )
            if allowed and current != status:
                row.status = status.value
                uow.commit()
            return conference_to_domain(row)


def _check_read(row: MapItemRow, read: ReadAs | None, mine: dict[str, object]) -> None:
    """Refuse an edit of a map item that someone else changed the same fields of since `read`."""
    current = {name: getattr(row, name) for name in mine}
    conflicts = rebase(read, mine, current, row.version)
    if conflicts:
        words = row.text if len(row.text) <= 40 else row.text[:39] + "…"
        raise EditConflict(f"the map item “{words}”", conflicts, row.version)


def _check_child(uow: UnitOfWork, family_id: str, child_id: str | None) -> None:
    if child_id is None:
        return
    child = uow.session.get(ChildRow, child_id)
    if child is None or child.family_id != family_id:
        raise_if([Problem("child", "Choose one of this family's children.")])


def _audience_json(audience: Audience) -> dict[str, object]:
    return {
        "kind": audience.kind.value,
        "excluded": list(audience.excluded),
        "reason": audience.reason.value if audience.reason else "",
    }


def _scale_row(scale: Scale) -> ScaleScoreRow:
    return ScaleScoreRow(
        id=scale.id,
        conference_id=scale.conference_id,
        danger_id=scale.danger_id,
        participant=scale.participant,
        score=scale.score,
        reason=scale.reason,
    )
