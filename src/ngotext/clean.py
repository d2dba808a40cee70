"""Split a scraped page into metadata and a clean body."""
from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(slots=True)
class CleanPage:
    body: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    views: int | None = None
    # [body_start, raw_start, length] runs: body[b:b+n] == raw[r:r+n]
    raw_map: list[tuple[int, int, int]] = field(default_factory=list)


def clean_page(raw: str) -> CleanPage:
    """The body of a page (trimmed), with the map back to raw offsets.

    >>> clean_page("  Текст статьи.  ").body
    'Текст статьи.'
    """
    stripped = raw.strip()
    start = raw.find(stripped) if stripped else 0
    return CleanPage(stripped, raw_map=[(0, start, len(stripped))] if stripped else [])


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
