"""Shared fixtures: paths to the project's examples and to ../shared (skipped when absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder beside the project; tests that need it skip on users' machines."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not present (it exists only on the developers' machines)")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared) -> str:
    return (shared / "corpus" / "kp-ngo-day.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def examples_result():
    """The bundled example articles, analyzed once for the whole session."""
    import ngotext

    if not EXAMPLES.is_dir() or not any(EXAMPLES.glob("*.txt")):
        pytest.fail("examples/articles is missing: the project ships its sample articles")
    return ngotext.analyze(EXAMPLES)
