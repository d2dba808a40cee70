"""The bundled example articles: well-formed fixtures, and what ngotext reads from them
measured against their hand-written gold files (examples/gold/*.json)."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from conftest import EXAMPLES

GOLD_DIR = EXAMPLES.parent / "gold"
GOLD = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD_DIR.glob("*.json"))}


def test_every_example_is_utf8_with_a_gold_file():
    names = sorted(p.stem for p in EXAMPLES.glob("*.txt"))
    assert len(names) >= 8
    assert sorted(GOLD) == names
    for name in names:
        (EXAMPLES / f"{name}.txt").read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", sorted(GOLD))
def test_gold_quotes_are_in_their_article(name):
    text = (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    gold = GOLD[name]
    assert gold["body_ends_with"] in text
    for item in gold["stats"] + [{"quote": q} for q in gold["not_stats"]]:
        assert item["quote"] in text, item


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
    texts = examples_result.articles.set_index("doc_id")["text"]
    for name, gold in GOLD.items():
        doc = _doc(examples_result, name)
        quotes = examples_result.stats.loc[examples_result.stats.doc_id == doc, "quote"].tolist()
        for bad in gold["not_stats"]:
            assert not any(bad in q or q in bad for q in quotes), (name, bad, quotes)


def _matches(found: pd.DataFrame, item: dict) -> bool:
    same = found[(found["quote"].map(lambda q: q in item["quote"] or item["quote"] in q))
                 & ((found["value"] - item["value"]).abs() <= 1e-6 * max(abs(item["value"]), 1))
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


def test_abbreviations_are_linked(examples_result):
    ents = examples_result.entities
    for name, gold in GOLD.items():
        doc_ents = ents[ents.doc_id == _doc(examples_result, name)]
        for short, long in gold["abbr"].items():
            rows = doc_ents[doc_ents["text"] == short]
            if len(rows):
                assert (rows["canonical"] == long).any() or rows["canonical"].str.startswith(long[:20]).any(), (name, short)
