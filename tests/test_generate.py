"""The seeded corpus generator."""
from __future__ import annotations

import re

import pytest

import ngotext
from ngotext.clean import detect_lang
from ngotext.generate import generate_corpus, write_corpus


def test_same_seed_same_pages_byte_for_byte(tmp_path):
    a = write_corpus(tmp_path / "a", 12, seed=5)
    b = write_corpus(tmp_path / "b", 12, seed=5)
    files_a = sorted(p.name for p in a.iterdir())
    assert len(files_a) == 12
    for name in files_a:
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_different_seeds_differ():
    assert generate_corpus(5, seed=1) != generate_corpus(5, seed=2)


def test_pages_are_russian_news_with_figures_and_sane_years():
    for name, text in generate_corpus(20, seed=3):
        assert re.search(r"\d", text)
        years = [int(y) for y in re.findall(r"\b(1\d{3}|2\d{3})\s+год", text)]
        assert all(2010 <= y <= 2030 for y in years), (name, years)
        assert detect_lang(text) == "ru"


def test_generated_pages_analyze_into_figures(tmp_path):
    res = ngotext.analyze(write_corpus(tmp_path / "g", 6, seed=9))
    assert len(res.articles) == 6 and res.errors.empty
    assert len(res.stats) >= 6
    assert res.articles["title"].notna().all()


def test_missing_source_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no example articles"):
        generate_corpus(3, source=tmp_path / "nothing")
