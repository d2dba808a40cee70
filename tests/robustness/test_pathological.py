"""Pathological inputs: each finishes within a bound and ends as an article or an error row."""
from __future__ import annotations

import time

import pandas as pd
import pytest

import ngotext

BOUND = 60.0  # seconds per case on a shared 2-core machine; typical runs take a few


def analyze_timed(source, **kw) -> tuple[ngotext.Result, float]:
    started = time.perf_counter()
    res = ngotext.analyze(source, **kw)
    return res, time.perf_counter() - started


CASES = {
    "line_1mb_without_spaces": "а" * 1_000_000,
    "number_100k_digits": "Число НПО: " + "7" * 100_000 + " организаций, 5 млн тенге.",
    "npo_repeated_100k": "НПО " * 100_000,
    "only_punctuation": "!?.,;:—«»()[]…" * 20_000,
    "nul_bytes": "Фонд\x00 выделил\x00 5 млн тенге\x00 НПО.",
    "lookalikes": "HПО и HKO получили гранты: 5 млн тенге.",
    "direction_marks": "\u202eФонд\u202c выделил \u200f5 млн\u200e тенге НКО.",
    "bom_mid_text": "Первый абзац о НПО.\ufeffВторой абзац: 300 волонтёров.",
    "huge_figures": "Бюджет 999999999999999999999999 трлн тенге вырос в 1e308 раза.",
    "nested_quotes": "«" * 5000 + "Фонд" + "»" * 5000,
    "many_short_lines": "Заголовок\n" * 50_000,
}


@pytest.mark.parametrize("name", CASES)
def test_pathological_text_finishes_as_a_row(name):
    res, seconds = analyze_timed(pd.Series([CASES[name]], index=[name]))
    assert seconds < BOUND, f"{name} took {seconds:.1f} s"
    assert len(res.articles) + len(res.errors) == 1
    texts = res.articles.set_index("doc_id")["text"]
    for row in res.tokens.itertuples():
        assert texts[row.doc_id][row.start:row.stop] == row.text
    for row in res.stats.itertuples():
        assert texts[row.doc_id][row.start:row.stop] == row.quote
        assert row.value == row.value and abs(row.value) != float("inf")


def test_a_20_mb_file_becomes_an_error_row_naming_the_limit(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Волонтёры помогли НПО. " * 900_000, encoding="utf-8")
    assert path.stat().st_size > 20_000_000
    res, seconds = analyze_timed(path)
    assert seconds < BOUND
    assert res.articles.empty
    [row] = res.errors.to_dict("records")
    assert row["stage"] == "limits"
    assert "huge.txt" in row["error"] and "max_chars" in row["error"]


def test_the_size_limit_is_configurable():
    text = "Волонтёры помогли НПО. " * 200
    assert len(ngotext.analyze(text, max_chars=1_000).errors) == 1
    assert len(ngotext.analyze(text, max_chars=10_000).articles) == 1
