"""Highlight one article: its entities, officials' titles and figures.

HTML in Jupyter, colored text in a terminal. Spans may nest or overlap (a figure's
quote holds an organization, a title holds a place): the text is cut at every span
boundary and each piece is wrapped in the marks of all the spans that cover it, so
the markup stays valid whatever overlaps.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

COLORS = {"PER": "#fde68a", "ORG": "#bfdbfe", "LOC": "#bbf7d0", "TITLE": "#fbcfe8", "STAT": "#fed7aa"}
RICH_STYLES = {"PER": "bold yellow", "ORG": "bold blue", "LOC": "bold green",
               "TITLE": "bold magenta", "STAT": "bold red"}


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    stop: int
    kind: str    # PER, ORG, LOC, TITLE or STAT
    label: str   # what a tooltip says: the normal form, the title, the value and unit


@dataclass
class Highlight:
    """An article with its marks; displays itself as HTML in Jupyter and as rich text."""

    doc_id: str
    text: str
    marks: list[Mark]

    def pieces(self) -> list[tuple[int, int, list[int]]]:
        """(start, stop, indexes of the marks covering it) for every piece of the text."""
        cuts = sorted({0, len(self.text), *(m.start for m in self.marks), *(m.stop for m in self.marks)})
        out = []
        for start, stop in zip(cuts, cuts[1:]):
            covering = [i for i, m in enumerate(self.marks) if m.start <= start and stop <= m.stop]
            out.append((start, stop, covering))
        return out

    def _repr_html_(self) -> str:
        parts = [f'<div class="ngotext-show" data-doc-id="{html.escape(self.doc_id)}" '
                 'style="white-space: pre-wrap; line-height: 1.8">']
        for start, stop, covering in self.pieces():
            piece = html.escape(self.text[start:stop])
            for i in covering:
                m = self.marks[i]
                piece = (f'<mark data-mark="{i}" data-kind="{m.kind}" data-start="{m.start}" '
                         f'data-stop="{m.stop}" title="{html.escape(m.kind + ": " + m.label)}" '
                         f'style="background:{COLORS[m.kind]}; padding:0 1px">{piece}</mark>')
            parts.append(piece)
        legend = " ".join(f'<mark style="background:{c}">{k}</mark>' for k, c in COLORS.items())
        parts.append(f"</div><div style='margin-top:6px;font-size:small'>{legend}</div>")
        return "".join(parts)

    def __rich__(self):
        from rich.text import Text

        out = Text()
        for start, stop, covering in self.pieces():
            # the innermost (shortest) mark decides the color of a piece
            style = ""
            if covering:
                inner = min(covering, key=lambda i: self.marks[i].stop - self.marks[i].start)
                style = RICH_STYLES[self.marks[inner].kind]
            out.append(self.text[start:stop], style=style)
        return out


def marks_of(result, doc_id: str) -> list[Mark]:
    """Every entity, title and figure of one article as marks, ordered by position."""
    def rows(df: pd.DataFrame) -> pd.DataFrame:
        return df[df["doc_id"] == doc_id]

    marks = [Mark(int(r.start), int(r.stop), str(r.type), str(r.canonical if pd.notna(r.canonical) else r.text))
             for r in rows(result.entities).itertuples()]
    for r in rows(result.people).itertuples():
        if pd.notna(r.title_start) and pd.notna(r.title_stop):
            org = f" ({r.org})" if pd.notna(r.org) else ""
            marks.append(Mark(int(r.title_start), int(r.title_stop), "TITLE", f"{r.title}{org} — {r.name}"))
    for r in rows(result.stats).itertuples():
        subject = f" {r.subject}" if pd.notna(r.subject) else ""
        marks.append(Mark(int(r.start), int(r.stop), "STAT", f"{r.value:g} {r.unit}{subject}"))
    return sorted(set(marks), key=lambda m: (m.start, -m.stop, m.kind))


def highlight(result, doc_id: str) -> Highlight:
    """The Highlight of one article of a Result (no printing).

    >>> h = highlight(ngotext.analyze("Волонтёры Астаны помогли."), "text-00000")  # doctest: +SKIP
    >>> h._repr_html_()                                                           # doctest: +SKIP
    """
    texts = result.articles.set_index("doc_id")["text"]
    if doc_id not in texts.index:
        known = ", ".join(map(str, texts.index[:5]))
        raise KeyError(f"{doc_id!r} is not an article of this result (first ones: {known})")
    return Highlight(str(doc_id), str(texts[doc_id]), marks_of(result, doc_id))


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and shell.__class__.__name__ == "ZMQInteractiveShell"


def show(result, doc_id: str | None = None) -> Highlight:
    """Show one article with its entities, titles and figures highlighted.

    In Jupyter the returned object renders as HTML; elsewhere it is also printed to the
    terminal in color. ``doc_id`` defaults to the first article.

    >>> res = ngotext.analyze("examples/articles")    # doctest: +SKIP
    >>> ngotext.show(res, res.articles.doc_id[0])      # doctest: +SKIP
    """
    if doc_id is None:
        if result.articles.empty:
            raise ValueError("the result has no articles to show")
        doc_id = result.articles["doc_id"].iloc[0]
    shown = highlight(result, doc_id)
    if not _in_notebook():
        from rich.console import Console

        Console().print(shown)
    return shown
