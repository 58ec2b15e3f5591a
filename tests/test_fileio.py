"""The one way input files are read: regular files only, size-capped before reading."""

from __future__ import annotations

import os
import time

import pytest

from facilitator.fileio import InputFileError, read_input_file


def test_reads_a_regular_file(tmp_path):
    f = tmp_path / "pack.json"
    f.write_bytes(b"x" * 100)
    assert read_input_file(f, max_bytes=100) == b"x" * 100


def test_over_the_cap_is_refused_before_reading(tmp_path):
    f = tmp_path / "big.json"
    f.write_bytes(b"x" * 101)
    with pytest.raises(InputFileError, match=r"big\.json .* at most 100 bytes"):
        read_input_file(f, max_bytes=100, what="tool pack")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputFileError, match="no such file"):
        read_input_file(tmp_path / "nope.json", max_bytes=10)
    with pytest.raises(InputFileError, match="is a folder"):
        read_input_file(tmp_path, max_bytes=10)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pack.json"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(InputFileError, match="not a regular file"):
        read_input_file(fifo, max_bytes=1000, what="tool pack")
    assert time.monotonic() - started < 1.0
