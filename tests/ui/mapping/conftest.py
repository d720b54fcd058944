"""Fixtures for the map: a family with children and a booked conference."""

from __future__ import annotations

from datetime import timedelta

import pytest

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from tests.conftest import TODAY


@pytest.fixture
def family(services):
    return services.families.create_family(
        "R-4",
        "Wójcik family",
        [
            ChildInput("Zoë", "Brontë", TODAY - timedelta(days=3400)),
            ChildInput("Łucja", "Wójcik", TODAY - timedelta(days=2000)),
        ],
    )


@pytest.fixture
def conference(services, family):
    return services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY, clock_start=TODAY - timedelta(days=10)
    )
