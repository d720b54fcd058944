"""Length limits are the domain's, the same on SQLite and on PostgreSQL (issue 16): a 150-character agency
is refused next to its field on both (it used to be stored on SQLite and fail only on a server), the
longest allowed is stored whole, and anything that slips past the domain is refused by the store's guard
before it is written, on both."""

from __future__ import annotations

import pytest

from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.record import MAX_AGENCY, SectionKey
from iro_desktop.store.models import FamilyRow
from tests.store.family_fixture import book_family

AGENCY = "Ysgol Gynradd Gymraeg Llanfair — Designated Safeguarding Lead; "


def _agency(length: int) -> str:
    return (AGENCY * 4)[: length - 1] + "."


def test_a_150_character_agency_is_refused_next_to_its_field_and_nothing_is_stored(services):
    conference_id = book_family(services).first_id
    with pytest.raises(ValidationError) as refused:
        services.records.save_section(conference_id, SectionKey.AGENCY, "Fictional report.", _agency(150))
    assert refused.value.for_field("agency") == [f"Use at most {MAX_AGENCY} characters for the agency."]
    assert services.records.get(conference_id).sections == ()


def test_the_longest_agency_allowed_is_stored_whole(services):
    conference_id = book_family(services).first_id
    services.records.save_section(conference_id, SectionKey.AGENCY, "Fictional report.", _agency(MAX_AGENCY))
    [section] = services.records.get(conference_id).sections
    assert section.agency == _agency(MAX_AGENCY)


def test_a_recipient_too_long_is_refused_on_both(services):
    conference_id = book_family(services).first_id
    with pytest.raises(ValidationError) as refused:
        services.records.add_recipient(conference_id, "Dr Siobhán Ó Súilleabháin", "G" * 121)
    assert refused.value.for_field("role") == ["Use at most 120 characters."]


def test_what_slips_past_the_domain_is_refused_by_the_store_before_it_is_written(store):
    with pytest.raises(ValidationError) as refused, store.uow() as uow:
        uow.session.add(FamilyRow(reference="LONG-1", name="Ó" * 121))
        uow.commit()
    assert refused.value.for_field("name") == ["Use at most 120 characters (this has 121)."]
    with store.uow() as uow:
        assert uow.session.query(FamilyRow).count() == 0
