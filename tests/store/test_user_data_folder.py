"""Where the database lives when neither --db nor FACILITATOR_DB says: the platform's user
data folder, named for the app."""

from __future__ import annotations

import sys

import pytest

# the function itself, taken before tests/conftest.py points it at tmp_path for every test
from facilitator.store.paths import user_data_dir


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_the_data_folder_follows_the_platform_convention(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert user_data_dir() == tmp_path / "share" / "Facilitator"
