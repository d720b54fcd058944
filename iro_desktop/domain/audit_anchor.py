"""The audit chain's anchor: its head (sequence, hash, count) kept outside the table, so deleting the newest
entries, all of them, or rewriting and re-hashing the chain no longer goes unnoticed.

The hash chain alone catches an entry changed or removed in the middle; it cannot see the end cut off or a
chain rebuilt from scratch, because each entry only vouches for the one before. The anchor vouches for the
end. It lives in a file beside the store, in each backup, and on exported records."""

from __future__ import annotations

from dataclasses import dataclass

ANCHOR_VERSION = 1


@dataclass(frozen=True)
class Anchor:
    seq: int  # the newest entry the app wrote
    head: str  # its hash
    count: int  # entries 1..seq (the chain numbers them without gaps)

    @property
    def short(self) -> str:
        return self.head[:8]

    def footer(self) -> str:
        """The line printed on exported records."""
        return f"Audit: entry {self.seq}, head {self.short}"

    def as_dict(self) -> dict[str, int | str]:
        return {"version": ANCHOR_VERSION, "seq": self.seq, "head": self.head, "count": self.count}


def anchor_problems(
    anchor: Anchor | None, count: int, head_at: dict[int, str], *, missing: bool
) -> list[str]:
    """What the anchor says against the table: `count` entries, `head_at[seq]` the table's hash of the
    anchored entry (if it has one). `missing`: no anchor file although the table has entries.
    Entries after the anchored one are fine (another desktop of a team store, or a crash before the
    anchor was written): the anchor only ever moves forward."""
    if anchor is None:
        if missing and count:
            return [f"missing: the audit anchor file is gone, but the table has {count} entries"]
        return []
    if count < anchor.count or anchor.seq not in head_at:
        return [
            f"truncated: the anchor says {anchor.count} entries, head {anchor.short}; the table has {count}"
        ]
    if head_at[anchor.seq] != anchor.head:
        return [
            f"rewritten: the anchor says entry {anchor.seq} has head {anchor.short}; "
            f"the table's entry {anchor.seq} has {head_at[anchor.seq][:8]} (the chain was re-hashed)"
        ]
    return []


def may_advance(anchor: Anchor | None, first_seq: int, first_prev: str) -> bool:
    """Whether a commit that appended entries starting at `first_seq` (following `first_prev`) continues
    the anchored chain. A chain cut back or rebuilt never moves the anchor: it stays to be reported."""
    if anchor is None:
        return first_seq == 1  # a brand-new chain (a new store) creates its anchor
    if first_seq <= anchor.seq:
        return False
    return first_seq > anchor.seq + 1 or first_prev == anchor.head
