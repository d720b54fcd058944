"""Detailed DfE ethnicity codes (CIN census / SSDA903), and the major-group codes a system holding only
the group uses, rolled up to the groups reports use."""

from __future__ import annotations

WHITE = "White"
MIXED = "Mixed"
ASIAN = "Asian or Asian British"
BLACK = "Black or Black British"
OTHER = "Other ethnic group"
NOT_KNOWN = "Not known"

#: Groups in report order.
GROUPS = (WHITE, MIXED, ASIAN, BLACK, OTHER, NOT_KNOWN)

#: code -> (description, group). Chinese sits in 'Other ethnic group', as in DfE's published tables.
CODES: dict[str, tuple[str, str]] = {
    "WBRI": ("White British", WHITE),
    "WIRI": ("White Irish", WHITE),
    "WOTH": ("Any other White background", WHITE),
    "WIRT": ("Traveller of Irish heritage", WHITE),
    "WROM": ("Gypsy/Roma", WHITE),
    "MWBC": ("White and Black Caribbean", MIXED),
    "MWBA": ("White and Black African", MIXED),
    "MWAS": ("White and Asian", MIXED),
    "MOTH": ("Any other mixed background", MIXED),
    "AIND": ("Indian", ASIAN),
    "APKN": ("Pakistani", ASIAN),
    "ABAN": ("Bangladeshi", ASIAN),
    "AOTH": ("Any other Asian background", ASIAN),
    "BCRB": ("Black Caribbean", BLACK),
    "BAFR": ("Black African", BLACK),
    "BOTH": ("Any other Black background", BLACK),
    "CHNE": ("Chinese", OTHER),
    "OOTH": ("Any other ethnic group", OTHER),
    "REFU": ("Refused", NOT_KNOWN),
    "NOBT": ("Information not yet obtained", NOT_KNOWN),
    # DfE major-group codes, from a system that holds only the group.
    "WHIT": ("White (group only)", WHITE),
    "MIXD": ("Mixed (group only)", MIXED),
    "ASIA": ("Asian or Asian British (group only)", ASIAN),
    "BLAC": ("Black or Black British (group only)", BLACK),
    "CHIN": ("Chinese (group only)", OTHER),
    "AOEG": ("Any other ethnic group (group only)", OTHER),
    "UNCL": ("Not classified", NOT_KNOWN),
}


def group_of(code: str | None) -> str:
    """The group for a detailed code; blank or unrecognised codes are 'Not known'."""
    if not code:
        return NOT_KNOWN
    entry = CODES.get(code.strip().upper())
    return entry[1] if entry else NOT_KNOWN
