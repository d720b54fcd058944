"""Hand-off snapshots in the store: what a conference held when it was last exported or imported as a file."""

from __future__ import annotations

import json

from iro_desktop.services.conference_file.document import Content, compact
from iro_desktop.store.conference_file_repository import HandoffRepository
from iro_desktop.store.models import HandoffSnapshotRow


def content_at(handoffs: HandoffRepository, conference_id: str, revision: str | None) -> Content | None:
    """The content this store saw under a revision (exported or imported), if it ever did."""
    if revision is None:
        return None
    row = handoffs.at_revision(conference_id, revision)
    if row is None:
        return None
    data: Content = json.loads(row.content_json)
    return data


def based_on_for_export(handoffs: HandoffRepository, conference_id: str, revision: str) -> str | None:
    """An unchanged conference is re-exported exactly as last handed (same `based_on`); otherwise the new
    file is based on the last version handed either way."""
    last = handoffs.latest(conference_id)
    if last is None:
        return None
    return last.based_on if last.revision == revision else last.revision


def record(
    handoffs: HandoffRepository,
    conference_id: str,
    content: Content,
    revision: str,
    based_on: str | None,
    direction: str,
    actor: str,
) -> None:
    last = handoffs.latest(conference_id)
    if last is not None and (last.revision, last.based_on, last.direction) == (revision, based_on, direction):
        return
    handoffs.add(
        HandoffSnapshotRow(
            conference_id=conference_id,
            number=handoffs.next_number(conference_id),
            revision=revision,
            based_on=based_on,
            content_json=compact(content),
            direction=direction,
            actor=actor,
        )
    )
