"""What a service call changed, as data: a set of (topic, id) the views refresh themselves from.

The store's unit of work captures it from the rows actually written (store/change_capture.py); the
UI's change hub relays it to every view (the topic's value is the string the views already listen for).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class Topic(StrEnum):
    FAMILIES = "families"
    CONFERENCES = "conferences"
    ATTENDANCE = "attendance"
    PEOPLE = "people"
    RULES = "rules"
    MAP = "map"
    DECISIONS = "decisions"
    POLICY = "policy"
    PLAN = "plan"
    RECORDS = "records"
    DRAFTS = "drafts"
    HANDOFF = "handoff"
    ACCOUNTS = "accounts"
    AUDIT = "audit"
    ALERTS = "alerts"  # issue 19: alerts and RAG ratings
    FEEDBACK = "feedback"


@dataclass(frozen=True, order=True)
class Change:
    """One thing written: its topic and the id of the row (empty when a statement changed many rows)."""

    topic: Topic
    id: str = ""


@dataclass(frozen=True)
class Changes:
    """An immutable set of changes; empty when nothing was written."""

    items: frozenset[Change] = field(default_factory=frozenset)

    @classmethod
    def of(cls, changes: Iterable[Change]) -> Changes:
        return cls(frozenset(changes))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.items | other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self) -> Iterator[Change]:
        return iter(sorted(self.items))

    def __len__(self) -> int:
        return len(self.items)

    @property
    def topics(self) -> frozenset[Topic]:
        return frozenset(c.topic for c in self.items)

    def ids(self, topic: Topic) -> frozenset[str]:
        return frozenset(c.id for c in self.items if c.topic is topic)


NO_CHANGES = Changes()
