"""A seeded generator of plausible news pages, for benchmarks and notebooks.

It recombines the body paragraphs of the bundled example articles into new pages:
other headlines, heads and tails from small lists in ``data/generate_*.txt``, figures
scaled and years moved (each in the format it was written in). The same seed gives
the same pages, byte for byte.
"""
from __future__ import annotations

import random
import re
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from .clean import clean_page

DEFAULT_SOURCE = Path(__file__).resolve().parents[2] / "examples" / "articles"

_YEAR = re.compile(r"\b(?:19[89]\d|20[0-3]\d)\b")
# Figures to scale: digit groups ("12 400", "2,7", "850"), not dates, times, phones, numbers.
_FIGURE = re.compile(r"(?<![\d:.№+(-])\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?(?![\d:])"
                     r"|(?<![\d:.№+(-])\d+,\d+(?![\d:])|(?<![\d:.№+(-])\d{1,4}(?![\d:.,-])")


@lru_cache(maxsize=None)
def _lines(name: str) -> tuple[str, ...]:
    text = files("ngotext").joinpath(f"data/{name}").read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _paragraphs(source: Path) -> list[str]:
    if not source.is_dir():
        raise FileNotFoundError(f"{source}: no example articles to generate from; pass source= "
                                "a folder of .txt articles (a source checkout has examples/articles)")
    out = []
    for path in sorted(source.glob("*.txt")):
        body = clean_page(path.read_text(encoding="utf-8")).body
        out.extend(p.strip() for p in body.split("\n\n") if len(p.strip()) > 60)
    if not out:
        raise FileNotFoundError(f"{source}: holds no .txt articles to generate from")
    return out


def _format_like(original: str, value: float) -> str:
    decimals = len(original.split(",")[1]) if "," in original else 0
    if decimals:
        text = f"{value:.{decimals}f}".replace(".", ",")
    else:
        text = str(max(1, round(value)))
        sep = "\u00a0" if "\u00a0" in original else " "
        if sep in original or len(text) > 4:
            text = f"{int(text):,}".replace(",", sep)
    return text


def _vary(paragraph: str, rng: random.Random, year_shift: int) -> str:
    def replace(m: re.Match) -> str:
        figure = m.group()
        if _YEAR.fullmatch(figure):
            return str(int(figure) + year_shift)   # a year moves, it is not scaled
        value = float(figure.replace(" ", "").replace("\u00a0", "").replace(",", "."))
        return _format_like(figure, value * rng.uniform(0.5, 2.0))

    return _FIGURE.sub(replace, paragraph)


def _head(rng: random.Random, title: str, year: int) -> str:
    day, month = rng.randint(1, 28), rng.choice(_lines("generate_months.txt"))
    views = rng.randint(40, 25_000)
    author = rng.choice(_lines("generate_authors.txt"))
    layouts = [
        f"{title}\n\n{views}\n{author}\n",
        f"{title}\nАвтор: {author}\n{day} {month} {year}, {rng.randint(8, 20)}:{rng.randint(0, 59):02d}\n"
        f"Просмотров: {views:,}\n".replace(",", " "),
        f"{title}\n\nАвтор: {author} | {day} {month} {year} | Просмотров: {views}\n",
        f"{title}\n\n",
    ]
    return rng.choice(layouts)


def _tail(rng: random.Random) -> str:
    marker = rng.choice(["Популярное", "Читайте также", "Другие новости", ""])
    if not marker:
        return ""
    headlines = rng.sample(_lines("generate_headlines.txt"), k=rng.randint(3, 8))
    return f"\n{marker}\n\n" + "\n".join(headlines) + "\n"


def generate_corpus(n: int, seed: int = 0, source: Path | str = DEFAULT_SOURCE) -> list[tuple[str, str]]:
    """``n`` generated pages as (file name, text), the same for the same seed.

    >>> pages = generate_corpus(3, seed=1)
    >>> [name for name, _ in pages]
    ['gen-1-00000.txt', 'gen-1-00001.txt', 'gen-1-00002.txt']
    >>> pages == generate_corpus(3, seed=1)
    True
    """
    pool = _paragraphs(Path(source))
    titles = _lines("generate_titles.txt")
    regions = _lines("generate_regions.txt")
    out = []
    for k in range(n):
        rng = random.Random(f"ngotext-{seed}-{k}")
        year_shift = rng.randint(-4, 1)
        year = 2024 + year_shift
        title = rng.choice(titles).format(region=rng.choice(regions), year=year)
        body = "\n\n".join(_vary(p, rng, year_shift) for p in rng.sample(pool, k=min(len(pool), rng.randint(3, 7))))
        out.append((f"gen-{seed}-{k:05d}.txt", _head(rng, title, year) + "\n" + body + "\n" + _tail(rng)))
    return out


def write_corpus(folder: Path | str, n: int, seed: int = 0, source: Path | str = DEFAULT_SOURCE) -> Path:
    """Write ``n`` generated pages into ``folder`` (created if missing); returns it.

    >>> write_corpus("/tmp/corpus", 100, seed=7)   # doctest: +SKIP
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in generate_corpus(n, seed, source):
        (folder / name).write_text(text, encoding="utf-8")
    return folder
