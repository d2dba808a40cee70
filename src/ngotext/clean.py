"""Split a scraped page into metadata (title, author, date, views) and a clean body.

A scraped news page is a head (rubric, headline, view counter, author line, date, photo
caption, share buttons), the body, and a tail of site navigation (other headlines,
"Читайте также", "Поделиться", comments, cookie banners, unfilled template slots). The
body is built from slices of the raw page, so every body offset maps back to the raw
text through ``raw_map``; captions or ad slots cut from the middle of the body just add
a run.

The words that mark captions and tails live in ``data/clean_*.txt``; this module holds
the rules that tell a label ("Источник: ИА «Ертіс»") from a body sentence that starts
with the same word ("Источник в акимате сообщил, что …").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from . import lexicon


@dataclass(slots=True)
class CleanPage:
    body: str
    title: str | None = None
    author: str | None = None
    published: str | None = None      # ISO date, "2024-02-27"
    views: int | None = None
    # [body_start, raw_start, length] runs: body[b:b+n] == raw[r:r+n]
    raw_map: list[tuple[int, int, int]] = field(default_factory=list)


# ---------------------------------------------------------------- lexicons

@lru_cache(maxsize=None)
def _pattern(name: str) -> re.Pattern:
    """One case-insensitive alternation of a lexicon's phrases, anchored at a line's start;
    group 1 is the phrase found, the rest of the line follows ``m.end()``."""
    alternatives = sorted((re.escape(p) for p in lexicon.lines(name)), key=len, reverse=True)
    return re.compile(r"^\W{0,3}(" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _specific(phrase: str) -> bool:
    """Phrases of two or more words (or without letters, like ©) mark a line whatever
    follows them; one word is ambiguous ("Источник: ТАСС" / "Источник в акимате …")."""
    return len(phrase.split()) > 1 or not any(ch.isalpha() for ch in phrase)


# What follows a one-word marker used as a label: nothing, punctuation, a count
# ("Комментарии (0)", "Комментарии 12") or a colon or dash and its value.
_LABEL_REST = re.compile(r"^\s*(?:[:—–-].*|\(\d{1,7}\)|\d{1,7}|[^\w\s]{0,3})\s*$")
_SENTENCE_STOP = re.compile(r"[.!?…][»\"”)]?$")


def _marked(name: str, line: str, short: int) -> bool:
    """The line starts with a phrase of the lexicon ``name`` and reads as that label,
    not as a sentence that happens to begin with the same word."""
    m = _pattern(name).match(line)
    if not m:
        return False
    if _specific(m.group(1)) or _LABEL_REST.match(line[m.end():]):
        return True
    # "Подписывайтесь на наш канал", "Фото пресс-службы акимата": short, no sentence end
    return len(line) <= short and not _SENTENCE_STOP.search(line)


# ---------------------------------------------------------------- dates, views, names

MONTHS = {"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
          "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12}
# Abbreviated month names of page bylines ("12 мар. 2024", "3 сент 2023").
MONTH_ABBREVIATIONS = {"янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "май": 5, "июн": 6,
                       "июл": 7, "авг": 8, "сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11,
                       "дек": 12}
_MONTH_WORD = "|".join(sorted([*MONTHS, *MONTH_ABBREVIATIONS], key=len, reverse=True))
_DATE_WORDS = re.compile(r"\b(\d{1,2})\s+(" + _MONTH_WORD + r")\.?,?\s+(\d{4})\b", re.IGNORECASE)
_DATE_DOTS = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?![\d.]\d)")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:\b|T)")
# Words that sit beside a date in a byline and say nothing else.
_DATE_FILLER = re.compile(r"\b(?:г|гг|года?|опубликовано|обновлено|дата|публикации|изменено|"
                          r"сегодня|вчера|в)\b\.?|\d{1,2}:\d{2}(?::\d{2})?", re.IGNORECASE)
_CLOCK_ONLY = re.compile(r"^(?:(?:сегодня|вчера)\s*,?\s*(?:в\s+)?)?\d{1,2}:\d{2}$", re.IGNORECASE)

_VIEWS_WORD = r"(?:просмотр(?:ов|ы|а)?|views?|👁(?:\u200d?🗨)?\ufe0f?)"
# "1 532", "1532", "3,1 тыс.", "12K"
_COUNT = r"(\d{1,3}(?:[ \u00a0\u202f]?\d{3}){0,3}(?:[,.]\d{1,2})?(?:\s?(?:тыс\.?|[kк](?!\w)))?)"
_VIEWS = re.compile(rf"^(?:{_VIEWS_WORD}\s*:?\s*)?{_COUNT}(?:\s+{_VIEWS_WORD})?$", re.IGNORECASE)
_VIEWS_INLINE = re.compile(rf"{_VIEWS_WORD}\s*:?\s*{_COUNT}(?![\d,.])|(?<![\d,.]){_COUNT}\s+{_VIEWS_WORD}",
                           re.IGNORECASE)
_AUTHOR_LABEL = re.compile(r"^(?:автор(?: текста| материала)?|текст|корреспондент|подготовил[аи]?|by)"
                           r"\s*[:—–-]\s*(.+)$", re.IGNORECASE)
_UP, _LOW = "А-ЯЁӘҒҚҢӨҰҮҺІ", "а-яёәғқңөұүһі"
_NAME_WORD = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
_CAPS_WORD = rf"[{_UP}]{{2,}}(?:-[{_UP}]{{2,}})?"
_INITIALS = rf"[{_UP}]\.\s?(?:[{_UP}]\.)?"
# "Асель Муканова", "Асель МУКАНОВА", "А. Муканова", "Муканова А.С."
_NAME = re.compile(rf"^(?:(?:{_NAME_WORD}|{_CAPS_WORD})(?:\s+(?:{_NAME_WORD}|{_CAPS_WORD})){{1,2}}"
                   rf"|{_INITIALS}\s?{_NAME_WORD}|{_NAME_WORD}\s+{_INITIALS})$")
_TEMPLATE_SLOT = re.compile(r"\[\[[^\]\n]{0,80}\]\]|\{\{[^}\n]{0,80}\}\}")
_BREADCRUMB_SEPARATOR = re.compile(r"\s+[/>»›→|]\s+")


def _to_date(year: int, month: int | None, day: int) -> str | None:
    if year < 100:      # "12.03.24"
        year += 2000
    try:
        return date(year, month, day).isoformat() if month and 1900 <= year <= 2100 else None
    except ValueError:
        return None


def _find_date(text: str) -> tuple[str, re.Match] | None:
    for pattern, order in ((_DATE_WORDS, "dmy"), (_DATE_ISO, "ymd"), (_DATE_DOTS, "dmy")):
        for m in pattern.finditer(text):
            a, b, c = m.groups()
            day, month, year = (a, b, c) if order == "dmy" else (c, b, a)
            if month.isdigit():
                month_number = int(month)
            else:
                month_number = MONTHS.get(month.lower()) or MONTH_ABBREVIATIONS.get(month.lower())
            iso = _to_date(int(year), month_number, int(day))
            if iso:
                return iso, m
    return None


def parse_date(text: str) -> str | None:
    """The first date written in a line, as ISO ("2024-02-27"), or None.

    >>> parse_date("12 марта 2024, 10:15"), parse_date("27.02.2024"), parse_date("вчера")
    ('2024-03-12', '2024-02-27', None)
    """
    found = _find_date(text)
    return found[0] if found else None


def iso_date(value) -> str | None:
    """A date from a page's metadata or a record's field, as ISO, or None.

    Takes ISO strings with a time ("2024-03-12T10:15:00+05:00"), Russian dates
    ("12 марта 2024"), dotted dates, and ``date``/``datetime``/pandas Timestamps.

    >>> iso_date("2024-03-12T10:15:00+05:00"), iso_date("3 ноября 2023 г."), iso_date("soon")
    ('2024-03-12', '2023-11-03', None)
    """
    if value is None:
        return None
    if isinstance(value, (datetime, date)):
        try:
            return value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
        except ValueError:   # NaT
            return None
    return parse_date(str(value))


def _date_line(part: str) -> str | None:
    """The ISO date of a byline part that is mostly a date ("12 марта 2024, 10:15",
    "СЕМЕЙ, 20 сентября 2024 – ИА «Ертіс»"); None for a sentence that names a date
    ("12 марта 2024 года в Астане прошёл форум НПО.")."""
    if len(part) >= 120 or (_SENTENCE_STOP.search(part) and not re.search(r"\bг\.$", part)):
        return None
    found = _find_date(part)
    if not found:
        return None
    iso, m = found
    rest = _DATE_FILLER.sub(" ", part[:m.start()] + " " + part[m.end():])
    return iso if len(re.findall(r"\w+", rest)) <= 4 else None


def _count(text: str) -> int | None:
    """A view counter's number: "1 532" -> 1532, "3,1 тыс." -> 3100; None for "4,5".

    >>> _count("1 532"), _count("3,1 тыс."), _count("12K"), _count("4,5")
    (1532, 3100, 12000, None)
    """
    m = re.match(r"([\d \u00a0\u202f]+)(?:[,.](\d{1,2}))?\s?(\D*)$", text.strip())
    if not m:
        return None
    whole, fraction, suffix = re.sub(r"\D", "", m.group(1)), m.group(2), m.group(3).strip().lower()
    if not suffix:
        return None if fraction else int(whole)
    return round(float(f"{whole}.{fraction or 0}") * 1000)


def _author(value: str) -> str | None:
    """An author field without what bylines add after it (", фото автора", " / Астана")."""
    name = re.split(r"[,;|(/]|\s[—–-]\s|\sфото\b", value, maxsplit=1, flags=re.IGNORECASE)[0].strip()
    if not name:
        return None
    if _NAME.match(name):
        # "Асель МУКАНОВА" -> "Асель Муканова"
        return " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in name.split())
    return name


def _name_line(part: str) -> str | None:
    """A bare author name ("Асель Муканова", "Асель Муканова, Астана"), or None."""
    head, _, tail = part.partition(",")
    # at least one word in title case: "НОВОСТИ КАЗАХСТАНА" is a site name, not a person
    if _NAME.match(head.strip()) and len(tail.split()) <= 2 and not head.isupper():
        return _author(head)
    return None


# ---------------------------------------------------------------- line kinds

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
        content = piece.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        lead = len(content) - len(content.lstrip())
        stripped = content.strip()
        out.append(_Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(piece)
    return out


def is_caption(line: str) -> bool:
    """A photo or video caption line ("Фото: пресс-служба", "фото из архива «КП»").

    >>> is_caption("Фото: пресс-служба акимата"), is_caption("Фото акции опубликовали в соцсетях.")
    (True, False)
    """
    return len(line) < 160 and _marked("clean_captions.txt", line, short=120)


def is_tail_marker(line: str) -> bool:
    """A line that starts a page's navigation tail ("Популярное", "Читайте также:" …).

    >>> is_tail_marker("Читайте также:"), is_tail_marker("Комментарии (0)"), is_tail_marker("[[year]]")
    (True, True, True)
    >>> is_tail_marker("Источник в акимате сообщил, что гранты распределят до конца года.")
    False
    """
    if _TEMPLATE_SLOT.search(line) and len(_TEMPLATE_SLOT.sub("", line).strip(" •·-–|")) < 3:
        return True
    return len(line) < 200 and _marked("clean_tail_markers.txt", line, short=80)


def _is_inline_marker(line: str) -> bool:
    """Furniture that also stands inside articles: a one-word slot ("Реклама",
    "Поделиться") or a marker with its content on the line ("Читайте также: …")."""
    m = _pattern("clean_inline_markers.txt").match(line)
    return bool(m) and (not _specific(m.group(1)) or bool(line[m.end():].strip(" :—–-")))


_HEADLINE_END = re.compile(r"[.…:;,]$")
_LIST_ITEM = re.compile(r"^(?:\d{1,2}[.)]\s|[-–—•*·▪●]\s?)")


def _is_headline(line: str) -> bool:
    """Short, capitalized, without the final punctuation of a body sentence."""
    if not 0 < len(line) <= 130 or _HEADLINE_END.search(line) or _LIST_ITEM.match(line):
        return False
    if line[-1] in "!?" and len(line) > 90:
        return False
    return line[0].isupper() or line[0].isdigit() or line[0] in "«\"„“$€"


def _is_prose(line: str) -> bool:
    """A paragraph of article text: long enough, many words, a sentence ending."""
    return (len(line) >= 60 and len(line.split()) >= 8 and bool(_SENTENCE_STOP.search(line))
            and not is_tail_marker(line) and not is_caption(line))


def _next_content(lines: list[_Line], j: int, skip_furniture: bool = False) -> _Line | None:
    """The next non-blank line from ``j`` (past furniture lines too, when asked), looking
    no further than 50 lines so that a page of furniture stays linear."""
    for line in lines[j:j + 50]:
        if line.blank or (skip_furniture and (is_tail_marker(line.text) or is_caption(line.text))):
            continue
        return line
    return None


def _prose_follows(lines: list[_Line], j: int, skip_furniture: bool = False) -> bool:
    nxt = _next_content(lines, j, skip_furniture)
    return nxt is not None and _is_prose(nxt.text)


def _is_breadcrumb(line: str) -> bool:
    """"Главная / Новости / Общество": short pieces between separators."""
    pieces = _BREADCRUMB_SEPARATOR.split(line)
    return (len(pieces) >= 3 or (len(pieces) == 2 and pieces[0].lower() in ("главная", "home", "новости"))) \
        and all(0 < len(p.split()) <= 4 for p in pieces) and not _SENTENCE_STOP.search(line)


def _menu_length(lines: list[_Line], i: int) -> int:
    """How many lines from ``i`` read like a site menu: one to three words each, no blank
    line between them ("Главная\\nНовости\\nОбщество")."""
    k = i
    while k < len(lines) and not lines[k].blank and len(lines[k].text) <= 30 \
            and len(lines[k].text.split()) <= 3 and _is_headline(lines[k].text) \
            and not _meta(lines[k].text, CleanPage("")):
        k += 1
    return k - i


# ---------------------------------------------------------------- the head

def _meta(line: str, page: CleanPage) -> bool:
    """Take what a head line says about the page; True when the line is metadata."""
    parts = [p.strip() for p in re.split(r"\s[|•·]\s", line)] if len(line) < 200 else [line]
    taken = False
    for part in parts:
        if (m := _VIEWS.match(part)) and (views := _count(m.group(1))) is not None:
            page.views = page.views if page.views is not None else views
            taken = True
        elif m := _AUTHOR_LABEL.match(part):
            page.author = page.author or _author(m.group(1))
            taken = True
        elif iso := _date_line(part):
            page.published = page.published or iso
            taken = True
        elif _CLOCK_ONLY.match(part):
            taken = True
        elif ((m := _VIEWS_INLINE.search(part)) and len(part) < 60
              and (views := _count(m.group(1) or m.group(2))) is not None):
            page.views = page.views if page.views is not None else views
            taken = True
        elif len(parts) <= 3 and not page.author and (name := _name_line(part)):
            page.author = name
            taken = True
        elif is_caption(part):
            taken = True
    return taken


def _is_rubric(lines: list[_Line], i: int) -> bool:
    """A one- or two-word section name above the headline ("Общество")."""
    text = lines[i].text
    nxt = _next_content(lines, i + 1)
    return (len(text.split()) <= 2 and len(text) <= 25 and nxt is not None
            and _is_headline(nxt.text.rstrip("?!")) and len(nxt.text.split()) >= 3
            and not _meta(nxt.text, CleanPage("")))


def _read_head(lines: list[_Line], page: CleanPage) -> tuple[int, list[_Line]]:
    """Fill the page's metadata from its head. Returns the index of the line after the
    head, and the head lines that belong to the body (a subtitle between the headline
    and the byline)."""
    i = 0
    subtitles: list[_Line] = []
    while i < len(lines):
        line = lines[i]
        text = line.text
        if line.blank:
            i += 1
        elif len(text) < 200 and _meta(text, page):
            i += 1
        elif _is_breadcrumb(text):
            i += 1
        elif (is_tail_marker(text) or is_caption(text)) and _prose_follows(lines, i + 1, skip_furniture=True):
            i += 1          # share buttons, a comment counter or a caption above the body
        elif page.title is None and _is_headline(text.rstrip("?!")) and _next_content(lines, i + 1):
            menu = _menu_length(lines, i)
            if menu >= 3 and _next_content(lines, i + menu):
                i += menu   # a site menu above the headline
            elif _is_rubric(lines, i):
                i += 1
            else:
                page.title = text
                i += 1
        elif page.title is not None and not subtitles and _is_headline(text.rstrip("?!")) \
                and (nxt := _next_content(lines, i + 1)) and _meta(nxt.text, CleanPage("")):
            subtitles.append(line)   # the subtitle above a byline opens the body
            i += 1
        else:
            break
    return i, subtitles


# ---------------------------------------------------------------- the tail

def _tail_start(lines: list[_Line], first: int) -> int:
    """Index of the first line of the navigation tail (len(lines) when there is none)."""
    k = first
    previous = None
    seen_prose = False      # a headline run never takes the whole body
    while k < len(lines):
        line = lines[k]
        if line.blank:
            k += 1
            continue
        if is_tail_marker(line.text):
            if not (_is_inline_marker(line.text) and _prose_follows(lines, k + 1)):
                return k
        elif _is_headline(line.text):
            run = _run_length(lines, k)
            if previous is not None and previous.text.endswith(":"):
                k += run        # a list the body introduced ("Победителями стали:")
                previous = lines[k - 1]
                continue
            if run >= 3 and seen_prose:     # other headlines, one per line
                return k
            k += run            # short lines of the body (a run holds no marker)
            previous = lines[k - 1]
            continue
        seen_prose = seen_prose or _is_prose(line.text)
        previous = line
        k += 1
    return len(lines)


def _run_length(lines: list[_Line], i: int) -> int:
    """Headline-like lines from ``i`` with no blank line between them."""
    k = i
    while k < len(lines) and not lines[k].blank and _is_headline(lines[k].text) \
            and not is_tail_marker(lines[k].text):
        k += 1
    return k - i


# ---------------------------------------------------------------- the page

def clean_page(raw: str) -> CleanPage:
    """Metadata and the body of a scraped page, with the map back to raw offsets.

    >>> page = clean_page("Заголовок статьи\\n\\n1 234\\nАсель Муканова\\n\\nТекст статьи.\\n\\nЧитайте также\\nДругая новость\\n")
    >>> page.title, page.views, page.author, page.body
    ('Заголовок статьи', 1234, 'Асель Муканова', 'Текст статьи.')
    """
    lines = _lines(raw)
    page = CleanPage(body="")
    first, subtitles = _read_head(lines, page)
    stop = _tail_start(lines, first)
    kept = subtitles + [line for line in lines[first:stop]
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

    ``raw_map`` is ``CleanPage.raw_map`` (or ``json.loads(articles.raw_map)``); an end
    offset (``stop``) maps too, so ``raw[to_raw_offset(m, start):to_raw_offset(m, stop)]``
    is the quote of a row that does not span a removed caption.

    >>> to_raw_offset([(0, 10, 5), (7, 30, 4)], 8)
    31
    >>> to_raw_offset([(0, 10, 5), (7, 30, 4)], 5), to_raw_offset([(0, 10, 5), (7, 30, 4)], 6)
    (15, None)
    """
    starts = [b for b, _, _ in raw_map]
    k = bisect_right(starts, body_offset) - 1
    if k < 0:
        return None
    b, r, n = raw_map[k]
    if body_offset <= b + n:       # inside the run, or just past its end (a stop offset)
        return r + body_offset - b
    return None


def as_body(text: str) -> CleanPage:
    """A text that is a body already: kept as it is, offsets identical to the raw text.

    >>> as_body("Текст.").raw_map
    [(0, 0, 6)]
    """
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
