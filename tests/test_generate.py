"""The seeded corpus generator: determinism, and pages that read like the examples
(Russian, figures that still agree and still rise, other people, no stray noise)."""
from __future__ import annotations

import json
import re
from importlib.resources import files

import pytest

import ngotext
from ngotext.clean import clean_page, detect_lang
from ngotext.generate import _agreement, generate_corpus, write_corpus

from conftest import EXAMPLES

PAGES = generate_corpus(60, seed=11)


def _data(name: str) -> list[str]:
    text = files("ngotext").joinpath(f"data/{name}").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_same_seed_same_pages_byte_for_byte(tmp_path):
    a = write_corpus(tmp_path / "a", 12, seed=5)
    b = write_corpus(tmp_path / "b", 12, seed=5)
    files_a = sorted(p.name for p in a.iterdir())
    assert len(files_a) == 12
    for name in files_a:
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_count_and_names():
    pages = generate_corpus(7, seed=0)
    assert len(pages) == 7 and len({name for name, _ in pages}) == 7
    assert generate_corpus(0) == []
    # a longer run starts with the same pages: page k depends on (seed, k) only
    assert generate_corpus(9, seed=0)[:7] == pages


def test_different_seeds_differ():
    a, b = generate_corpus(5, seed=1), generate_corpus(5, seed=2)
    assert all(text_a != text_b for (_, text_a), (_, text_b) in zip(a, b))


def test_pages_are_russian_news_with_figures_and_sane_years():
    for name, text in PAGES:
        assert re.search(r"\d", text)
        years = [int(y) for y in re.findall(r"\b(1\d{3}|2\d{3})\s+год", text)]
        assert all(2010 <= y <= 2030 for y in years), (name, years)
        assert detect_lang(text) == "ru"


def test_figures_keep_agreement_with_their_nouns():
    """A scaled figure keeps the noun form it had: 31 миллион, 46 миллионов, 163 проекта."""
    wants = {"миллион": "one", "миллиона": "few", "миллионов": "many",
             "проект": "one", "проекта": "few", "проектов": "many", "детей": "many", "заявок": "many"}
    seen = 0
    for _, text in PAGES:
        for m in re.finditer(r"(?<![\d,])(?<!\d[ \u00a0])(\d+) (миллион\w*|проект\w*|детей|заявок)\b", text):
            if text[max(0, m.start() - 6):m.start()].strip().endswith("около"):
                continue                                   # "около 24 тысяч": genitive anyway
            assert _agreement(int(m.group(1))) == wants[m.group(2)], m.group()
            seen += 1
    assert seen >= 10


def _number(text: str) -> float:
    value = float(re.sub(r"[ \u00a0]", "", text.split(" тыс")[0]).replace(",", "."))
    return value * 1000 if "тыс" in text else value


def test_a_rise_from_x_to_y_stays_a_rise():
    rises = 0
    pattern = re.compile(r"(?:выросл|увеличил)\w* со? (\d[\d \u00a0]*\d|\d)(?: в \d{4} году)? "
                         r"до (\d[\d \u00a0]*\d(?:,\d)?(?: тыс\.)?|\d(?: тыс\.)?)")
    for _, text in PAGES:
        for m in pattern.finditer(text):
            assert _number(m.group(1)) < _number(m.group(2)), m.group()
            rises += 1
    assert rises >= 5


def test_dates_phones_and_ages_are_left_alone():
    months = "|".join(_data("generate_months.txt"))
    source = "\n".join(p.read_text(encoding="utf-8") for p in EXAMPLES.glob("*.txt"))
    for _, text in PAGES:
        for day in re.findall(rf"\b(\d+) (?:{months})\b", text):
            assert 1 <= int(day) <= 31
        for phone in re.findall(r"\+7 \(\d+\) [\d-]+", text):
            assert phone in source
        for age in re.findall(r"\d+-лет\w+", text):
            assert age in source
        for time in re.findall(r"\b\d{1,2}:\d\d\b", text):
            assert int(time.split(":")[0]) <= 23


def test_people_are_swapped_for_invented_ones():
    gold = [json.loads(p.read_text(encoding="utf-8")) for p in (EXAMPLES.parent / "gold").glob("*.json")]
    first_names = {line.split("\t")[0] for line in _data("generate_first_names.tsv")}
    authors = "\n".join(_data("generate_authors.txt") + _data("generate_headlines.txt"))
    quoted = [p["name"] for g in gold for p in g["people"]
              if p["title"] and p["name"].split()[0] in first_names
              and re.search(r"(ов|ев|ин)а?$", p["name"].split()[1])]
    assert len(quoted) >= 15
    everything = "\n".join(text for _, text in PAGES)
    for name in quoted:
        surname_stem = re.sub(r"а$", "", name.split()[1])
        assert name not in everything, name
        if surname_stem not in authors:
            assert not re.search(rf"\b{surname_stem}", everything), name
    new_surnames = [s for s in _data("generate_surnames.txt") if s in everything]
    assert len(new_surnames) >= 10


def test_the_tail_is_cut_off_by_the_cleaner():
    headlines = _data("generate_headlines.txt")
    with_tails = 0
    for _, text in PAGES:
        body = clean_page(text).body
        assert not any(h in body for h in headlines)
        with_tails += any(h in text for h in headlines)
    assert with_tails >= len(PAGES) // 2


def test_generated_pages_analyze_into_figures(tmp_path):
    res = ngotext.analyze(write_corpus(tmp_path / "g", 6, seed=9))
    assert len(res.articles) == 6 and res.errors.empty
    assert len(res.stats) >= 6
    assert res.articles["title"].notna().all()
    titles = {text.splitlines()[0] for _, text in generate_corpus(6, seed=9)}
    assert set(res.articles["title"]) == titles


def test_missing_source_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no example articles"):
        generate_corpus(3, source=tmp_path / "nothing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="no .txt articles"):
        generate_corpus(3, source=tmp_path / "empty")
