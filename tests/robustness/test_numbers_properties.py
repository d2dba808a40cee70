"""Property tests of the number reader: it never raises, and reads back what it formats."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ngotext import numbers

SEPARATORS = st.sampled_from([" ", "\u00a0", "."])
SCALES = st.sampled_from([("тыс.", 1e3), ("тысяч", 1e3), ("млн", 1e6), ("миллионов", 1e6),
                          ("млрд", 1e9), ("миллиардов", 1e9), ("трлн", 1e12)])


def grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_and_spans_are_valid(text):
    for q in numbers.find(text):
        assert 0 <= q.start < q.stop <= len(text)
        assert q.kind in numbers.KINDS


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), SEPARATORS)
def test_reads_back_grouped_integers(n, sep):
    text = f"Всего {grouped(n, sep)} человек."
    found = numbers.find(text)
    assert [q.value for q in found] == [float(n)], text
    assert text[found[0].start:found[0].stop] == grouped(n, sep)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=9), SCALES)
def test_reads_back_decimals_with_scales(whole, tenth, scale):
    word, factor = scale
    text = f"Выделено {whole},{tenth} {word} тенге на проекты."
    [q] = numbers.find(text)
    assert abs(q.value - (whole + tenth / 10) * factor) <= 1e-6 * factor * whole
    assert q.scaled


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999))
def test_reads_back_compounds(billions, millions):
    text = f"Бюджет составил {billions} млрд {millions} млн тенге."
    [q] = numbers.find(text)
    assert q.value == billions * 1e9 + millions * 1e6


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=99), st.integers(min_value=0, max_value=9))
def test_reads_back_percentages(whole, tenth):
    text = f"Рост составил {whole},{tenth}% за год."
    [q] = numbers.find(text)
    assert q.kind == "percent" and abs(q.value - (whole + tenth / 10)) < 1e-9
