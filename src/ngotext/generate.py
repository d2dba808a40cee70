"""A seeded generator of plausible news pages, for benchmarks and notebooks.

It recombines the body paragraphs of the bundled example articles into new pages:
other people (a first name for another of the same gender and ending, a surname stem
for another, so every case form follows), other regions, years moved together, and
figures scaled together (a page's paragraph keeps its proportions, each figure its
format and grammatical agreement). Heads, captions and navigation tails vary as on
real sites. The words come from small lists in ``data/generate_*``; the same seed gives
the same pages, byte for byte.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import lexicon
from .clean import clean_page

DEFAULT_SOURCE = Path(__file__).resolve().parents[2] / "examples" / "articles"

_YEAR = re.compile(r"(?:19[89]\d|20[0-3]\d)")
# Words after a figure that do not agree with it in number (abbreviations, symbols).
_NO_AGREEMENT = re.compile(r"[ \u00a0]?(?:%|тыс\.|млн|млрд|трлн|руб\.|тг\b|км\b|долл\.)")
_SCALE_WORD = re.compile(r"[ \u00a0](?:тыс|млн|млрд|тысяч|миллион|миллиард)")
_PERCENT = re.compile(r"[ \u00a0]?(?:%|процент)")
_TIMES = re.compile(r"[ \u00a0]раз(?:а|\b)")
_SURNAME = r"[А-ЯЁ][а-яё]+?(?:ов|ев|ёв|ин|ын)"
_SURNAME_ENDINGS = r"(?:а|у|ым|ом|е|ой|ы)?"


@lru_cache(maxsize=None)
def _figure_pattern() -> re.Pattern:
    """Figures to vary: digit groups ("12 400", "2,7", "850"); not a day before a month,
    a time, a phone, an age ("55-летняя"), an order number ("№ 112-р")."""
    months = "|".join(lexicon.lines("generate_months.txt"))
    not_before = r"(?<![\d:.,№+(\-])(?<!№ )(?<!№\u00a0)"
    not_after = rf"(?![\d:\-])(?![.,]\d)(?![ \u00a0](?:{months})\b)"
    return re.compile(rf"{not_before}(?:\d{{1,3}}(?:[ \u00a0]\d{{3}})+|\d+)(?:,\d+)?{not_after}")


# ---------------------------------------------------------------- people

def _ending_class(name: str, gender: str) -> tuple[str, str, tuple[str, ...]]:
    """(class, stem, endings) of a first name: names of one class decline alike."""
    if gender == "masc":
        if name.endswith("й"):
            return "m-й", name[:-1], ("й", "я", "ю", "ем", "е")
        if name.endswith("ь"):
            return "m-ь", name[:-1], ("ь", "я", "ю", "ем", "е")
        return "m", name, ("", "а", "у", "ом", "е")
    if name.endswith("ия"):
        return "f-ия", name[:-1], ("я", "и", "ю", "ей")
    if name.endswith("ья"):
        return "f-ья", name[:-1], ("я", "и", "е", "ю", "ей")
    if name.endswith("а"):
        return "f-а", name[:-1], ("а", "ы", "и", "е", "у", "ой")
    if name.endswith("ь"):
        return "f-ь", name[:-1], ("ь", "и", "ью")
    return "f", name, ("",)          # Айгерим, Сауле: not declined


@lru_cache(maxsize=None)
def _first_names() -> dict[str, tuple[str, str, tuple[str, ...]]]:
    out = {}
    for line in lexicon.lines("generate_first_names.tsv"):
        name, gender = line.split("\t")
        out[name] = _ending_class(name, gender)
    return out


@lru_cache(maxsize=None)
def _person_pattern() -> re.Pattern:
    """A known first name in any case form, then a capitalized surname."""
    forms = sorted({stem + e for stem, ends in ((s, ends) for _, s, ends in _first_names().values())
                    for e in ends}, key=lambda f: (-len(f), f))
    return re.compile(rf"\b({'|'.join(forms)}) ([А-ЯЁ][а-яё]+)\b")


def _form_to_name(form: str) -> tuple[str, str] | None:
    """(first name, ending) a declined form belongs to: "Марата" -> ("Марат", "а")."""
    for name, (_, stem, ends) in _first_names().items():
        if form.startswith(stem) and form[len(stem):] in ends:
            return name, form[len(stem):]
    return None


def _decline_first(name: str, ending: str) -> str:
    _, stem, ends = _first_names()[name]
    if ending == "ы" and stem[-1] in "гкхжшчщ":   # Айжан-class spelling: no "кы"
        ending = "и"
    if ending == "и" and "ы" in ends and stem[-1] not in "гкхжшчщ":
        ending = "ы"
    return stem + ending


@dataclass
class _Cast:
    """Who stands for whom on one generated page (one source article at a time)."""
    rng: random.Random
    first: dict[tuple[str, str], str] = field(default_factory=dict)    # (source, name) -> name
    surname: dict[tuple[str, str], str] = field(default_factory=dict)  # (source, stem) -> stem

    def new_first(self, source: str, name: str) -> str:
        key = (source, name)
        if key not in self.first:
            cls = _first_names()[name][0]
            same = [n for n, (c, _, _) in _first_names().items() if c == cls and n != name]
            self.first[key] = self.rng.choice(same) if same else name
        return self.first[key]

    def new_surname(self, source: str, stem: str) -> str:
        key = (source, stem)
        if key not in self.surname:
            used = set(self.surname.values())
            free = [s for s in lexicon.lines("generate_surnames.txt") if s not in used and s != stem]
            self.surname[key] = self.rng.choice(free or list(lexicon.lines("generate_surnames.txt")))
        return self.surname[key]


def _surname_stems(text: str) -> tuple[str, ...]:
    """Stems of the surnames that follow a known first name: "Марата Бекенова" -> Бекенов.

    >>> _surname_stems("Слово Марату Бекенову дали первым. Гульнара Оспанова добавила.")
    ('Бекенов', 'Оспанов')
    """
    stems = []
    for m in _person_pattern().finditer(text):
        surname = re.fullmatch(rf"({_SURNAME}){_SURNAME_ENDINGS}", m.group(2))
        if surname and surname.group(1) not in stems:
            stems.append(surname.group(1))
    return tuple(stems)


def _swap_people(paragraph: str, source: str, cast: _Cast, surnames: tuple[str, ...] = ()) -> str:
    """Other first names and surname stems, in the same case forms. ``surnames``: stems
    named elsewhere in the source article, swapped here too when they stand alone.

    >>> _swap_people("Марат Бекенов отметил, что Бекенову вручили грамоту.", "a", _Cast(random.Random(1)))
    'Арман Абилов отметил, что Абилову вручили грамоту.'
    """
    stems = {stem: cast.new_surname(source, stem)
             for stem in dict.fromkeys(_surname_stems(paragraph) + tuple(surnames))}

    def first(m: re.Match) -> str:
        name, ending = _form_to_name(m.group(1)) or (None, "")
        new = _decline_first(cast.new_first(source, name), ending) if name else m.group(1)
        return f"{new} {m.group(2)}"

    paragraph = _person_pattern().sub(first, paragraph)
    # A surname is swapped wherever it stands, also alone ("Бекенову вручили …").
    for old in sorted(stems, key=len, reverse=True):
        paragraph = re.sub(rf"\b{old}(?={_SURNAME_ENDINGS}\b)", stems[old], paragraph)
    return paragraph


# ---------------------------------------------------------------- regions

@lru_cache(maxsize=None)
def _oblasts() -> dict[str, str]:
    return dict(line.split("\t") for line in lexicon.lines("generate_oblasts.tsv"))


@lru_cache(maxsize=None)
def _oblast_pattern() -> re.Pattern:
    stems = "|".join(sorted(_oblasts(), key=len, reverse=True))
    return re.compile(rf"\b({stems})(?=(?:ская|ской|скую) (?:область|области|областью)\b)")


def _swap_regions(paragraph: str, regions: dict[str, str], rng: random.Random, headline: str = "") -> str:
    """Another region of the same country, the same one for a region all over the page;
    the first one is the headline's region when the headline names one of that country.

    >>> _swap_regions("аким Карагандинской области", {}, random.Random(0), "В Павлодарской области …")
    'аким Павлодарской области'
    """
    named = _oblast_pattern().search(headline)

    def replace(m: re.Match) -> str:
        old = m.group(1)
        if old not in regions:
            taken = set(regions.values())
            same = [s for s, c in _oblasts().items() if c == _oblasts()[old] and s not in taken]
            if named and named.group(1) in same:
                regions[old] = named.group(1)
            else:
                regions[old] = rng.choice(same) if same else old
        return regions[old]

    return _oblast_pattern().sub(replace, paragraph)


# ---------------------------------------------------------------- figures

def _agreement(n: int) -> str:
    """The form a Russian noun takes after n: 1 день, 2 дня, 5 дней."""
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def _format_like(original: str, value: float, agree: bool, ceiling: float | None) -> str:
    """``value`` written as ``original`` was: decimals, digit groups, roundness, agreement.

    >>> _format_like("1 900", 2634.0, agree=False, ceiling=None)
    '2 600'
    >>> _format_like("31", 44.0, agree=True, ceiling=None)
    '41'
    >>> _format_like("2,7", 3.91, agree=False, ceiling=None)
    '3,9'
    """
    digits = original.replace(" ", "").replace("\u00a0", "")
    if "," in digits:
        decimals = len(digits.split(",")[1])
        value = min(value, ceiling) if ceiling else value
        return f"{max(value, 10 ** -decimals):.{decimals}f}".replace(".", ",")
    whole = int(digits)
    zeros = len(digits) - len(digits.rstrip("0"))
    step = 10 ** min(zeros, len(digits) - 1)          # "1 900" stays round to hundreds
    top = int(ceiling) if ceiling else None
    new = max(step, round(value / step) * step)
    if top is not None:
        new = min(new, top // step * step or step)
    if agree and step == 1:                           # keep "31 миллион", "46 миллионов"
        wanted = _agreement(whole)
        near = sorted((c for c in range(max(1, new - 10), new + 11)
                       if _agreement(c) == wanted and (top is None or c <= top)),
                      key=lambda c: (abs(c - new), c))
        new = near[0] if near else whole
    text = str(new)
    sep = "\u00a0" if "\u00a0" in original else " "
    if sep in original or len(text) > 4:
        text = f"{new:,}".replace(",", sep)
    return text


def _vary_figures(paragraph: str, rng: random.Random, year_shift: int) -> str:
    """Years move by ``year_shift``; counts and money scale by one factor per paragraph
    (a rise "с X до Y" stays a rise); shares jitter below 100 %; "в N раза" stays."""
    factor = rng.uniform(0.6, 1.8)

    def replace(m: re.Match) -> str:
        figure, after = m.group(), paragraph[m.end():m.end() + 12]
        if _YEAR.fullmatch(figure):
            return str(int(figure) + year_shift)
        if _TIMES.match(after):
            return figure
        value = float(figure.replace(" ", "").replace("\u00a0", "").replace(",", "."))
        agree = not _NO_AGREEMENT.match(after)
        if _PERCENT.match(after):
            return _format_like(figure, value * rng.uniform(0.7, 1.3), agree, 99 if value < 100 else None)
        ceiling = 999 if value < 1000 and _SCALE_WORD.match(after) else None   # "491 миллион"
        return _format_like(figure, value * factor, agree, ceiling)

    return _figure_pattern().sub(replace, paragraph)


# ---------------------------------------------------------------- pages

def _paragraphs(source: Path) -> list[tuple[str, str]]:
    """(article name, paragraph) for every body paragraph of the source articles."""
    if not source.is_dir():
        raise FileNotFoundError(f"{source}: no example articles to generate from; pass source= "
                                "a folder of .txt articles (a source checkout has examples/articles)")
    out = []
    for path in sorted(source.glob("*.txt")):
        body = clean_page(path.read_text(encoding="utf-8")).body
        out.extend((path.stem, p.strip()) for p in re.split(r"\n\s*\n", body) if len(p.strip()) > 60)
    if not out:
        raise FileNotFoundError(f"{source}: holds no .txt articles to generate from")
    return out


def _head(rng: random.Random, title: str, year: int) -> str:
    day, month_no = rng.randint(1, 28), rng.randint(1, 12)
    month = lexicon.lines("generate_months.txt")[month_no - 1]
    clock = f"{rng.randint(8, 20)}:{rng.randint(0, 59):02d}"
    views = rng.randint(40, 25_000)
    author = rng.choice(lexicon.lines("generate_authors.txt"))
    caption = rng.choice(lexicon.lines("generate_captions.txt"))
    grouped = f"{views:,}".replace(",", " ")
    layouts = [
        f"{title}\n\n{views}\n{author}\n",
        f"{title}\n{day} {month} {year}, {clock}\nПросмотров: {grouped}\nАвтор: {author}\n",
        f"{title}\n\nАвтор: {author} | {day} {month} {year} | Просмотров: {views}\n",
        f"{title}\n{day:02d}.{month_no:02d}.{year}\n👁 {views}\n{author}\n",
        f"{title}\n{day:02d}.{month_no:02d}.{year} | {clock}\n{views}\nТекст: {author}\n",
        f"{title}\n\n",
    ]
    head = rng.choice(layouts)
    return head + (f"\n{caption}\n" if rng.random() < 0.5 else "")


def _tail(rng: random.Random, year: int) -> str:
    if rng.random() < 0.2:
        return ""
    furniture = [line.format(year=year) for line in lexicon.lines("generate_tail_lines.txt")]
    before = [line for line in furniture[:3] if rng.random() < 0.5]
    after = [line for line in furniture[3:] if rng.random() < 0.5]
    marker = rng.choice(lexicon.lines("generate_tail_markers.txt"))
    headlines = rng.sample(lexicon.lines("generate_headlines.txt"), k=rng.randint(5, 12))
    return "\n" + "\n".join(before + [marker] + headlines + after) + "\n"


def generate_corpus(n: int, seed: int = 0, source: Path | str = DEFAULT_SOURCE) -> list[tuple[str, str]]:
    """``n`` generated pages as (file name, text), the same for the same seed.

    >>> pages = generate_corpus(3, seed=1)
    >>> [name for name, _ in pages]
    ['gen-1-00000.txt', 'gen-1-00001.txt', 'gen-1-00002.txt']
    >>> pages == generate_corpus(3, seed=1)
    True
    """
    pool = _paragraphs(Path(source))
    surnames = {}                        # source article -> the surnames it names
    for name, paragraph in pool:
        surnames[name] = surnames.get(name, ()) + _surname_stems(paragraph)
    titles = lexicon.lines("generate_titles.txt")
    regions = lexicon.lines("generate_regions.txt")
    out = []
    for k in range(n):
        rng = random.Random(f"ngotext-{seed}-{k}")     # a str seed hashes the same in every run
        year_shift = rng.randint(-4, 1)
        year = 2024 + year_shift
        title = rng.choice(titles).format(region=rng.choice(regions), year=year)
        cast, swapped_regions = _Cast(rng), {}
        paragraphs = []
        for name, paragraph in rng.sample(pool, k=min(len(pool), rng.randint(4, 9))):
            paragraph = _swap_people(paragraph, name, cast, surnames[name])
            paragraph = _swap_regions(paragraph, swapped_regions, rng, title)
            paragraphs.append(_vary_figures(paragraph, rng, year_shift))
        page = _head(rng, title, year) + "\n" + "\n\n".join(paragraphs) + "\n" + _tail(rng, year)
        out.append((f"gen-{seed}-{k:05d}.txt", page))
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
