"""Undo commands on a bare QUndoStack: each edit undoes and redoes exactly; typing coalesces.

Hypothesis: any sequence of edits followed by as many undos gives back the starting map.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QUndoStack

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.mapping import SECTION_ORDER, Board, Section
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from iro_desktop.store.location import resolve_location
from iro_desktop.store.opening import open_store
from iro_desktop.ui.mapping.commands import (
    AddItemCommand,
    CarryForwardCommand,
    DeleteItemCommand,
    DetailsCommand,
    EditTextCommand,
    MapCommand,
    MoveItemCommand,
    PairCommand,
    ScaleCommand,
    starts_new_word,
)
from tests.conftest import TODAY


def _snapshot(board: Board) -> tuple:
    return (
        sorted(board.items, key=lambda i: i.id),
        sorted(board.scales, key=lambda s: (s.danger_id or "", s.participant)),
    )


def test_add_then_typing_is_one_undo_step(qapp, services, conference):
    stack = QUndoStack()
    m = services.mapping
    add = AddItemCommand(m, conference.id, Section.STRENGTHS, "Z")
    stack.push(add)
    assert add.item_id is not None
    for text in ("Zo", "Zoë", "Zoë “ok”"):
        stack.push(EditTextCommand(m, add.item_id, m.board(conference.id).items[0].text, text))
    assert stack.count() == 1
    assert m.board(conference.id).items[0].text == "Zoë “ok”"
    stack.undo()
    assert m.board(conference.id).items == ()
    stack.redo()
    item = m.board(conference.id).items[0]
    assert (item.id, item.text) == (add.item_id, "Zoë “ok”")


def test_text_edits_of_one_item_merge_and_cancel_out(qapp, services, conference):
    m = services.mapping
    item = m.add_item(conference.id, Section.HARM, "a")
    stack = QUndoStack()
    stack.push(EditTextCommand(m, item.id, "a", "ab"))
    stack.push(EditTextCommand(m, item.id, "ab", "abc"))
    assert stack.count() == 1
    stack.push(EditTextCommand(m, item.id, "abc", "a"))  # typed back to where it started
    assert stack.count() == 0
    assert m.board(conference.id).items[0].text == "a"


def test_each_structural_command_undoes_and_redoes(qapp, services, conference, family):
    m = services.mapping
    goal = m.add_item(conference.id, Section.SAFETY_GOALS, "goal")
    danger = m.add_item(conference.id, Section.DANGER, "danger")
    other = m.add_item(conference.id, Section.DANGER, "other")
    start = _snapshot(m.board(conference.id))
    commands = [
        PairCommand(m, danger.id, goal.id),
        ScaleCommand(m, conference.id, danger.id, "Police", 3, "call-outs"),
        ScaleCommand(m, conference.id, danger.id, "police", 5, "better"),
        ScaleCommand(m, conference.id, None, "Family", 7, ""),
        MoveItemCommand(m, other.id, Section.DANGER, 0),
        MoveItemCommand(m, danger.id, Section.HARM, 0),
        DetailsCommand(m, m.board(conference.id).item(other.id), "Police", family.children[1].id),  # type: ignore[arg-type]
        DeleteItemCommand(m, goal.id),
    ]
    stack = QUndoStack()
    snapshots = [start]
    for command in commands:
        stack.push(command)
        assert command.error is None
        snapshots.append(_snapshot(m.board(conference.id)))
    for expected in reversed(snapshots[:-1]):
        stack.undo()
        assert _snapshot(m.board(conference.id)) == expected
    for expected in snapshots[1:]:
        stack.redo()
        assert _snapshot(m.board(conference.id)) == expected


def test_carry_forward_undo_and_redo_keep_ids(qapp, services, family, conference):
    m = services.mapping
    m.add_item(conference.id, Section.STRENGTHS, "school")
    review = services.conferences.book(family.id, ConferenceType.REVIEW, TODAY + timedelta(days=90))
    stack = QUndoStack()
    stack.push(CarryForwardCommand(m, review.id))
    first = m.board(review.id).items
    assert len(first) == 1
    stack.undo()
    assert m.board(review.id).items == ()
    stack.redo()
    assert m.board(review.id).items == first


def test_failure_is_reported_not_raised(qapp, services, conference):
    seen = []
    stack = QUndoStack()
    command = DeleteItemCommand(services.mapping, "missing", notify=seen.append)
    stack.push(command)
    assert command.error is not None
    assert seen[-1].kind == "failed"


# --- Hypothesis: any edits, then as many undos, give back the start ---------------------------------

TEXTS = st.text(alphabet=st.sampled_from("aZé ł“”—محمد"), min_size=0, max_size=6)
OPS = st.lists(
    st.tuples(
        st.sampled_from(["add", "edit", "delete", "move", "pair", "scale", "details", "unpair"]),
        st.integers(0, 50),
        st.integers(0, 50),
        TEXTS,
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_any_edits_then_as_many_undos_give_back_the_start(qapp, tmp_path_factory, ops):
    location = resolve_location(tmp_path_factory.mktemp("hyp") / "data", environ={})
    store = open_store(location)
    try:
        services = Services.build(
            ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
        )
        family = services.families.create_family(
            "R", "F", [ChildInput("Zoë", "B", TODAY - timedelta(days=900))]
        )
        conference = services.conferences.book(
            family.id, ConferenceType.INITIAL, TODAY, clock_start=TODAY - timedelta(days=10)
        )
        m = services.mapping
        # A starting map with something in it.
        g = m.add_item(conference.id, Section.SAFETY_GOALS, "goal “one”")
        d = m.add_item(conference.id, Section.DANGER, "danger ł")
        m.add_item(conference.id, Section.STRENGTHS, "محمد علي")
        m.pair(d.id, g.id)
        m.set_scale(conference.id, d.id, "Family", 4, "")
        start = _snapshot(m.board(conference.id))
        stack = QUndoStack()
        pushed = 0
        for op, a, b, text in ops:
            board = m.board(conference.id)
            items = sorted(board.items, key=lambda i: i.id)
            dangers = board.section(Section.DANGER)
            goals = board.section(Section.SAFETY_GOALS)
            command = None
            if op == "add":
                command = AddItemCommand(m, conference.id, SECTION_ORDER[a % 9], text, index=b % 4)
            elif op == "edit" and items:
                item = items[a % len(items)]
                command = EditTextCommand(m, item.id, item.text, text)
            elif op == "delete" and items:
                command = DeleteItemCommand(m, items[a % len(items)].id)
            elif op == "move" and items:
                command = MoveItemCommand(m, items[a % len(items)].id, SECTION_ORDER[b % 9], b % 5)
            elif op == "pair" and dangers and goals:
                command = PairCommand(m, dangers[a % len(dangers)].id, goals[b % len(goals)].id)
            elif op == "unpair" and dangers:
                command = PairCommand(m, dangers[a % len(dangers)].id, None)
            elif op == "scale":
                danger_id = dangers[a % len(dangers)].id if dangers and b % 3 else None
                command = ScaleCommand(m, conference.id, danger_id, ["Family", "Police"][a % 2], b % 11, text)
            elif op == "details" and items:
                item = items[a % len(items)]
                command = DetailsCommand(m, item, text, family.children[0].id if b % 2 else None)
            if command is None:
                continue
            before = stack.count()
            stack.push(command)
            assert command.error is None
            pushed += stack.count() - before
        for _ in range(stack.count()):
            stack.undo()
        assert _snapshot(m.board(conference.id)) == start
    finally:
        store.close()


# --- issue 12: typing undoes a word at a time ---------------------------------------------------------


def test_starts_new_word():
    assert starts_new_word("a ", "a b")
    assert starts_new_word("Zoë said ", "Zoë said “")
    assert not starts_new_word("a", "ab")
    assert not starts_new_word("a", "a ")
    assert not starts_new_word("a b", "a ")  # deleting is not a new word
    assert not starts_new_word("", "a")
    assert not starts_new_word("a  ", "b  ")


def test_typing_undoes_the_last_words_then_the_item(qapp, services, conference):
    m = services.mapping
    stack = QUndoStack()
    add = AddItemCommand(m, conference.id, Section.STRENGTHS, "a")
    stack.push(add)
    assert add.item_id is not None
    text = "a"
    for typed in ("a ", "a b", "a b ", "a b c"):
        stack.push(EditTextCommand(m, add.item_id, text, typed))
        text = typed

    def now() -> list[str]:
        return [i.text for i in m.board(conference.id).items]

    assert now() == ["a b c"]
    assert stack.count() == 3  # "a ", then "b ", then "c"
    stack.undo()
    assert now() == ["a b "]
    stack.undo()
    assert now() == ["a "]
    stack.undo()
    assert now() == []
    for expected in (["a "], ["a b "], ["a b c"]):
        stack.redo()
        assert now() == expected


def test_a_pause_in_typing_starts_a_new_step(qapp, services, conference, monkeypatch):
    m = services.mapping
    clock = [100.0]
    monkeypatch.setattr(MapCommand, "clock", staticmethod(lambda: clock[0]))
    item = m.add_item(conference.id, Section.HARM, "bruise")
    stack = QUndoStack()
    stack.push(EditTextCommand(m, item.id, "bruise", "bruises"))
    stack.push(EditTextCommand(m, item.id, "bruises", "bruises "))
    clock[0] += 0.3
    stack.push(EditTextCommand(m, item.id, "bruises ", "bruises s"))  # a new word: a step of its own
    clock[0] += 0.3
    stack.push(EditTextCommand(m, item.id, "bruises s", "bruises se"))
    clock[0] += 1.5  # a pause
    stack.push(EditTextCommand(m, item.id, "bruises se", "bruises seen"))
    assert stack.count() == 3
    stack.undo()
    assert m.board(conference.id).items[0].text == "bruises se"


def test_commands_tell_what_changed_so_the_board_need_not_read_it_all(qapp, services, conference):
    m = services.mapping
    seen: list = []
    stack = QUndoStack()
    add = AddItemCommand(m, conference.id, Section.STRENGTHS, "Gran", notify=seen.append)
    stack.push(add)
    assert (seen[-1].kind, seen[-1].item.text, seen[-1].item.section) == ("added", "Gran", Section.STRENGTHS)
    stack.push(MoveItemCommand(m, add.item_id, Section.EXISTING_SAFETY, 0, notify=seen.append))
    assert (seen[-1].kind, seen[-1].section, seen[-1].item.section) == (
        "moved",
        Section.STRENGTHS,
        Section.EXISTING_SAFETY,
    )
    stack.push(DeleteItemCommand(m, add.item_id, notify=seen.append))
    assert seen[-1].kind == "removed"
    stack.undo()
    assert (seen[-1].kind, seen[-1].item.id) == ("added", add.item_id)
    # A danger statement with a scale takes it with it: the board reads the map again.
    danger = m.add_item(conference.id, Section.DANGER, "danger")
    m.set_scale(conference.id, danger.id, "Family", 3, "")
    stack.push(DeleteItemCommand(m, danger.id, notify=seen.append))
    assert seen[-1].kind == "structure"


def test_marking_an_item_undoes_and_redoes_on_a_bare_stack(qapp, services, conference):
    from iro_desktop.domain.audience import EVERYONE, AudienceKind, Reason, audience
    from iro_desktop.ui.mapping.commands import AudienceCommand

    stack = QUndoStack()
    m = services.mapping
    item = m.add_item(conference.id, Section.HARM, "Police intelligence about a visitor")
    heard: list[str] = []
    police = audience(AudienceKind.PROFESSIONALS, reason=Reason.POLICE)
    stack.push(AudienceCommand(m, item.id, police, notify=lambda c: heard.append(c.kind)))
    assert m.board(conference.id).items[0].audience == police
    assert stack.undoText() == "mark professionals only"
    stack.undo()
    assert m.board(conference.id).items[0].audience == EVERYONE
    stack.redo()
    assert m.board(conference.id).items[0].audience == police
    assert heard == ["audience", "audience", "audience"]
    # A refused mark (someone not at this conference) never becomes a step.
    stack.push(AudienceCommand(m, item.id, audience(AudienceKind.EXCEPT, ["nobody"])))
    assert stack.count() == 1
    assert m.board(conference.id).items[0].audience == police
