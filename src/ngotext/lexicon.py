"""The lexicon files in ``ngotext/data/``: UTF-8, one entry per line, ``#`` comment lines
and blank lines left out, tab-separated columns. Each file is read once per process."""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=None)
def lines(name: str) -> tuple[str, ...]:
    """The entry lines of ``data/NAME``, in file order.

    >>> lines("generate_months.txt")[:2]
    ('января', 'февраля')
    """
    text = files("ngotext").joinpath(f"data/{name}").read_text("utf-8")
    return tuple(line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


def rows(name: str) -> list[list[str]]:
    """The entries of ``data/NAME`` split into their tab-separated cells, each stripped.

    >>> rows("domain_nouns.tsv")[0]
    ['аким', 'masc', 'decl']
    """
    return [[cell.strip() for cell in line.split("\t")] for line in lines(name)]
