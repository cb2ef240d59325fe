"""Hostile inputs and faults: every received file is untrusted. Helpers to build them and to measure
what reading them costs (exit code, output lines, seconds, peak memory of the whole process tree)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from hostile_tools import SAMPLE_DOC, SAMPLE_DOCX


@pytest.fixture
def sample_docx() -> Path:
    return SAMPLE_DOCX


@pytest.fixture
def sample_doc() -> Path:
    return SAMPLE_DOC


@pytest.fixture
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
