"""The section models pass Qt's model tester and carry items, edits and drops."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from iro_desktop.domain.mapping import MapItem, Section
from iro_desktop.ui.mapping.models import MIME_TYPE, ItemIdRole, SectionModel


def _items() -> list[MapItem]:
    return [MapItem(f"id{n}", "c", Section.STRENGTHS, f"Zoë {n}", n) for n in range(3)]


def test_section_model_passes_the_model_tester(qtmodeltester):
    model = SectionModel(Section.STRENGTHS, lambda i: i.text.upper())
    model.set_items(_items())
    qtmodeltester.check(model)
    assert model.index(1, 0).data() == "ZOË 1"
    assert model.index(1, 0).data(Qt.ItemDataRole.EditRole) == "Zoë 1"
    assert model.index(1, 0).data(ItemIdRole) == "id1"


def test_edit_and_drop_call_back(qapp):
    edits, drops = [], []
    model = SectionModel(
        Section.STRENGTHS,
        lambda i: i.text,
        on_edit=lambda item_id, text: edits.append((item_id, text)),
        on_drop=lambda item_id, section, row: drops.append((item_id, section, row)),
    )
    model.set_items(_items())
    assert model.setData(model.index(0, 0), "Łucja", Qt.ItemDataRole.EditRole)
    assert edits == [("id0", "Łucja")]
    data = model.mimeData([model.index(2, 0)])
    assert data.hasFormat(MIME_TYPE)
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert drops == [("id2", Section.STRENGTHS, 3)]
    model.replace(MapItem("id1", "c", Section.STRENGTHS, "changed", 1))
    assert model.index(1, 0).data() == "changed"


def test_rows_are_inserted_removed_and_moved_in_place(qtmodeltester):
    """Issue 12: one item added, removed or moved changes its rows only (no reset), orders renumbered."""
    model = SectionModel(Section.STRENGTHS, lambda i: i.text)
    model.set_items(_items())
    qtmodeltester.check(model)  # the tester stays attached and checks every signal below
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.insert_item(MapItem("new", "c", Section.STRENGTHS, "Łucja", 1))
    assert [model.item(r).id for r in range(4)] == ["id0", "new", "id1", "id2"]
    assert [model.item(r).order for r in range(4)] == [0, 1, 2, 3]
    model.move_item("id0", 3)
    assert [model.item(r).id for r in range(4)] == ["new", "id1", "id2", "id0"]
    model.move_item("id0", 0)
    assert [model.item(r).id for r in range(4)] == ["id0", "new", "id1", "id2"]
    removed = model.remove_item("new")
    assert removed is not None
    assert removed.text == "Łucja"
    assert [(model.item(r).id, model.item(r).order) for r in range(3)] == [("id0", 0), ("id1", 1), ("id2", 2)]
    assert model.row_of("id2") == 2
    assert resets == []
    qtmodeltester.check(model)
