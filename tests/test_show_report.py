"""ngotext.show and the HTML report, checked by parsing what they produce."""
from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser

import pandas as pd
import pytest
from typer.testing import CliRunner

import ngotext
from ngotext.cli import app
from ngotext.show import highlight


class MarkCollector(HTMLParser):
    """Text per mark id, and each mark's kind and declared offsets."""

    def __init__(self):
        super().__init__()
        self.open: list[dict] = []
        self.text: dict[str, str] = defaultdict(str)
        self.meta: dict[str, tuple[str, int, int]] = {}
        self.plain = ""

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            attrs = dict(attrs)
            self.open.append(attrs)
            if "data-mark" in attrs:
                self.meta[attrs["data-mark"]] = (attrs["data-kind"], int(attrs["data-start"]),
                                                 int(attrs["data-stop"]))

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data):
        for attrs in self.open:
            if "data-mark" in attrs:
                self.text[attrs["data-mark"]] += data


def busiest_doc(result) -> str:
    counts = (pd.concat([result.entities["doc_id"], result.stats["doc_id"]])
              .value_counts())
    return counts.index[0]


def test_show_marks_every_entity_title_and_figure_at_its_offsets(examples_result):
    res = examples_result
    doc_id = busiest_doc(res)
    text = res.articles.set_index("doc_id").loc[doc_id, "text"]
    shown = highlight(res, doc_id)
    parser = MarkCollector()
    parser.feed(shown._repr_html_())
    marked = {(kind, start, stop) for kind, start, stop in parser.meta.values()}
    ents = res.entities[res.entities["doc_id"] == doc_id]
    stats = res.stats[res.stats["doc_id"] == doc_id]
    people = res.people[(res.people["doc_id"] == doc_id) & res.people["title_start"].notna()]
    assert len(ents) > 0 and len(stats) > 0
    for r in ents.itertuples():
        assert (r.type, r.start, r.stop) in marked
    for r in stats.itertuples():
        assert ("STAT", r.start, r.stop) in marked
    for r in people.itertuples():
        assert ("TITLE", r.title_start, r.title_stop) in marked
    # what each mark wraps is exactly the article's text at its offsets
    for mark_id, (kind, start, stop) in parser.meta.items():
        assert parser.text[mark_id] == text[start:stop], (kind, start, stop)


def test_show_rejects_an_unknown_doc_id(examples_result):
    with pytest.raises(KeyError, match="not an article"):
        highlight(examples_result, "no-such-article")


def test_show_prints_colored_text_in_a_terminal(examples_result, capsys):
    doc_id = examples_result.articles["doc_id"].iloc[0]
    ngotext.show(examples_result, doc_id)
    out = capsys.readouterr().out
    first_line = examples_result.articles.set_index("doc_id").loc[doc_id, "text"].splitlines()[0]
    assert first_line[:30] in out


class TableReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.bars: list[dict] = []
        self.current = None
        self.cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.current = self.tables.setdefault(attrs.get("id", "?"), [])
        elif tag == "tr" and self.current is not None:
            self.current.append([])
        elif tag in ("td", "th") and self.current is not None:
            self.cell = ""
        elif tag == "rect" and attrs.get("class") == "bar":
            self.bars.append(attrs)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.current[-1].append(self.cell.strip())
            self.cell = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def test_report_command_writes_a_self_contained_summary(examples_result, tmp_path):
    examples_result.to_parquet(tmp_path / "out")
    result = CliRunner().invoke(app, ["report", str(tmp_path / "out"), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script" not in page and "src=" not in page   # nothing to fetch
    reader = TableReader()
    reader.feed(page)
    counts = {row[0]: int(row[1].replace(",", "")) for row in reader.tables["counts"][1:]}
    assert counts["articles"] == len(examples_result.articles)
    assert counts["figures"] == len(examples_result.stats)
    officials = reader.tables["officials"]
    assert officials[0] == ["name", "title", "org", "doc_id"]
    expected = examples_result.people.dropna(subset=["title"])[["name", "title"]].drop_duplicates()
    assert len(officials) - 1 >= len(expected) > 0
    bars = {b["data-label"]: float(b["data-value"]) for b in reader.bars}
    per_category = examples_result.stats.groupby("category").size()
    for category, n in per_category.items():
        assert bars[category] == n
