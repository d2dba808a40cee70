"""The documentation site builds strictly, and its column reference is the code's."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ngotext.frames import SCHEMAS

ROOT = Path(__file__).resolve().parents[1]


def test_mkdocs_build_strict(tmp_path):
    pytest.importorskip("mkdocs")
    pytest.importorskip("mkdocstrings")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                          cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    page = (tmp_path / "site" / "columns" / "index.html").read_text(encoding="utf-8")
    for frame, cols in SCHEMAS.items():
        for name, dtype, _ in cols:
            assert f"<code>{name}</code>" in page, (frame, name)
    api = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    assert "ngotext.analyze" in api and "read_result" in api


def test_every_public_function_has_a_docstring_with_an_example():
    import ngotext

    for name in ngotext.__all__:
        obj = getattr(ngotext, name)
        if callable(obj) and not isinstance(obj, type):
            assert obj.__doc__ and ">>>" in obj.__doc__, name
