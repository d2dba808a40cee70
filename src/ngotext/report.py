"""A self-contained HTML summary of an analyzed corpus: counts, top organizations,
the officials table, the figures table, and bar charts drawn as inline SVG (no
scripts, no images to fetch, nothing beside the one file)."""
from __future__ import annotations

import html
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from . import __version__


def _table(df: pd.DataFrame, caption: str, table_id: str) -> str:
    if df.empty:
        return f'<h2>{html.escape(caption)}</h2><p class="empty" id="{table_id}">none</p>'
    body = df.astype("object").where(df.notna(), "").to_html(index=False, escape=True, border=0)
    body = body.replace("<table", f'<table id="{table_id}"', 1)
    return f"<h2>{html.escape(caption)}</h2>{body}"


def bar_chart(counts: pd.Series, title: str, chart_id: str, width: int = 560) -> str:
    """An SVG bar chart of a Series (label -> number), largest first.

    >>> "<svg" in bar_chart(pd.Series({"НПО": 3, "волонтёр": 1}), "Figures", "c1")
    True
    """
    counts = counts.sort_values(ascending=False).head(15)
    if counts.empty:
        return ""
    bar_h, label_w = 20, 220
    height = bar_h * len(counts) + 30
    top = float(counts.max()) or 1.0
    rows = []
    for i, (label, value) in enumerate(counts.items()):
        y = 25 + i * bar_h
        w = max(1.0, (width - label_w - 60) * float(value) / top)
        rows.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" font-size="12">{html.escape(str(label))}</text>'
            f'<rect class="bar" data-label="{html.escape(str(label))}" data-value="{value}" x="{label_w}" '
            f'y="{y + 2}" width="{w:.1f}" height="{bar_h - 5}" fill="#3b82f6"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 14}" font-size="12">{value:,}</text>')
    return (f'<svg id="{chart_id}" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'role="img" aria-label="{html.escape(title)}"><text x="0" y="15" font-size="14" '
            f'font-weight="bold">{html.escape(title)}</text>{"".join(rows)}</svg>')


def render(result, title: str = "ngotext report") -> str:
    """The report of a Result as one HTML string."""
    arts, ents, people, stats = result.articles, result.entities, result.people, result.stats
    counts = pd.DataFrame({"what": ["articles", "errors", "sentences", "tokens", "entity mentions",
                                    "people rows", "figures"],
                           "rows": [len(arts), len(result.errors), len(result.sentences), len(result.tokens),
                                    len(ents), len(people), len(stats)]})
    orgs = (ents[(ents["type"] == "ORG") & ~ents["nested"]].drop_duplicates(["doc_id", "canonical"])
            .groupby("canonical").size().rename("articles"))
    officials = (people[people["title"].notna()][["name", "title", "org", "doc_id"]]
                 .drop_duplicates().sort_values(["name", "title"]))
    figures = stats[["doc_id", "quote", "value", "unit", "subject", "category", "qualifier", "year"]]
    by_category = stats.groupby("category").size() if len(stats) else pd.Series(dtype="int64")
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    sections = [
        _table(counts, "Counts", "counts"),
        "<h2>Top organizations</h2>" + bar_chart(orgs, "Articles per organization", "chart-orgs"),
        _table(orgs.sort_values(ascending=False).head(30).reset_index(), "Organizations by articles", "orgs"),
        _table(officials, "Officials and their titles", "officials"),
        "<h2>Figures by category</h2>" + bar_chart(by_category, "Figures per category", "chart-categories"),
        _table(figures, "Figures", "figures"),
        _table(result.errors[["doc_id", "stage", "error"]], "Inputs that failed", "errors"),
    ]
    style = ("body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}"
             "table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #ddd;"
             "padding:3px 8px;text-align:left}h2{margin-top:1.6em}")
    return (f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{style}</style></head><body><h1>{html.escape(title)}</h1>"
            f"<p>ngotext {__version__}, {generated}</p>{''.join(sections)}</body></html>")


def write_report(result, path: str | Path, title: str = "ngotext report") -> Path:
    """Write the HTML report of a Result to ``path``; returns the path.

    >>> write_report(ngotext.read_result("out"), "report.html")   # doctest: +SKIP
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(result, title), encoding="utf-8")
    return path
