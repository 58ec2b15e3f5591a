from __future__ import annotations

import pytest

from facilitator.services.library import sync_builtin_cards


@pytest.fixture
def lib(db):
    """A database with the built-in cards loaded."""
    sync_builtin_cards(db)
    return db
