"""Issue 14: the draft keeper and the decision panel no longer import each other (the form they share
is described in ui/decisions/draft_form.py)."""

from __future__ import annotations

import grimp


def test_draft_keeper_and_panel_are_not_a_cycle():
    graph = grimp.build_graph("iro_desktop", cache_dir=None)
    keeper, panel = "iro_desktop.ui.decisions.draft_keeper", "iro_desktop.ui.decisions.panel"
    assert graph.find_shortest_chain(importer=panel, imported=keeper) is not None  # the panel keeps drafts
    assert graph.find_shortest_chain(importer=keeper, imported=panel) is None
