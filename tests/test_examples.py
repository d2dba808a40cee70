"""The bundled example articles: well-formed fixtures with consistent gold files, and
what ngotext reads from them measured against those gold files (examples/gold/*.json)."""
from __future__ import annotations

import json
import re
from importlib.resources import files

import pandas as pd
import pytest

from conftest import EXAMPLES

GOLD_DIR = EXAMPLES.parent / "gold"
GOLD = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD_DIR.glob("*.json"))}
UNITS = {"KZT", "RUB", "USD", "EUR", "count", "percent", "times"}
QUALIFIERS = {"exact", "more_than", "less_than", "about", "up_to"}


def _text(name: str) -> str:
    return (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")


def _tail_markers() -> list[str]:
    lines = files("ngotext").joinpath("data/clean_tail_markers.txt").read_text("utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _tail_start(text: str) -> int | None:
    """Offset of the first line that opens a navigation tail (as clean.py's lexicon says)."""
    starts = [re.compile(re.escape(m) + r"(?![а-яёa-z])", re.IGNORECASE) for m in _tail_markers()]
    offset = 0
    for line in text.splitlines(keepends=True):
        if any(s.match(line.strip()) for s in starts):
            return offset
        offset += len(line)
    return None


# ------------------------------------------------------------------ the fixtures themselves

def test_every_example_is_utf8_with_a_gold_file():
    names = sorted(p.stem for p in EXAMPLES.glob("*.txt"))
    assert len(names) >= 10
    assert sorted(GOLD) == names
    for name in names:
        (EXAMPLES / f"{name}.txt").read_bytes().decode("utf-8")
        assert GOLD[name]["file"] == f"{name}.txt"


def test_kazakh_and_russian_sites_are_both_represented():
    assert sum(name.startswith("kz-") for name in GOLD) >= 7
    assert sum(name.startswith("ru-") for name in GOLD) >= 3
    assert all(re.fullmatch(r"(kz|ru)-[a-z0-9-]+", name) for name in GOLD)


def test_realistic_typography_somewhere_in_the_examples():
    texts = [_text(name) for name in GOLD]
    assert any(re.search(r"\d\u00a0\d", t) or re.search(r"\d\u00a0тыс", t) for t in texts)
    assert sum("«" in t for t in texts) >= 5
    assert sum("–" in t or "—" in t for t in texts) >= 5
    assert sum("ё" in t for t in texts) >= 5


@pytest.mark.parametrize("name", sorted(GOLD))
def test_gold_quotes_are_in_their_article(name):
    text = _text(name)
    gold = GOLD[name]
    assert text.splitlines()[0].strip() == gold["title"]
    assert gold["body_ends_with"] in text
    for item in gold["stats"] + [{"quote": q} for q in gold["not_stats"] + gold.get("not_in_body", [])]:
        assert item["quote"] in text, item
    if gold["author"]:
        assert gold["author"] in text
    if gold["views"] is not None:
        views = re.escape(f"{gold['views']:,}").replace(",", "[ \u00a0]?")
        assert re.search(rf"(?<!\d){views}(?!\d)", text), gold["views"]
    for short in gold["abbr"]:
        assert re.search(rf"\b{re.escape(short)}\b", text), short


@pytest.mark.parametrize("name", sorted(GOLD))
def test_the_body_ends_right_before_the_tail(name):
    """Between the body's last words and the first tail marker there is nothing but space."""
    text, end = _text(name), GOLD[name]["body_ends_with"]
    body_stop = text.rindex(end, 0, _tail_start(text) or len(text)) + len(end)
    tail = _tail_start(text)
    assert tail is None or body_stop <= tail
    assert text[body_stop:tail if tail is not None else len(text)].strip() == ""


def test_most_pages_carry_a_navigation_tail_with_headlines():
    with_tails = [name for name in GOLD if _tail_start(_text(name)) is not None]
    assert len(with_tails) >= 6
    long_tails = [n for n in with_tails if len(_text(n)[_tail_start(_text(n)):].strip().splitlines()) >= 6]
    assert len(long_tails) >= 6


@pytest.mark.parametrize("name", sorted(GOLD))
def test_gold_records_are_well_formed(name):
    gold = GOLD[name]
    text = _text(name)
    tail = _tail_start(text) or len(text)
    for item in gold["stats"]:
        assert item["unit"] in UNITS and item["qualifier"] in QUALIFIERS, item
        assert isinstance(item["value"], (int, float)) and item["value"] > 0, item
        assert item["year"] is None or 2000 <= item["year"] <= 2030, item
        assert text.find(item["quote"]) < tail, ("a gold figure must stand in the body", item)
        assert not any(bad in item["quote"] or item["quote"] in bad for bad in gold["not_stats"]), item
    for person in gold["people"]:
        assert re.fullmatch(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)? [А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?", person["name"]), person
        assert person["title"] is None or person["title"][0].islower(), person
    for bad in gold.get("not_in_body", []):
        assert text.find(bad, tail) >= tail and bad not in text[:tail], bad
    for short, long in gold["abbr"].items():
        assert short.isupper() and len(long.split()) >= 2, (short, long)


_SCALE = {"тыс.": 1e3, "тысяч": 1e3, "тысячи": 1e3, "тысячам": 1e3,
          "млн": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6,
          "млрд": 1e9, "миллиард": 1e9, "миллиардов": 1e9}
_SIMPLE = re.compile(r"(\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:,\d+)?)(?:[ \u00a0](тыс\.|[а-я]+))?")


def test_gold_values_agree_with_their_quotes():
    """Where a quote holds one plain figure, its digits and scale word give the gold value."""
    checked = 0
    for name, gold in GOLD.items():
        for item in gold["stats"]:
            numbers = re.findall(r"\d+(?:[ \u00a0]\d{3})*(?:,\d+)?", item["quote"])
            numbers = [n for n in numbers if not (item["year"] and n == str(item["year"]))]
            if len(numbers) != 1:
                continue
            m = _SIMPLE.search(item["quote"], item["quote"].index(numbers[0]))
            value = float(re.sub(r"[ \u00a0]", "", m.group(1)).replace(",", "."))
            value *= _SCALE.get(m.group(2) or "", 1)
            assert abs(value - item["value"]) <= 1e-6 * item["value"], (name, item)
            checked += 1
    assert checked >= 60


# ------------------------------------------------------------------ ngotext against the gold

def _doc(res, name):
    return f"{name}.txt"


def test_metadata_from_the_page_head(examples_result):
    arts = examples_result.articles.set_index("doc_id")
    for name, gold in GOLD.items():
        row = arts.loc[_doc(examples_result, name)]
        assert row["title"] == gold["title"], name
        assert (row["author"] if pd.notna(row["author"]) else None) == gold["author"], name
        assert (int(row["views"]) if pd.notna(row["views"]) else None) == gold["views"], name
        assert row["text"].rstrip().endswith(gold["body_ends_with"]), name
        if gold.get("published"):
            assert str(row["published"].date()) == gold["published"], name


def test_nothing_is_extracted_from_page_tails(examples_result):
    for name, gold in GOLD.items():
        doc = _doc(examples_result, name)
        quotes = examples_result.stats.loc[examples_result.stats.doc_id == doc, "quote"].tolist()
        for bad in gold["not_stats"]:
            assert not any(bad in q or q in bad for q in quotes), (name, bad, quotes)


def _matches(found: pd.DataFrame, item: dict) -> bool:
    same = found[(found["quote"].map(lambda q: q in item["quote"] or item["quote"] in q))
                 & ((found["value"] - item["value"]).abs() <= 1e-4 * max(abs(item["value"]), 1))   # "a third": 33.33…
                 & (found["unit"] == item["unit"])]
    return len(same) > 0


def test_figures_recall_and_precision_against_gold(examples_result):
    stats = examples_result.stats
    gold_total = found_total = hits = qualifier_hits = 0
    for name, gold in GOLD.items():
        found = stats[stats.doc_id == _doc(examples_result, name)]
        gold_total += len(gold["stats"])
        found_total += len(found)
        for item in gold["stats"]:
            if _matches(found, item):
                hits += 1
                match = found[found["quote"].map(lambda q: q in item["quote"] or item["quote"] in q)]
                qualifier_hits += item["qualifier"] in set(match["qualifier"])
    recall, precision = hits / gold_total, hits / max(found_total, 1)
    assert recall >= 0.85, f"recall {recall:.2f} ({hits}/{gold_total})"
    assert precision >= 0.75, f"precision {precision:.2f} ({hits}/{found_total})"
    assert qualifier_hits >= 0.9 * hits


def test_people_with_titles_against_gold(examples_result):
    people = examples_result.people
    total = named = titled = 0
    for name, gold in GOLD.items():
        rows = people[people.doc_id == _doc(examples_result, name)]
        for person in gold["people"]:
            total += 1
            mine = rows[rows["name"] == person["name"]]
            named += len(mine) > 0
            if person["title"] is None:
                titled += len(mine) > 0
            else:
                titled += (mine["title"].str.lower() == person["title"].lower()).any()
    assert named / total >= 0.85, f"names {named}/{total}"
    assert titled / total >= 0.6, f"titles {titled}/{total}"


def test_no_person_comes_from_a_page_tail(examples_result):
    people = examples_result.people
    for name, gold in GOLD.items():
        names = set(people.loc[people.doc_id == _doc(examples_result, name), "name"])
        for bad in gold.get("not_in_body", []):
            if re.fullmatch(r"[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+", bad):   # a tail person, not a figure
                assert not any(bad.split()[-1][:5] in found for found in names), (name, bad)


def test_abbreviations_are_linked(examples_result):
    ents = examples_result.entities
    for name, gold in GOLD.items():
        doc_ents = ents[ents.doc_id == _doc(examples_result, name)]
        for short, long in gold["abbr"].items():
            rows = doc_ents[doc_ents["text"] == short]
            if len(rows):
                assert (rows["canonical"] == long).any() or rows["canonical"].str.startswith(long[:20]).any(), (name, short)
