"""Split a scraped page into metadata (title, author, date, views) and a clean body.

A scraped news page is a head (headline, view counter, author line, date, photo
caption), the body, and a tail of site navigation (other headlines, "Читайте также",
"Поделиться", comments, cookie banners, unfilled template slots). The body is built
from slices of the raw page, so every body offset maps back to the raw text through
``raw_map``; captions cut from the middle of the body just add a run.

The words that mark heads, captions and tails live in ``data/clean_*.txt``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib.resources import files


@dataclass(slots=True)
class CleanPage:
    body: str
    title: str | None = None
    author: str | None = None
    published: str | None = None      # ISO date, "2024-02-27"
    views: int | None = None
    # [body_start, raw_start, length] runs: body[b:b+n] == raw[r:r+n]
    raw_map: list[tuple[int, int, int]] = field(default_factory=list)


@lru_cache(maxsize=None)
def _lexicon(name: str) -> tuple[str, ...]:
    text = files("ngotext").joinpath(f"data/{name}").read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=None)
def _pattern(name: str) -> re.Pattern:
    """One case-insensitive alternation of a lexicon's phrases, anchored at a line's start."""
    alternatives = sorted((re.escape(p) for p in _lexicon(name)), key=len, reverse=True)
    return re.compile(r"^\W{0,3}(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


MONTHS = {"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
          "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12}
_DATE_WORDS = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_DATE_DOTS = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_VIEWS = re.compile(r"^(?:(?:просмотр(?:ов|ы|а)?|views?|👁\ufe0f?)\s*:?\s*)?(\d{1,3}(?:[\s\u00a0]?\d{3})*)$",
                    re.IGNORECASE)
_VIEWS_INLINE = re.compile(r"(?:просмотр(?:ов|ы|а)?|👁\ufe0f?)\s*:?\s*(\d{1,3}(?:[\s\u00a0]?\d{3})*)",
                           re.IGNORECASE)
_AUTHOR_LABEL = re.compile(r"^(?:автор|текст|автор текста|корреспондент)\s*:\s*(.+)$", re.IGNORECASE)
_NAME = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:-[А-ЯЁа-яё]+)?"
                   r"(?:\s+[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:-[А-ЯЁа-яё]+)?){1,2}$")
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_TEMPLATE_SLOT = re.compile(r"\[\[[^\]\n]{0,80}\]\]|\{\{[^}\n]{0,80}\}\}")
_SENTENCE_END = re.compile(r"[.!?…:;»\")]$")


def parse_date(text: str) -> str | None:
    """The first date written in a line, as ISO ("2024-02-27"), or None.

    >>> parse_date("12 марта 2024, 10:15"), parse_date("27.02.2024"), parse_date("вчера")
    ('2024-03-12', '2024-02-27', None)
    """
    for pattern, order in ((_DATE_WORDS, "dmy"), (_DATE_DOTS, "dmy"), (_DATE_ISO, "ymd")):
        m = pattern.search(text)
        if not m:
            continue
        a, b, c = m.groups()
        day, month, year = (a, b, c) if order == "dmy" else (c, b, a)
        month_number = MONTHS.get(month.lower()) if not month.isdigit() else int(month)
        try:
            return date(int(year), month_number, int(day)).isoformat()
        except (TypeError, ValueError):
            continue
    return None


@dataclass(slots=True)
class _Line:
    start: int
    stop: int
    text: str          # stripped

    @property
    def blank(self) -> bool:
        return not self.text


def _lines(raw: str) -> list[_Line]:
    out, pos = [], 0
    for piece in raw.splitlines(keepends=True):
        content = piece.rstrip("\r\n")
        lead = len(content) - len(content.lstrip())
        stripped = content.strip()
        out.append(_Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(piece)
    return out


def is_caption(line: str) -> bool:
    """A photo or video caption line ("Фото: пресс-служба", "фото из архива «КП»").

    >>> is_caption("Фото: пресс-служба акимата"), is_caption("Фотовыставка открылась в Алматы.")
    (True, False)
    """
    return len(line) < 160 and bool(_pattern("clean_captions.txt").match(line))


def is_tail_marker(line: str) -> bool:
    """A line that starts a page's navigation tail ("Популярное", "Читайте также:" …).

    >>> is_tail_marker("Читайте также:"), is_tail_marker("Комментарии (0)"), is_tail_marker("[[year]]")
    (True, True, True)
    """
    if _TEMPLATE_SLOT.search(line) and len(_TEMPLATE_SLOT.sub("", line).strip(" •·-–|")) < 3:
        return True
    return len(line) < 200 and bool(_pattern("clean_tail_markers.txt").match(line))


def _is_headline(line: str) -> bool:
    """Short, capitalized, without the final punctuation of a body sentence."""
    return (0 < len(line) <= 130 and not _SENTENCE_END.search(line)
            and (line[0].isupper() or line[0].isdigit() or line[0] in "«\"$€"))


def _meta(line: str, page: CleanPage) -> bool:
    """Take what a head line says about the page; True when the line is metadata."""
    parts = [p.strip() for p in re.split(r"\s[|•·]\s", line)] if len(line) < 200 else [line]
    taken = False
    for part in parts:
        if m := _VIEWS.match(part):
            page.views = page.views if page.views is not None else int(re.sub(r"\D", "", m.group(1)))
            taken = True
        elif m := _AUTHOR_LABEL.match(part):
            page.author = page.author or m.group(1).strip()
            taken = True
        elif (iso := parse_date(part)) and len(part) < 120:
            page.published = page.published or iso
            taken = True
        elif m := _VIEWS_INLINE.search(part):
            page.views = page.views if page.views is not None else int(re.sub(r"\D", "", m.group(1)))
            taken = True
        elif _NAME.match(part) and not page.author and len(parts) <= 3:
            page.author = part
            taken = True
        elif is_caption(part):
            taken = True
    return taken


def _tail_start(lines: list[_Line], first: int) -> int:
    """Index of the first line of the navigation tail (len(lines) when there is none)."""
    for i in range(first, len(lines)):
        line = lines[i]
        if line.blank:
            continue
        if is_tail_marker(line.text):
            return i
        # a run of three or more headline-like lines with no blank line between them
        run = 0
        for j in range(i, len(lines)):
            if lines[j].blank or not _is_headline(lines[j].text):
                break
            run += 1
        if run >= 3:
            return i
    return len(lines)


def clean_page(raw: str) -> CleanPage:
    """Metadata and the body of a scraped page, with the map back to raw offsets.

    >>> page = clean_page("Заголовок статьи\\n\\n1 234\\nАсель Муканова\\n\\nТекст статьи.\\n\\nЧитайте также\\nДругая новость\\n")
    >>> page.title, page.views, page.author, page.body
    ('Заголовок статьи', 1234, 'Асель Муканова', 'Текст статьи.')
    """
    lines = _lines(raw)
    page = CleanPage(body="")
    i = 0
    while i < len(lines) and lines[i].blank:
        i += 1
    # The headline: the first line, when it reads like one (short, no final full stop)
    # and something follows it.
    rest = [line for line in lines[i + 1:] if not line.blank]
    if (i < len(lines) and rest and _is_headline(lines[i].text.rstrip("?!"))
            and not _meta(lines[i].text, CleanPage(""))):
        page.title = lines[i].text
        i += 1
    # The head: metadata lines until the first line that is not metadata.
    while i < len(lines) and (lines[i].blank or (len(lines[i].text) < 200 and _meta(lines[i].text, page))):
        i += 1
    stop = _tail_start(lines, i)
    kept = [line for line in lines[i:stop]
            if not line.blank and not is_caption(line.text) and not is_tail_marker(line.text)]
    return _assemble(raw, kept, page)


def _assemble(raw: str, kept: list[_Line], page: CleanPage) -> CleanPage:
    """The body from the kept lines: the raw text between two neighbouring kept lines is
    kept as it is when it is white space; where lines were dropped between them (their
    text is in between), a paragraph break stands instead."""
    parts: list[str] = []
    raw_map: list[tuple[int, int, int]] = []
    length = 0
    for previous, line in zip([None, *kept], kept):
        if previous is not None:
            between = raw[previous.stop:line.start]
            if between.strip():
                between = "\n\n"
            else:
                raw_map.append((length, previous.stop, len(between)))
            parts.append(between)
            length += len(between)
        raw_map.append((length, line.start, line.stop - line.start))
        parts.append(line.text)
        length += line.stop - line.start
    page.body = "".join(parts)
    page.raw_map = _merge_runs(raw_map)
    return page


def _merge_runs(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    merged: list[tuple[int, int, int]] = []
    for b, r, n in runs:
        if n == 0:
            continue
        if merged and merged[-1][0] + merged[-1][2] == b and merged[-1][1] + merged[-1][2] == r:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + n)
        else:
            merged.append((b, r, n))
    return merged


def to_raw_offset(raw_map: list[tuple[int, int, int]], body_offset: int) -> int | None:
    """The raw page offset of a body offset (None for a paragraph break put in by cleaning).

    >>> to_raw_offset([(0, 10, 5), (7, 30, 4)], 8)
    31
    """
    starts = [b for b, _, _ in raw_map]
    k = bisect_right(starts, body_offset) - 1
    if k < 0:
        return None
    b, r, n = raw_map[k]
    if body_offset < b + n or (body_offset == b + n and k == len(raw_map) - 1):
        return r + body_offset - b
    return None


def as_body(text: str) -> CleanPage:
    """A text that is a body already: kept as it is, offsets identical to the raw text."""
    return CleanPage(text, raw_map=[(0, 0, len(text))] if text else [])


_KAZAKH = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")


def detect_lang(text: str) -> str:
    """ru, kk (Kazakh-specific letters) or other.

    >>> detect_lang("Қазақстан Республикасының азаматтары"), detect_lang("Граждане страны")
    ('kk', 'ru')
    """
    letters = sum(ch.isalpha() for ch in text)
    if not letters:
        return "other"
    kazakh = len(_KAZAKH.findall(text))
    cyrillic = len(_CYRILLIC.findall(text)) + kazakh
    if kazakh / letters > 0.02:
        return "kk"
    return "ru" if cyrillic / letters > 0.5 else "other"
