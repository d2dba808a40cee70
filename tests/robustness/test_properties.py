"""Property tests: for any text, analyze returns valid frames and never raises."""
from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ngotext

# Texts that look like scraped Russian news more often than uniform Unicode would:
# Cyrillic words, digits with separators, punctuation, line breaks, no-break spaces,
# look-alike Latin letters, direction marks, NULs, plus any character at all.
PIECES = st.sampled_from([
    "НПО", "волонтёров", "тыс.", "млн", "млрд тенге", "в 2019 году", "более", "свыше", "около",
    "с 224 до 680", "%", "в 6,5 раза", "Министерство культуры и информации", "Данияр Кадиров",
    "президент ГАК", "«", "»", " – ", "\n", "\n\n", "\u00a0", ". ", ", ", "(", ")", "№ 55-р",
    "HПО", "\u200f", "\x00", "\ufeff", "Популярное", "[[year]]", "1 200 000", "23\u00a0тыс.",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map(" ".join)


def check(res: ngotext.Result, n_inputs: int) -> None:
    assert len(res.articles) + len(res.errors) == n_inputs
    texts = res.articles.set_index("doc_id")["text"]
    for name, col in (("sentences", "text"), ("tokens", "text"), ("entities", "text"), ("stats", "quote")):
        for row in getattr(res, name).itertuples():
            assert texts[row.doc_id][row.start:row.stop] == getattr(row, col), (name, row)
    for row in res.people.itertuples():
        n = len(texts[row.doc_id])
        assert 0 <= row.start < row.stop <= n
        if pd.notna(row.title_start):
            assert 0 <= row.title_start < row.title_stop <= n
    assert res.stats["value"].map(lambda v: v == v and abs(v) != float("inf")).all()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_gives_valid_frames(text):
    check(ngotext.analyze(pd.Series([text], index=["x"])), 1)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXTS, min_size=1, max_size=5))
def test_any_batch_gives_one_row_per_input(texts):
    check(ngotext.analyze(pd.Series(texts, index=[f"d{i}" for i in range(len(texts))])), len(texts))


@settings(max_examples=60, deadline=None)
@given(TEXTS)
def test_cleaning_keeps_offsets_valid(text):
    res = ngotext.analyze(pd.Series([text], index=["x"]), clean=True)
    check(res, 1)
    res = ngotext.analyze(pd.Series([text], index=["x"]), clean=False)
    check(res, 1)
