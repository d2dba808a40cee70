"""Russian numbers in running text: "19 680", "23 тыс.", "1 млрд 86 млн", "двух с половиной".

One job: find every numeric expression of a text and give its value with the scale
applied. Whether a number is a statistic (and what it counts) is the stats module's job.

What is read:

- digits with spaces, no-break spaces or dots as thousand separators and a decimal
  comma ("19 680", "1.844.036", "6,5"; a dot before a group that is not three digits
  long is a decimal point: "27.5");
- scale words and abbreviations after a number ("тыс.", "тысяч", "млн", "миллиона",
  "млрд", "трлн"), and compounds of decreasing scales ("1 млрд 86 млн",
  "491 миллион 614 тысяч");
- numbers in words in every case form (lemmas come from pymorphy3 and the values from
  ``data/stat_numerals.tsv``): "тысячу", "двадцати тысяч", "полтора", "двух с половиной";
- fractions ("треть", "четверть", "половина", "две трети"), as shares of one;
- percentages ("15 %", "15 процентов") and factors ("в 6,5 раза", "в тысячу раз",
  "вдвое", "втрое");
- ranges "от 5 до 7 тыс.", "с 50 до 240 тысяч", "5–7 млн": the low end takes the
  scale (and the percent sign) of the high end.

Never numbers: dates written with dots ("27.02.2024"), times ("10:30"), phone numbers,
and digits glued to letters by a hyphen ("105-летию", "1-й", "55-р").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from . import lexicon

KINDS = ("number", "percent", "factor", "fraction")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A numeric expression: ``text[start:stop]`` holds it, scale applied to ``value``.

    ``kind``: number, percent ("15 %": value 15), factor ("в 6,5 раза": value 6.5,
    the span starts at "в") or fraction ("треть": value 1/3).
    ``scaled``: a scale word or abbreviation was applied (or taken from a range partner).
    """

    start: int
    stop: int
    value: float
    kind: str = "number"
    scaled: bool = False
    words: bool = False
    borrowed: bool = False  # the scale came from the high end of a range


# ---------------------------------------------------------------- lexicon


@lru_cache(maxsize=None)
def numerals() -> dict[str, tuple[float, str]]:
    """lemma -> (value, kind) from ``data/stat_numerals.tsv``.

    >>> numerals()["тысяча"]
    (1000.0, 'scale')
    """
    return {lemma: (float(value), kind) for lemma, value, kind, *_ in lexicon.rows("stat_numerals.tsv")}


_NUMERAL_POS = {"NUMR", "NOUN", "ADJF", "ADVB"}


@lru_cache(maxsize=20_000)
def numeral(word: str) -> tuple[float, str] | None:
    """(value, kind) of a number word in any case form, else None.

    >>> numeral("двухсот"), numeral("тысячу"), numeral("млн"), numeral("дом")
    ((200.0, 'hundred'), (1000.0, 'scale'), (1000000.0, 'scale'), None)
    """
    from .nlp import parses

    table = numerals()
    low = word.lower().replace("ё", "е")
    if low in table:
        return table[low]
    if not low.isalpha():
        return None
    for parse in parses(low):
        if parse.tag.POS in _NUMERAL_POS:
            lemma = parse.normal_form.replace("ё", "е")
            if lemma in table:
                return table[lemma]
    return None


# ---------------------------------------------------------------- tokens

# ASCII digits only: other Unicode digits ("²", "٣") are not figures in Russian news.
_TOKEN = re.compile(r"[0-9]+|[^\W0-9_]+|\S")
_ASCII_DIGITS = re.compile(r"[0-9]+")


def _is_digits(word: str) -> bool:
    return _ASCII_DIGITS.fullmatch(word) is not None
_SPACE = {" ", "\u00a0", "\u202f", "\u2009"}
_DASHES = {"-", "–", "—", "‒"}
# Spans that hold digits but no quantity; none of these can backtrack (fixed-width parts).
_NOT_NUMBERS = re.compile(
    r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{2,4}(?![\d])"                         # 27.02.2024
    r"|(?<![\d:])\d{1,2}:\d{2}(?![\d])"                                   # 10:30
    r"|(?:\+7|\b8)[ \u00a0(-]{0,2}\d{3}[ \u00a0)-]{0,2}\d{3}[ \u00a0-]?\d{2}[ \u00a0-]?\d{2}(?!\d)"
    r"|\b\d{2,3}-\d{2}-\d{2}\b"                                           # 123-45-67
)


@dataclass(slots=True)
class _Tok:
    start: int
    stop: int
    text: str


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _gap(text: str, a: _Tok, b: _Tok) -> str:
    return text[a.stop:b.start]


def _is_space(gap: str) -> bool:
    return len(gap) == 1 and gap in _SPACE


# ---------------------------------------------------------------- digits


def _digits(text: str, toks: list[_Tok], i: int) -> tuple[float, int] | None:
    """Value of the digit number starting at token i and the index after it."""
    head = toks[i].text
    j = i + 1
    parts = [head]
    # thousand groups separated by spaces: "19 680", "1 200 000"
    if len(head) <= 3:
        while j < len(toks) and _is_digits(toks[j].text) \
                and len(toks[j].text) == 3 and _is_space(_gap(text, toks[j - 1], toks[j])):
            parts.append(toks[j].text)
            j += 1
    if len(parts) == 1 and len(head) <= 3:
        # thousand groups separated by dots: "1.844.036"
        k, groups = j, []
        while k + 1 < len(toks) and toks[k].text == "." and _is_digits(toks[k + 1].text) \
                and len(toks[k + 1].text) == 3 and not _gap(text, toks[k - 1], toks[k]) \
                and not _gap(text, toks[k], toks[k + 1]):
            groups.append(toks[k + 1].text)
            k += 2
        if groups:
            parts.extend(groups)
            j = k
    number = "".join(parts)
    # decimal part: comma always, dot when the group is not a thousand group
    if j + 1 < len(toks) and toks[j].text in {",", "."} and _is_digits(toks[j + 1].text) \
            and not _gap(text, toks[j - 1], toks[j]) and not _gap(text, toks[j], toks[j + 1]) \
            and (toks[j].text == "," or len(parts) == 1):
        number += "." + toks[j + 1].text
        j += 2
    return float(number), j


def _glued_to_letters(text: str, toks: list[_Tok], i: int, j: int) -> bool:
    """A number hyphenated or glued to a word is a name or an ordinal, not a quantity:
    "105-летию", "1-й", "55-р", "F-35", "3D", "5G"."""
    if j + 1 < len(toks) and toks[j].text in _DASHES and toks[j + 1].text.isalpha() \
            and not _gap(text, toks[j - 1], toks[j]) and not _gap(text, toks[j], toks[j + 1]):
        return True
    if j < len(toks) and toks[j].text.isalpha() and not _gap(text, toks[j - 1], toks[j]) \
            and numeral(toks[j].text) is None:
        return True
    if i > 1 and toks[i - 1].text in _DASHES and toks[i - 2].text.isalpha() \
            and not _gap(text, toks[i - 2], toks[i - 1]) and not _gap(text, toks[i - 1], toks[i]):
        return True
    return i > 0 and toks[i - 1].text.isalpha() and not _gap(text, toks[i - 1], toks[i])


# ---------------------------------------------------------------- words


def _words(text: str, toks: list[_Tok], i: int) -> tuple[float, int, str] | None:
    """Value, index after, and kind of a number in words starting at token i."""
    total, group, last_class, j = 0.0, 0.0, 99, i
    order = {"hundred": 3, "ten": 2, "teen": 1, "unit": 0}
    last_scale = float("inf")
    seen = False
    while j < len(toks) and toks[j].text.isalpha():
        if j > i and not _is_space(_gap(text, toks[j - 1], toks[j])):
            break
        found = numeral(toks[j].text)
        if found is None:
            break
        value, kind = found
        if kind in order:
            cls = order[kind]
            if cls >= last_class or (kind == "teen" and last_class <= 1):
                break
            group += value
            last_class = cls if kind != "teen" else 0
            seen = True
            j += 1
            # "двух с половиной": a half added to the group
            if kind == "unit" and j + 1 < len(toks) and toks[j].text.lower() == "с" \
                    and numeral(toks[j + 1].text) == (0.5, "fraction"):
                group += 0.5
                j += 2
        elif kind == "scale":
            if value >= last_scale:
                break
            if not seen and (_abbreviation(toks[j].text) or not _singular(toks[j].text)):
                break  # "млн" alone, "тысяч", "миллионов" alone: no number, or a vague one
            total += (group or 1) * value
            group, last_class, last_scale, seen = 0.0, 99, value, True
            j = _after_abbreviation_dot(text, toks, j + 1)
            if j < len(toks) and toks[j].text.isalpha() and numeral(toks[j].text) is None:
                break
        elif kind == "fraction" and not seen:
            return value, j + 1, "fraction"
        elif kind == "fraction" and group and last_class == 0:
            # "две трети", "три четверти"
            return group * value, j + 1, "fraction"
        else:
            break
    if not seen:
        return None
    return total + group, j, "number"


def _singular(word: str) -> bool:
    """Has the word a singular reading ("тысячу", "тысячи", "миллиона"; not "тысяч")?"""
    from .nlp import parses

    return any("sing" in p.tag.grammemes for p in parses(word.lower()) if p.tag.POS == "NOUN")


def _abbreviation(word: str) -> bool:
    return word.lower() in {"тыс", "млн", "млрд", "трлн"}


def _after_abbreviation_dot(text: str, toks: list[_Tok], j: int) -> int:
    """Swallow the dot of "тыс." / "млн." when it is glued to the abbreviation."""
    if j < len(toks) and toks[j].text == "." and _abbreviation(toks[j - 1].text) \
            and not _gap(text, toks[j - 1], toks[j]):
        return j + 1
    return j


def _scales(text: str, toks: list[_Tok], j: int, value: float) -> tuple[float, int, bool]:
    """Apply the scale words after a digit number, and compounds "1 млрд 86 млн"."""
    scaled = False
    total, group, last_scale = 0.0, value, float("inf")
    while j < len(toks) and _is_space(_gap(text, toks[j - 1], toks[j])):
        found = numeral(toks[j].text) if toks[j].text.isalpha() else None
        if not found or found[1] != "scale" or found[0] >= last_scale:
            break
        total += group * found[0]
        group, last_scale, scaled = 0.0, found[0], True
        j = _after_abbreviation_dot(text, toks, j + 1)
        # a smaller digit group with a smaller scale continues the compound
        if j < len(toks) and _is_digits(toks[j].text) and _is_space(_gap(text, toks[j - 1], toks[j])):
            nxt = _digits(text, toks, j)
            k = nxt[1]
            if k < len(toks) and _is_space(_gap(text, toks[k - 1], toks[k])) and toks[k].text.isalpha():
                more = numeral(toks[k].text)
                if more and more[1] == "scale" and more[0] < last_scale and nxt[0] * more[0] < last_scale:
                    group = nxt[0]
                    j = k
                    continue
        break
    return total + group, j, scaled


# ---------------------------------------------------------------- the finder


def _percent_after(text: str, toks: list[_Tok], j: int) -> int | None:
    """Index after a "%" or "процент(ов)" following a number, else None."""
    if j < len(toks):
        gap = _gap(text, toks[j - 1], toks[j])
        if toks[j].text == "%" and (not gap or _is_space(gap)):
            return j + 1
        if _is_space(gap) and toks[j].text.lower().startswith("процент"):
            return j + 1
    return None


def _times_after(text: str, toks: list[_Tok], j: int) -> int | None:
    """Index after "раз"/"раза" following a number (for "в 6,5 раза"), else None."""
    if j < len(toks) and _is_space(_gap(text, toks[j - 1], toks[j])) \
            and toks[j].text.lower() in {"раз", "раза"}:
        return j + 1
    return None


def find(text: str) -> list[Quantity]:
    """Every numeric expression of a text, in order.

    >>> [(q.value, q.kind) for q in find("выросло в 6,5 раза и превысило 23 тыс., а 15 % — нет")]
    [(6.5, 'factor'), (23000.0, 'number'), (15.0, 'percent')]
    >>> [q.value for q in find("от 5 до 7 тыс. человек, 1 млрд 86 млн тенге, двух с половиной тысяч")]
    [5000.0, 7000.0, 1086000000.0, 2500.0]
    """
    masked = [(m.start(), m.end()) for m in _NOT_NUMBERS.finditer(text)]
    mask_starts = [a for a, _ in masked]
    toks = _tokens(text)
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        k = bisect_right(mask_starts, tok.start) - 1
        if k >= 0 and tok.start < masked[k][1]:
            i += 1
            continue
        found = None
        if _is_digits(tok.text):
            value, j = _digits(text, toks, i)
            if _glued_to_letters(text, toks, i, j):
                i = j + 2
                continue
            value, j, scaled = _scales(text, toks, j, value)
            found = (value, j, "number", scaled, False)
        elif tok.text.isalpha():
            hit = numeral(tok.text)
            if hit and hit[1] == "factor":
                found = (hit[0], i + 1, "factor", False, True)
            elif hit and not (hit[0] == 1 and hit[1] == "unit"):
                # "один" alone is an article-like word ("один из"), not a figure
                words = _words(text, toks, i)
                if words:
                    value, j, kind = words
                    found = (value, j, kind, any(
                        (numeral(t.text) or (0, ""))[1] == "scale" for t in toks[i:j]), True)
            elif hit and hit[0] == 1:
                words = _words(text, toks, i)
                if words and words[1] > i + 1:
                    found = (words[0], words[1], words[2], True, True)
        if found is None:
            i += 1
            continue
        value, j, kind, scaled, in_words = found
        start = tok.start
        if kind == "number":
            if (after := _percent_after(text, toks, j)) is not None:
                kind, j = "percent", after
            elif (after := _times_after(text, toks, j)) is not None and i > 0 \
                    and toks[i - 1].text.lower() == "в" and _is_space(_gap(text, toks[i - 1], tok)):
                kind, j, start = "factor", after, toks[i - 1].start
        out.append(Quantity(start, toks[j - 1].stop, value, kind, scaled, in_words))
        i = j
    return _propagate_range_scale(text, out)


# ---------------------------------------------------------------- ranges

_RANGE_DASH = re.compile(r"[ \u00a0]?[-–—‒][ \u00a0]?")
_FROM = re.compile(r"(?:^|\s)(?:от|с|со)\s$", re.IGNORECASE)
_TO = re.compile(r"\s(?:до|по)\s$", re.IGNORECASE)


def pairs(text: str, quantities: list[Quantity]) -> list[tuple[int, int, str]]:
    """(low index, high index, marker) of the ranges and "с X до Y" spans among quantities.

    marker: "dash" ("5–7 млн"), "от" ("от 5 до 7 тыс.") or "с" ("с 224 в 2019 году до 680").

    >>> text = "выросло с 224 в 2019 году до 680, цена 5–7 млн"
    >>> pairs(text, find(text))
    [(0, 2, 'с'), (3, 4, 'dash')]
    """
    found = []
    for i in range(len(quantities) - 1):
        low = quantities[i]
        if low.kind == "factor":
            continue
        head = text[max(0, low.start - 4):low.start]
        marker = _FROM.search(head)
        if marker:
            word = marker.group().strip().lower()
            word = "с" if word == "со" else word
            for j in range(i + 1, min(i + 3, len(quantities))):
                high = quantities[j]
                between = text[low.stop:high.start]
                if len(between) > 40 or "\n" in between or ";" in between:
                    break
                if _TO.search(text[max(0, high.start - 4):high.start]):
                    found.append((i, j, word))
                    break
            continue
        high = quantities[i + 1]
        if _RANGE_DASH.fullmatch(text[low.stop:high.start]) and (not low.scaled or low.borrowed) \
                and low.kind == "number" and high.kind in {"number", "percent"}:
            found.append((i, i + 1, "dash"))
    return found


def _propagate_range_scale(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """The low end of a range takes the scale of the high end: "от 5 до 7 тыс." -> 5000."""
    out = list(quantities)
    for i, j, marker in pairs(text, quantities):
        low, high = out[i], out[j]
        if marker == "dash" and high.kind == "percent":
            low = replace(low, kind="percent")
        if high.scaled and not low.scaled and low.kind == "number" and low.value < 1000:
            scale = _scale_of(text[high.start:high.stop])
            if scale and low.value * scale <= high.value:
                low = replace(low, value=low.value * scale, scaled=True, borrowed=True)
        out[i] = low
    return out


def _scale_of(quote: str) -> float | None:
    """The largest scale word written in a quote ("7 тыс." -> 1000)."""
    best = None
    for m in re.finditer(r"[^\W\d_]+", quote):
        hit = numeral(m.group())
        if hit and hit[1] == "scale":
            best = max(best or 0, hit[0])
    return best
